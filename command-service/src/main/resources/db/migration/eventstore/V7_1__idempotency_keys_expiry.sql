-- Idempotency keys expire (careerpath.idempotency.keys-expire-after, 24 hours by default; IdempotentRequests): a
-- background pruner deletes expired rows oldest first, in batches, and finds them through this index instead of
-- reading the whole table. On a large table the first start after this migration builds the index while writes
-- to the table wait. Runs on PostgreSQL and on H2 alike.

CREATE INDEX ix_idempotency_keys_created_at ON idempotency_keys (created_at);
