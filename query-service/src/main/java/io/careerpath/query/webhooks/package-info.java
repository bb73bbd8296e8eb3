/**
 * Reminders by webhook (issue 16): HR administrators register endpoints; each reminder raised
 * ({@link io.careerpath.query.reminders.RemindersRaised}) becomes one delivery per endpoint, POSTed as JSON signed
 * with the endpoint's secret (Stripe's scheme), retried with exponential backoff, every attempt kept in the
 * endpoint's delivery log. Deliveries are claimed in MongoDB with a lease, so that several query-service instances
 * never send the same attempt twice. The payload carries pseudonymous ids only: the receiver is outside the
 * crypto-shredding boundary (docs/security.md).
 */
package io.careerpath.query.webhooks;
