-- Secrets of this installation (docs/security.md), one row each, created by the service at its first start
-- (InstallationKeys) and never changed afterwards. 'imported-person-ids' keys the HMAC that turns an HR reference
-- (a bulk import's personRef) into the id of the person it names, so that nobody can compute a person's id from
-- their HR reference without this row. Beside person_keys: whoever backs up or restores one does the other too.
-- Runs on PostgreSQL and on H2 alike.

CREATE TABLE installation_keys (
    name       VARCHAR(100)             NOT NULL PRIMARY KEY,
    key_bytes  BYTEA                    NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
