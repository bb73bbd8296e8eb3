/**
 * The read model and its projection: per person every career event ({@code person_histories}), per team everyone
 * who ever belonged ({@code team_members}), in generations ({@link io.careerpath.query.history.ReadModelGenerations}).
 * Written by {@link io.careerpath.query.history.PersonHistoryProjection} (idempotent per person sequence, erasure
 * wins, out-of-step people repaired from the event store by {@link io.careerpath.query.history.ReadModelRepair});
 * read by {@link io.careerpath.query.history.HistoryReads} (read-your-writes with {@code minSequence}).
 */
package io.careerpath.query.history;
