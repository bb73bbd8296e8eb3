package io.careerpath.query.calendar;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The accounts' feed tokens (collection {@value #COLLECTION}): one per account at most, kept only as its SHA-256
 * hash (the {@code _id}, so that every calendar poll is one read by id), so that whoever reads the database cannot
 * subscribe to anyone's feed. Not a read model: a rebuild keeps it.
 */
@Component
class CalendarFeeds {

    static final String COLLECTION = "calendar_feeds";
    /** 256 random bits, base64url without padding: 43 characters. */
    private static final int TOKEN_BYTES = 32;
    static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

    /** Whose feed a token opens, and since when. */
    record Feed(String subject, Instant createdAt) {
    }

    private final MongoCollection<Document> feeds;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    CalendarFeeds(MongoDatabase readModels, Clock clock) {
        this.feeds = readModels.getCollection(COLLECTION);
        this.clock = clock;
    }

    /** A new token for the account, replacing (and so revoking) the one it had; the token itself is kept nowhere. */
    String create(String subject) {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        revoke(subject);
        feeds.insertOne(new Document("_id", hash(token)).append("subject", subject)
                .append("createdAt", Date.from(clock.instant())));
        return token;
    }

    /** The account's feed, if it has one. */
    Optional<Feed> of(String subject) {
        return Optional.ofNullable(feeds.find(eq("subject", subject)).first()).map(CalendarFeeds::feed);
    }

    /** Revokes every token of the account (there is one, unless two were created at the same moment). */
    void revoke(String subject) {
        feeds.deleteMany(eq("subject", subject));
    }

    /** The feed a token opens; empty for anything else, without a read when it cannot be a token. */
    Optional<Feed> opened(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        return Optional.ofNullable(feeds.find(eq("_id", hash(token))).first()).map(CalendarFeeds::feed);
    }

    private static Feed feed(Document document) {
        return new Feed(document.getString("subject"), document.getDate("createdAt").toInstant());
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
