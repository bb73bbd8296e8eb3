/** Idempotency keys: a retried request returns the first answer. */
package io.careerpath.command.idempotency;
