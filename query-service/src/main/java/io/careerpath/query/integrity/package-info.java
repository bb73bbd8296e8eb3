/**
 * The integrity check ({@code /api/admin/read-models/integrity}, and on a schedule): every person's read model
 * compared with the event store, people out of step repaired, the topic's retention reported; its health.
 */
package io.careerpath.query.integrity;
