-- Idempotency-Key: one row per key, written in the same transaction as the events it answered
-- (see IdempotentRequests). A row is inserted before the command runs and completed after it; no
-- other transaction ever sees it incomplete. Runs on PostgreSQL and on H2 (file mode) alike.

CREATE TABLE idempotency_keys (
    idempotency_key VARCHAR(200)  NOT NULL PRIMARY KEY,
    -- SHA-256 of method, path, recording identity and parsed body: the same key with another request is refused
    request_hash    CHAR(64)      NOT NULL,
    -- whose history the request changed
    person_id       VARCHAR(255),
    status          INTEGER,
    location        VARCHAR(1000),
    -- the first answer, replayed as it was
    body            VARCHAR(4000),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
