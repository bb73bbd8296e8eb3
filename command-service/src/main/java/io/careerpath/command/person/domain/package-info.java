/** The person aggregate: its state, the career rules and its commands. Plain Java with Axon's aggregate annotations: no web, no SQL, no JSON (ArchitectureTest). */
package io.careerpath.command.person.domain;
