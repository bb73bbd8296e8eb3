package io.careerpath.query.history;

import io.careerpath.query.api.Viewpoint;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/**
 * A person's history as the read model stores it, before any viewpoint is applied: every event
 * recorded for them, personal data still sealed. Views of it ({@link #at}) decide what a day shows;
 * who may see it is decided from {@link #currentTeam}.
 */
public final class StoredHistory {

    private final Document document;
    private List<HistoryEntry> entries;
    private Boolean sealed;
    /** The last view derived: a request's access check (today's view) and its answer often share it. */
    private Viewpoint lastViewpoint;
    private PersonHistory lastView;

    StoredHistory(Document document) {
        this.document = document;
    }

    public String personId() {
        return document.getString("_id");
    }

    /** The person's last event the read model holds. */
    public long lastSequence() {
        return document.get("lastSequence", Number.class).longValue();
    }

    /** What is known of the career from the viewpoint (personal data still sealed). */
    public PersonHistory at(Viewpoint viewpoint) {
        if (!viewpoint.equals(lastViewpoint)) {
            lastView = PersonHistory.of(personId(), entries(), viewpoint);
            lastViewpoint = viewpoint;
        }
        return lastView;
    }

    /**
     * The person's current team (docs/security.md): the team of their latest team fact effective
     * on or before today, everything known now, retractions applied. Whatever day a request looks
     * at, access is decided by this one.
     */
    public Optional<String> currentTeam(LocalDate today) {
        return at(new Viewpoint(today, today)).teamId();
    }

    /** Whether any event holds sealed personal data: then it is readable only while the person's key exists. */
    public boolean hasSealedValues() {
        if (sealed == null) {
            sealed = entries().stream().anyMatch(HistoryEntry::hasSealedDetails);
        }
        return sealed;
    }

    /** Every entry stored, decoded once: a request's views of the history and its sealed check share them. */
    private List<HistoryEntry> entries() {
        if (entries == null) {
            entries = PersonHistory.storedEntries(document);
        }
        return entries;
    }
}
