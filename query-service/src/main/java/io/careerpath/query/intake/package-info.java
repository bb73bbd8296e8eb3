/**
 * How career events reach the projection: Axon's Kafka consumer as a tracking processor (token in MongoDB), the
 * dead-letter queue where a person whose event cannot be projected is parked (an erasure never waits), records that
 * are not events, how far and how stale the read models are ({@code X-Read-Model-Lag}), and Kafka's health.
 */
package io.careerpath.query.intake;
