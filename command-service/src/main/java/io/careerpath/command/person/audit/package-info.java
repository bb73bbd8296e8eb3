/** The audit view: a person's events read straight from the event store, personal data opened. */
package io.careerpath.command.person.audit;
