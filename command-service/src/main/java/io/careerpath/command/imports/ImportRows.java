package io.careerpath.command.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.careerpath.command.person.api.CareerEventRequest;
import io.careerpath.command.person.api.RegisterPersonRequest;
import io.careerpath.command.person.domain.ImportRow;
import io.careerpath.command.web.BodyProblems;
import io.careerpath.events.DeliveryResponsibility;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * Reads one row of a bulk import, given as the JSON object the API would take as a body (CSV rows are
 * turned into one first), with the API's own strict mapper and validator: the same types, the same
 * unknown-field and unknown-type refusals, the same limits and the same words. What the rules of a
 * career say about the row is decided later, by the aggregate.
 *
 * <p>Besides the API's types, a row may be {@code PERSON_REGISTERED} with the fields of
 * {@code POST /api/people} ({@code displayName}, {@code teamId}, optional {@code effectiveDate}).
 */
@Component
public class ImportRows {

    public static final String PERSON_REGISTERED = ImportRow.PERSON_REGISTERED;
    private static final String ROW_ID_NAMESPACE = "careerpath-import/v1\n";
    private static final String DELIVERY_RESPONSIBILITY = "deliveryResponsibility";
    /**
     * Left out of a row's id: the personal data the event seals (docs/security.md). An id derived from a
     * name would let anyone holding a guess confirm it from the id, erased or not.
     */
    private static final Set<String> PERSONAL_FIELDS =
            Set.of("displayName", "projectName", "pmoName", "programName", "reason", "assessor");

    /**
     * A row read: either {@code row}, or why not ({@code problem} is the API's problem type slug,
     * {@code field} the field at fault where there is one, {@code reason} the API's words).
     */
    public record Decoded(ImportRow row, String problem, String field, String reason) {

        public boolean ok() {
            return row != null;
        }

        static Decoded failure(String problem, String field, String reason) {
            return new Decoded(null, problem, field, reason);
        }
    }

    private final ObjectMapper json;
    private final Validator validator;
    private final ObjectMapper canonical = new ObjectMapper();

    public ImportRows(ObjectMapper json, Validator validator) {
        this.json = json;
        this.validator = validator;
    }

    /**
     * @param personId the person the row's {@code personRef} names (see the import's {@code ImportedPersonIds})
     * @param fields   the row's fields, {@code personRef} excluded; null values count as absent
     */
    public Decoded decode(long line, String personId, ObjectNode fields) {
        ObjectNode row = fields.deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> it = row.fields(); it.hasNext(); ) {
            if (it.next().getValue().isNull()) {
                it.remove();
            }
        }
        String eventId = rowId(personId, row);
        JsonNode type = row.get("type");
        try {
            if (type != null && type.isTextual() && PERSON_REGISTERED.equals(type.textValue())) {
                ObjectNode registration = row.deepCopy();
                registration.remove("type");
                if (registration.has("personId")) {
                    // a file names people by personRef; the id they get follows from it
                    return Decoded.failure("unknown-field", "personId", "Field 'personId' is not accepted in an"
                            + " import: the person is named by personRef");
                }
                RegisterPersonRequest request = json.treeToValue(registration, RegisterPersonRequest.class);
                return valid(request, () -> ImportRow.registration(line, eventId,
                        new ImportRow.Registration(request.displayName(), request.teamId(), request.effectiveDate(),
                                request.teamName())));
            }
            CareerEventRequest request = json.treeToValue(row, CareerEventRequest.class);
            return valid(request, () -> ImportRow.event(line, eventId, request.type(), request::toCommand));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            ProblemDetail problem = BodyProblems.unreadable(e, "row");
            return Decoded.failure(slug(problem), firstField(problem), problem.getDetail());
        }
    }

    private Decoded valid(Object request, java.util.function.Supplier<ImportRow> row) {
        Set<ConstraintViolation<Object>> violations = validator.validate(request);
        if (violations.isEmpty()) {
            return new Decoded(row.get(), null, null, null);
        }
        List<ConstraintViolation<Object>> sorted = violations.stream()
                .sorted(Comparator.comparing((ConstraintViolation<Object> v) -> v.getPropertyPath().toString())
                        .thenComparing(ConstraintViolation::getMessage))
                .toList();
        return Decoded.failure("validation", sorted.get(0).getPropertyPath().toString(), sorted.stream()
                .map(v -> v.getPropertyPath() + ": " + v.getMessage()).collect(Collectors.joining("; ")));
    }

    /**
     * The row's event id: the person and the row's fields, sorted by name, as JSON; personal data left out
     * (two rows that differ only in a name or free text are the same fact, recorded once). It reveals nothing the
     * event does not show in the clear: the person's id (never the HR reference itself) and the row's other fields.
     * {@code deliveryResponsibility} counts in the form JOINED_PMO revision 1 had where it has one
     * ({@code FULL} as {@code true}, {@code NONE} as {@code false}): files written before revision 2 keep
     * their rows' ids, and the same fact in either form is one event.
     */
    private String rowId(String personId, ObjectNode row) {
        Map<String, JsonNode> sorted = new TreeMap<>();
        row.fields().forEachRemaining(field -> {
            if (!PERSONAL_FIELDS.contains(field.getKey())) {
                sorted.put(field.getKey(), field.getKey().equals(DELIVERY_RESPONSIBILITY)
                        ? asInRevision1(field.getValue()) : field.getValue());
            }
        });
        String content;
        try {
            content = canonical.writeValueAsString(sorted);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return UUID.nameUUIDFromBytes((ROW_ID_NAMESPACE + personId + "\n" + content).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    private static JsonNode asInRevision1(JsonNode deliveryResponsibility) {
        if (deliveryResponsibility.isTextual()) {
            String value = deliveryResponsibility.textValue();
            if (value.equals(DeliveryResponsibility.FULL.name())) {
                return BooleanNode.TRUE;
            }
            if (value.equals(DeliveryResponsibility.NONE.name())) {
                return BooleanNode.FALSE;
            }
        }
        return deliveryResponsibility;
    }

    private static String slug(ProblemDetail problem) {
        String type = String.valueOf(problem.getType());
        return type.substring(type.lastIndexOf(':') + 1);
    }

    @SuppressWarnings("unchecked")
    private static String firstField(ProblemDetail problem) {
        Object errors = problem.getProperties() == null ? null : problem.getProperties().get("errors");
        if (errors instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof BodyProblems.FieldError error) {
            return error.field();
        }
        return null;
    }
}
