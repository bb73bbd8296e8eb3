-- Crypto-shredding (docs/security.md): one random 256-bit key per person, with which the personal data
-- inside their events (name, project names, free text) is sealed before it is stored. Erasing a person
-- deletes their row; the service then rewrites the table (VACUUM FULL on PostgreSQL) so that the key
-- leaves the database files too. Runs on PostgreSQL and on H2 (file and memory mode) alike.

CREATE TABLE person_keys (
    person_id  VARCHAR(36)              NOT NULL PRIMARY KEY,
    key_bytes  BYTEA                    NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- What an erasure deletes besides the key: the person's stored answers (idempotency_keys.person_id) and
-- the import failures listed for them. Failures name the file's personRef; person_id is the person it
-- stands for, written with the failure (rows written before this migration have none).
ALTER TABLE import_job_failures ADD COLUMN person_id VARCHAR(36);
CREATE INDEX ix_import_job_failures_person ON import_job_failures (person_id);
CREATE INDEX ix_idempotency_keys_person ON idempotency_keys (person_id);
