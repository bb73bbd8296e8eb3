-- Bulk imports (docs/bulk-import.md, package io.careerpath.command.imports). Runs on PostgreSQL and on
-- H2 (file mode) alike.

-- One row per uploaded file: its figures, written every second while it runs and once at the end, so
-- that every server answers GET /api/imports/{id}, also after a restart.
CREATE TABLE import_jobs (
    job_id           VARCHAR(36)   NOT NULL PRIMARY KEY,
    state            VARCHAR(20)   NOT NULL,
    file_name        VARCHAR(255),
    format           VARCHAR(10)   NOT NULL,
    file_sha256      CHAR(64)      NOT NULL,
    file_bytes       BIGINT        NOT NULL,
    recorded_by      VARCHAR(200)  NOT NULL,
    rows_total       BIGINT        NOT NULL,
    rows_done        BIGINT        NOT NULL,
    recorded         BIGINT        NOT NULL,
    already_recorded BIGINT        NOT NULL,
    failed           BIGINT        NOT NULL,
    events_recorded  BIGINT        NOT NULL,
    error            VARCHAR(2000),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at       TIMESTAMP WITH TIME ZONE,
    finished_at      TIMESTAMP WITH TIME ZONE,
    -- from the start to now (while it runs) or to its end, on a monotonic clock: the rate is rows_done / this
    elapsed_micros   BIGINT        NOT NULL DEFAULT 0,
    -- the heartbeat: a QUEUED or RUNNING import whose heartbeat stopped was interrupted (server stopped)
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX ix_import_jobs_created_at ON import_jobs (created_at);

-- The failures listed for an import (the lowest line numbers, up to careerpath.imports.max-reported-failures),
-- written when it ends.
CREATE TABLE import_job_failures (
    job_id      VARCHAR(36)   NOT NULL,
    line_number BIGINT        NOT NULL,
    person_ref  VARCHAR(200),
    problem     VARCHAR(100)  NOT NULL,
    field_name  VARCHAR(100),
    reason      VARCHAR(2000) NOT NULL,
    PRIMARY KEY (job_id, line_number)
);

-- Rows the career rules refused, per file (SHA-256 of its bytes) and row (the event id the row would have
-- had), written in the same transaction as the events of the rows beside them. A run of the same file
-- again refuses them again with the same reason, without asking the rules: rows recorded since (later in
-- that file) cannot turn a refused row into an accepted one. Another file is decided afresh.
CREATE TABLE import_refused_rows (
    file_sha256 CHAR(64)      NOT NULL,
    row_id      VARCHAR(36)   NOT NULL,
    problem     VARCHAR(100)  NOT NULL,
    field_name  VARCHAR(100),
    reason      VARCHAR(2000) NOT NULL,
    PRIMARY KEY (file_sha256, row_id)
);
