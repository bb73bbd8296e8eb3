package io.careerpath.command.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.careerpath.command.personaldata.PersonalDataHolder;
import io.careerpath.command.web.Problems;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@code Idempotency-Key} header: a client that is not sure its request arrived sends it again
 * with the same key, and gets the first answer back, with nothing recorded twice.
 *
 * <p>Each key is stored with a hash of its request (method, path, the recording identity, the parsed
 * body) and the answer, in table {@code idempotency_keys} of the event store's database, <em>in the
 * same transaction as the events</em>: the command is dispatched inside a Spring transaction, and Axon's
 * unit of work joins it. So a key exists exactly when its events do, and a retry after a crash or a
 * restart still finds the first answer. The key's row is inserted before the command runs: a second
 * request with the same key that arrives while the first is in flight waits on that row (the database's
 * unique key) and then replays the first answer, instead of recording the event again.
 *
 * <p>Only successful answers are kept. A refused request records nothing, not even its key, so its
 * retry is decided afresh (and is refused again, unless the history changed meanwhile). The same key
 * with a different request is refused with 409.
 *
 * <p><b>Keys expire</b> {@code careerpath.idempotency.keys-expire-after} (24 hours) after their first
 * request, as payment APIs' keys do: after that the key is unknown, and a request carrying it is decided
 * afresh as a new one (recorded again if the rules allow; no conflict if its body differs). A key is
 * expired as soon as its time is up, whether or not {@link ExpiredKeysPruner} has deleted its row yet.
 * Erasing a person deletes the keys of the requests that changed their history at once: the stored hash
 * covers the request's body, names included.
 *
 * <p>The answers stored are ids and sequence numbers only, never a name.
 */
@Component
public class IdempotentRequests implements PersonalDataHolder {

    public static final String HEADER = "Idempotency-Key";
    /** Sent with a replayed answer, so that a client can tell. */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,200}");

    /**
     * A successful answer, as it is given the first time and replayed after.
     *
     * @param personId the person whose history the request changed
     */
    public record Answer(HttpStatus status, URI location, String personId, Object body) {
    }

    private record Stored(String requestHash, int status, String location, String body) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration keysExpireAfter;

    IdempotentRequests(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, ObjectMapper json, Clock clock,
                       IdempotencyProperties properties) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.json = json;
        this.clock = clock;
        this.keysExpireAfter = properties.keysExpireAfter();
    }

    /**
     * Answers a request that records something: by running {@code action} (with {@code key} null, or
     * the first time a key is seen), or by replaying the answer stored for {@code key}.
     *
     * @param request what identifies the request besides its key: method and path, who records, the parsed body
     */
    public ResponseEntity<JsonNode> answer(String key, List<Object> request, Supplier<Answer> action) {
        if (key == null) {
            Answer answer = action.get();
            return respond(answer.status().value(), answer.location(), json.valueToTree(answer.body()), false);
        }
        if (!KEY.matcher(key).matches()) {
            throw Problems.refusal(HttpStatus.BAD_REQUEST, "invalid-header", "Invalid header",
                    HEADER + " must be 1 to 200 visible ASCII characters (a UUID, for example)");
        }
        String hash = hash(request);
        Optional<Stored> stored = find(key);
        if (stored.isPresent()) {
            return replay(key, stored.get(), hash);
        }
        try {
            return transactions.execute(status -> {
                claim(key, hash);
                Answer answer = action.get();
                String body = write(answer.body());
                jdbc.update("UPDATE idempotency_keys SET person_id = ?, status = ?, location = ?, body = ?"
                                + " WHERE idempotency_key = ?", answer.personId(), answer.status().value(),
                        answer.location() == null ? null : answer.location().toString(), body, key);
                return respond(answer.status().value(), answer.location(), read(body), false);
            });
        } catch (KeyTaken taken) {
            // the same key was used by a request that committed while this one waited for its row
            return replay(key, find(key).orElseThrow(), hash);
        }
    }

    @Override
    public void erase(String personId) {
        jdbc.update("DELETE FROM idempotency_keys WHERE person_id = ?", personId);
    }

    /**
     * Inserts the key's row, in the request's transaction. An expired row of the same key that the pruner has
     * not deleted yet is deleted first: the key starts anew.
     */
    private void claim(String key, String hash) {
        Instant now = clock.instant();
        jdbc.update("DELETE FROM idempotency_keys WHERE idempotency_key = ? AND created_at <= ?", key,
                Timestamp.from(now.minus(keysExpireAfter)));
        try {
            jdbc.update("INSERT INTO idempotency_keys (idempotency_key, request_hash, created_at) VALUES (?, ?, ?)",
                    key, hash, Timestamp.from(now));
        } catch (DuplicateKeyException e) {
            throw new KeyTaken();
        }
    }

    private ResponseEntity<JsonNode> replay(String key, Stored stored, String hash) {
        if (!stored.requestHash().equals(hash)) {
            throw Problems.refusal(HttpStatus.CONFLICT, "idempotency-key-reused", "Idempotency key reused",
                    "Idempotency-Key '" + key + "' was already used for a different request; use a new key for a"
                            + " new request");
        }
        return respond(stored.status(), stored.location() == null ? null : URI.create(stored.location()),
                read(stored.body()), true);
    }

    /** The key's answer, unless it has expired. */
    private Optional<Stored> find(String key) {
        return jdbc.query("SELECT request_hash, status, location, body FROM idempotency_keys"
                        + " WHERE idempotency_key = ? AND status IS NOT NULL AND created_at > ?",
                (row, n) -> new Stored(row.getString(1), row.getInt(2), row.getString(3), row.getString(4)), key,
                Timestamp.from(clock.instant().minus(keysExpireAfter)))
                .stream().findFirst();
    }

    private static ResponseEntity<JsonNode> respond(int status, URI location, JsonNode body, boolean replayed) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(status);
        if (location != null) {
            response.location(location);
        }
        if (replayed) {
            response.header(REPLAYED_HEADER, "true");
        }
        return response.body(body);
    }

    private String hash(List<Object> request) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(json.writeValueAsString(request).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException("Cannot fingerprint the request", e);
        }
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot store the answer", e);
        }
    }

    private JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot read a stored answer", e);
        }
    }

    /** The key's row exists: another request with this key committed first. */
    private static final class KeyTaken extends RuntimeException {
        KeyTaken() {
            super(null, null, false, false);
        }
    }
}
