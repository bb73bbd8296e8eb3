-- The Kafka publisher's dead letters (Axon's JdbcSequencedDeadLetterQueue, processing group kafka-publisher):
-- an event Kafka refuses for good (a record too large for the topic, say) is parked here with the person's later
-- events behind it, while everyone else's events keep flowing; an administrator retries or evicts them
-- (/api/admin/dead-letters). Axon's default names (DeadLetterEntry, ...), unquoted as in V1; binary columns
-- BYTEA where Axon's own table factory writes BLOB, which PostgreSQL lacks; Axon stores the times as text.
-- Runs on PostgreSQL and on H2 (MODE=PostgreSQL) alike. In the event store's database, so that parking an
-- event commits in the same transaction as the publisher's token.

CREATE TABLE DeadLetterEntry (
    deadLetterIdentifier VARCHAR(255)  NOT NULL,
    processingGroup      VARCHAR(255)  NOT NULL,
    sequenceIdentifier   VARCHAR(255)  NOT NULL,
    sequenceIndex        BIGINT        NOT NULL,
    messageType          VARCHAR(255)  NOT NULL,
    eventIdentifier      VARCHAR(255)  NOT NULL,
    timestamp            VARCHAR(255)  NOT NULL,
    payloadType          VARCHAR(255)  NOT NULL,
    payloadRevision      VARCHAR(255),
    payload              BYTEA         NOT NULL,
    metaData             BYTEA,
    type                 VARCHAR(255),
    aggregateIdentifier  VARCHAR(255),
    sequenceNumber       BIGINT,
    tokenType            VARCHAR(255),
    token                BYTEA,
    enqueuedAt           VARCHAR(255)  NOT NULL,
    lastTouched          VARCHAR(255),
    processingStarted    VARCHAR(255),
    causeType            VARCHAR(255),
    causeMessage         VARCHAR(1023),
    diagnostics          BYTEA,
    CONSTRAINT pk_dead_letter_entry PRIMARY KEY (deadLetterIdentifier),
    -- a sequence's letters in order; also the index of every query by group and by (group, sequence)
    CONSTRAINT uk_dead_letter_sequence_index UNIQUE (processingGroup, sequenceIdentifier, sequenceIndex)
);
