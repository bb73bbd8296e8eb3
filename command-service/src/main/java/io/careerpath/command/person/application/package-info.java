/** What the application decides around the domain: who may see a person ({@code PersonAccess}), the rules' configuration. */
package io.careerpath.command.person.application;
