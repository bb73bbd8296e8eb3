package io.careerpath.query.history;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.careerpath.events.CareerEvent;
import io.careerpath.security.PersonalData;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.bson.Document;
import org.bson.types.Binary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One recorded career event as the read side keeps it: the fields every event has, plus the
 * event's own fields as {@code details} (so a new event type needs no code here to be kept).
 * Dates are ISO strings: they sort as text and read back without time-zone surprises.
 *
 * <p>Personal data (names, free text) is stored sealed, exactly as it arrived; {@link #opened} gives
 * the entry with it readable, for an answer only.
 *
 * @param type the event's API name, e.g. {@code JOINED_PMO}
 */
public record HistoryEntry(String eventId, long sequence, String type, LocalDate effectiveDate, String recordedBy,
                           Instant recordedAt, Map<String, Object> details) {

    private static final Logger LOG = LoggerFactory.getLogger(HistoryEntry.class);
    private static final ObjectMapper EVENT_FIELDS = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final Set<String> COMMON_FIELDS =
            Set.of("personId", "eventId", "effectiveDate", "recordedBy", "recordedAt");

    static HistoryEntry of(CareerEvent event, long sequence) {
        Map<String, Object> details = EVENT_FIELDS.convertValue(event, new TypeReference<LinkedHashMap<String, Object>>() {
        });
        details.keySet().removeAll(COMMON_FIELDS);
        details.values().removeIf(Objects::isNull);
        return new HistoryEntry(event.eventId(), sequence, CareerEvent.typeOf(event.getClass()), event.effectiveDate(),
                event.recordedBy(), event.recordedAt(), details);
    }

    public String detail(String name) {
        Object value = details.get(name);
        return value == null ? null : value.toString();
    }

    /** Whether a detail is sealed personal data, which only the person's key opens. */
    boolean hasSealedDetails() {
        return details.values().stream().anyMatch(value -> value instanceof String text && PersonalData.isSealed(text));
    }

    /**
     * This entry with its sealed details opened with the person's key. A value that does not open
     * (altered, or sealed for someone else) is left out rather than failing the whole answer, and
     * logged without its content.
     */
    HistoryEntry opened(byte[] key, String personId) {
        if (!hasSealedDetails()) {
            return this;
        }
        Map<String, Object> open = new LinkedHashMap<>();
        details.forEach((name, value) -> {
            if (value instanceof String text && PersonalData.isSealed(text)) {
                try {
                    open.put(name, PersonalData.open(key, personId, text));
                } catch (IllegalArgumentException e) {
                    LOG.warn("Detail {} of event {} of person {} does not open with the person's key", name, eventId, personId);
                }
            } else {
                open.put(name, value);
            }
        });
        return new HistoryEntry(eventId, sequence, type, effectiveDate, recordedBy, recordedAt, open);
    }

    /** The entry as the read model stores it ({@link PackedEntries}), with the event store's id of its event. */
    public Binary packed(String messageId) {
        return PackedEntries.pack(toDocument().append(HistoryWrites.MESSAGE_ID, messageId));
    }

    Document toDocument() {
        return new Document("eventId", eventId)
                .append("sequence", sequence)
                .append("type", type)
                .append("effectiveDate", effectiveDate.toString())
                .append("recordedBy", recordedBy)
                .append("recordedAt", Date.from(recordedAt))
                .append("details", new Document(details));
    }

    static HistoryEntry fromDocument(Document document) {
        return new HistoryEntry(document.getString("eventId"),
                document.get("sequence", Number.class).longValue(),
                document.getString("type"),
                LocalDate.parse(document.getString("effectiveDate")),
                document.getString("recordedBy"),
                document.getDate("recordedAt").toInstant(),
                new LinkedHashMap<>(document.get("details", Document.class)));
    }
}
