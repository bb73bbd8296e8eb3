/** The resource server: tokens, the caller, the permission table's enforcement. */
package io.careerpath.command.security;
