/** The event store's schema and persistence settings, and reads straight from its table. */
package io.careerpath.command.eventstore;
