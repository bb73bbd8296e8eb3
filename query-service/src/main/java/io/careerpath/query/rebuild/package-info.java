/**
 * The rebuild ({@code /api/admin/read-models/rebuild}, and at start-up for an older layout): every read model
 * recomputed from the event store into a new generation without downtime, around Axon's replay
 * ({@link io.careerpath.query.rebuild.ReadModelRebuild} says why).
 */
package io.careerpath.query.rebuild;
