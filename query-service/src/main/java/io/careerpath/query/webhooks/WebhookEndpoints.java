package io.careerpath.query.webhooks;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import io.careerpath.query.api.InvalidInput;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The registered endpoints (collection {@value #COLLECTION}, by id), each with the secret its deliveries are signed
 * with. Not a read model: a rebuild keeps them.
 */
@Component
class WebhookEndpoints {

    static final String COLLECTION = "webhook_endpoints";
    private static final Set<String> SCHEMES = Set.of("http", "https");
    private static final int LONGEST_URL = 2000;
    private static final int LONGEST_DESCRIPTION = 200;

    /**
     * A registered endpoint. The secret stays on the server: it is answered once, when the endpoint is registered.
     *
     * @param createdBy the account ({@code sub}) that registered it
     */
    record Endpoint(String id, String url, String description, Instant createdAt, String createdBy, String secret) {
    }

    private final MongoCollection<Document> endpoints;
    private final Clock clock;

    WebhookEndpoints(MongoDatabase readModels, Clock clock) {
        this.endpoints = readModels.getCollection(COLLECTION);
        this.clock = clock;
    }

    /** Registers an endpoint with a new secret; an address that is no absolute http or https URL is refused. */
    Endpoint register(String url, String description, String createdBy) {
        if (description != null && description.strip().length() > LONGEST_DESCRIPTION) {
            throw new InvalidInput("description", "must be at most " + LONGEST_DESCRIPTION + " characters long");
        }
        Endpoint endpoint = new Endpoint(UUID.randomUUID().toString(), checked(url),
                description == null || description.isBlank() ? null : description.strip(),
                clock.instant(), createdBy, WebhookSignature.newSecret());
        endpoints.insertOne(new Document("_id", endpoint.id()).append("url", endpoint.url())
                .append("description", endpoint.description()).append("createdAt", Date.from(endpoint.createdAt()))
                .append("createdBy", createdBy).append("secret", endpoint.secret()));
        return endpoint;
    }

    private static String checked(String url) {
        String trimmed = url == null ? "" : url.strip();
        if (trimmed.isEmpty()) {
            throw new InvalidInput("url", "is required: the address the reminders are POSTed to");
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw new InvalidInput("url", "must be a web address such as https://hr.example.com/hooks/careerpath");
        }
        if (trimmed.length() > LONGEST_URL) {
            throw new InvalidInput("url", "must be at most " + LONGEST_URL + " characters long");
        }
        if (uri.getScheme() == null || !SCHEMES.contains(uri.getScheme().toLowerCase(Locale.ROOT)) || uri.getHost() == null) {
            throw new InvalidInput("url", "must be an http:// or https:// address with a host, such as "
                    + "https://hr.example.com/hooks/careerpath");
        }
        if (uri.getRawUserInfo() != null) {
            // the address is listed to every HR administrator: a password in it would be shown to them all
            throw new InvalidInput("url", "must not carry a user name or password; the signature authenticates the sender");
        }
        if (uri.getRawFragment() != null) {
            throw new InvalidInput("url", "must not have a #fragment, which is never sent to the receiver");
        }
        return trimmed;
    }

    List<Endpoint> all() {
        List<Endpoint> all = new ArrayList<>();
        endpoints.find().sort(Sorts.ascending("createdAt")).forEach(document -> all.add(endpoint(document)));
        return all;
    }

    Optional<Endpoint> find(String id) {
        return Optional.ofNullable(endpoints.find(eq("_id", id)).first()).map(WebhookEndpoints::endpoint);
    }

    boolean delete(String id) {
        return endpoints.deleteOne(eq("_id", id)).getDeletedCount() > 0;
    }

    private static Endpoint endpoint(Document document) {
        return new Endpoint(document.getString("_id"), document.getString("url"), document.getString("description"),
                document.getDate("createdAt").toInstant(), document.getString("createdBy"), document.getString("secret"));
    }
}
