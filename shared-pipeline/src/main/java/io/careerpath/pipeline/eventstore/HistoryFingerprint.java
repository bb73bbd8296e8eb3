package io.careerpath.pipeline.eventstore;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;

/**
 * A short digest of which events a person's history holds: every (sequence number, event id) pair, in
 * sequence order. The event store computes it from its rows and the read side from its document, so
 * that the integrity check compares one value per person instead of every event: two histories with
 * the same last sequence but another event at some number (a number reused after a restore, an event
 * the store never kept) differ here.
 */
public final class HistoryFingerprint {

    private final MessageDigest digest;
    private long last = -1;

    private HistoryFingerprint() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    /** A fingerprint to be fed in ascending sequence order. */
    public static HistoryFingerprint start() {
        return new HistoryFingerprint();
    }

    /** The fingerprint of these events, by sequence number. */
    public static String of(SortedMap<Long, String> eventIdsBySequence) {
        HistoryFingerprint fingerprint = start();
        for (Map.Entry<Long, String> event : eventIdsBySequence.entrySet()) {
            fingerprint.add(event.getKey(), event.getValue());
        }
        return fingerprint.value();
    }

    public HistoryFingerprint add(long sequence, String eventId) {
        if (sequence <= last) {
            throw new IllegalArgumentException("Sequence " + sequence + " after " + last + ": add in ascending order");
        }
        last = sequence;
        digest.update((sequence + ":" + eventId + "\n").getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** 128 bits as 32 hex digits; the fingerprint of no events is that of the empty input. */
    public String value() {
        byte[] hash = digest.digest();
        return HexFormat.of().formatHex(hash, 0, 16);
    }
}
