/** The outbox's far end: the Kafka topic, the forwarder, its dead letters and health. */
package io.careerpath.command.publishing;
