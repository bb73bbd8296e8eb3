/** The HTTP API of people's careers: request bodies, {@code PersonController}, career rule problems as 422. */
package io.careerpath.command.person.api;
