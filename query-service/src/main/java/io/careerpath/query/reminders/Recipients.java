package io.careerpath.query.reminders;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import io.careerpath.security.Caller;
import io.careerpath.security.Role;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.bson.Document;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/**
 * The accounts reminders can be addressed to without a request: each one as its latest token described it
 * (collection {@value #COLLECTION}, by {@code sub}). An account is known from its first signed-in request on; one
 * that never signed in receives no email and has no calendar feed. Not a read model: a rebuild keeps it.
 */
@Component
public class Recipients {

    static final String COLLECTION = "reminder_recipients";

    private final MongoCollection<Document> recipients;
    private final Clock clock;

    Recipients(MongoDatabase readModels, Clock clock) {
        this.recipients = readModels.getCollection(COLLECTION);
        this.clock = clock;
    }

    /** Records (or refreshes) the account a validated access token speaks for. */
    public void remember(Jwt token) {
        Caller caller = Caller.from(token);
        String name = token.getClaimAsString("name");
        Document recipient = new Document("_id", caller.subject())
                .append("personId", caller.personId())
                .append("roles", caller.roles().stream().map(Role::name).sorted().toList())
                .append("managedTeams", new ArrayList<>(new TreeSet<>(caller.managedTeams())))
                .append("email", token.getClaimAsString("email"))
                .append("name", name != null ? name : token.getClaimAsString("preferred_username"))
                .append("lastSeen", Date.from(clock.instant()));
        recipients.replaceOne(eq("_id", caller.subject()), recipient, new ReplaceOptions().upsert(true));
    }

    public Optional<Recipient> find(String subject) {
        return Optional.ofNullable(recipients.find(eq("_id", subject)).first()).map(Recipients::recipient);
    }

    public List<Recipient> all() {
        List<Recipient> all = new ArrayList<>();
        recipients.find().forEach(document -> all.add(recipient(document)));
        return all;
    }

    private static Recipient recipient(Document document) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        document.getList("roles", String.class, List.of()).forEach(role -> roles.add(Role.valueOf(role)));
        Caller caller = new Caller(document.getString("_id"), document.getString("personId"), roles,
                Set.copyOf(document.getList("managedTeams", String.class, List.of())));
        Date lastSeen = document.getDate("lastSeen");
        return new Recipient(caller, document.getString("email"), document.getString("name"),
                lastSeen == null ? Instant.EPOCH : lastSeen.toInstant());
    }
}
