package io.careerpath.query.reminders;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * What the reminders keep, none of it a read model (a rebuild keeps it all; an erasure deletes a person's part):
 * <ul>
 *   <li>{@value #REMINDERS}: every reminder raised, by its stable id;</li>
 *   <li>{@value #CONDITIONS}: per person, the conditions active at the last run, so that a condition is raised once
 *       per crossing (a person with none has no document);</li>
 *   <li>{@value #READS}: per account ({@code sub}), the reminders it has marked as read.</li>
 * </ul>
 * No personal data: person ids, team ids and figures only.
 */
@Component
public class ReminderStore {

    static final String REMINDERS = "reminders";
    static final String CONDITIONS = "reminder_conditions";
    static final String READS = "reminder_reads";

    private final MongoCollection<Document> reminders;
    private final MongoCollection<Document> conditions;
    private final MongoCollection<Document> reads;

    ReminderStore(MongoDatabase readModels) {
        this.reminders = readModels.getCollection(REMINDERS);
        this.conditions = readModels.getCollection(CONDITIONS);
        this.reads = readModels.getCollection(READS);
    }

    /** The stable id of the crossing: the same person, condition and day always give the same id. */
    static String idOf(String personId, ReminderCondition condition, LocalDate crossedOn) {
        return UUID.nameUUIDFromBytes((personId + "/" + condition + "/" + crossedOn).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /** Stores the reminder unless one with its id exists (raising it again changes nothing). */
    public void raise(Reminder reminder) {
        reminders.updateOne(eq("_id", reminder.id()), Updates.setOnInsert(toDocument(reminder)),
                new UpdateOptions().upsert(true));
    }

    /** The conditions active at the last run, per person of {@code personIds} (people with none left out). */
    Map<String, Set<ReminderCondition>> activeConditions(Collection<String> personIds) {
        Map<String, Set<ReminderCondition>> active = new HashMap<>();
        for (Document state : conditions.find(in("_id", personIds))) {
            Set<ReminderCondition> set = EnumSet.noneOf(ReminderCondition.class);
            state.getList("active", String.class, List.of()).forEach(name -> set.add(ReminderCondition.valueOf(name)));
            active.put(state.getString("_id"), set);
        }
        return active;
    }

    void keepActive(String personId, Set<ReminderCondition> active) {
        if (active.isEmpty()) {
            conditions.deleteOne(eq("_id", personId));
        } else {
            conditions.replaceOne(eq("_id", personId), new Document("_id", personId)
                    .append("active", active.stream().map(Enum::name).sorted().toList()), new ReplaceOptions().upsert(true));
        }
    }

    /** Every reminder raised on the day. */
    public List<Reminder> raisedOn(LocalDate day) {
        return list(eq("crossedOn", day.toString()));
    }

    /**
     * The reminders addressed to the person or to the managers of these teams (not yet checked against who may see
     * the person now: {@link Recipient#receives} decides).
     */
    public List<Reminder> addressedTo(String personId, Collection<String> managedTeams) {
        List<Bson> addressed = new ArrayList<>();
        if (personId != null) {
            addressed.add(eq("personId", personId));
        }
        if (!managedTeams.isEmpty()) {
            addressed.add(in("teamId", managedTeams));
        }
        return addressed.isEmpty() ? List.of() : list(or(addressed));
    }

    public List<Reminder> byIds(Collection<String> ids) {
        return list(in("_id", ids));
    }

    /** Everyone the store holds anything of (reminders or active conditions). */
    Set<String> people() {
        Set<String> people = new HashSet<>();
        reminders.find().projection(Projections.include("personId"))
                .forEach(document -> people.add(document.getString("personId")));
        conditions.find().projection(Projections.include("_id")).forEach(document -> people.add(document.getString("_id")));
        return people;
    }

    /** The ids of the reminders the account has marked as read. */
    public Set<String> readBy(String subject) {
        Document read = reads.find(eq("_id", subject)).first();
        return read == null ? Set.of() : new HashSet<>(read.getList("read", String.class, List.of()));
    }

    public void markRead(String subject, Collection<String> reminderIds) {
        if (!reminderIds.isEmpty()) {
            reads.updateOne(eq("_id", subject), Updates.addEachToSet("read", List.copyOf(reminderIds)),
                    new UpdateOptions().upsert(true));
        }
    }

    /** Deletes everything kept about the person: their reminders, their conditions, and every read mark of those. */
    public void forget(String personId) {
        List<String> ids = new ArrayList<>();
        reminders.find(eq("personId", personId)).projection(Projections.include("_id"))
                .forEach(document -> ids.add(document.getString("_id")));
        if (!ids.isEmpty()) {
            reads.updateMany(Filters.in("read", ids), Updates.pullAll("read", ids));
            reminders.deleteMany(in("_id", ids));
        }
        conditions.deleteOne(eq("_id", personId));
    }

    private List<Reminder> list(Bson filter) {
        List<Reminder> found = new ArrayList<>();
        reminders.find(filter).forEach(document -> found.add(fromDocument(document)));
        return found;
    }

    private static Document toDocument(Reminder reminder) {
        return new Document("personId", reminder.personId())
                .append("teamId", reminder.teamId())
                .append("condition", reminder.condition().name())
                .append("crossedOn", reminder.crossedOn().toString())
                .append("rotateBackBy", reminder.rotateBackBy() == null ? null : reminder.rotateBackBy().toString())
                .append("deliveryRetention", reminder.deliveryRetention())
                .append("adminLoadPercent", reminder.adminLoadPercent())
                .append("troubledStreak", reminder.troubledStreak())
                .append("raisedAt", Date.from(reminder.raisedAt()));
    }

    private static Reminder fromDocument(Document document) {
        String rotateBackBy = document.getString("rotateBackBy");
        return new Reminder(document.getString("_id"), document.getString("personId"), document.getString("teamId"),
                ReminderCondition.valueOf(document.getString("condition")), LocalDate.parse(document.getString("crossedOn")),
                rotateBackBy == null ? null : LocalDate.parse(rotateBackBy),
                number(document.get("deliveryRetention")), number(document.get("adminLoadPercent")),
                document.getInteger("troubledStreak", 0), document.getDate("raisedAt").toInstant());
    }

    private static Double number(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }
}
