package io.careerpath.query.planning;

import static com.mongodb.client.model.Filters.eq;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.function.Consumer;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Accepted plans (collection {@value #COLLECTION}, by id): what a manager or PMO lead intends, never career events,
 * which record what happened. Not a read model: nothing projects into it, and a rebuild keeps it. A plan is stored
 * without names ({@link PlanAnswer#accepted}); the answer adds them for whoever reads it.
 */
@Component
class AcceptedPlans {

    static final String COLLECTION = "plans";

    private final MongoCollection<Document> plans;
    private final ObjectMapper json;

    AcceptedPlans(MongoDatabase readModels, ObjectMapper json) {
        this.plans = readModels.getCollection(COLLECTION);
        this.json = json;
    }

    void save(PlanAnswer plan) {
        plans.insertOne(document(plan));
    }

    /**
     * Takes an erased person out of every accepted plan ({@link PlanAnswer#without}): a plan keeps no names, but a
     * person's planned roles and predicted retention are about their career, which erasure removes everywhere.
     * Plans are few and this is rare: every plan is read.
     */
    void forget(String personId) {
        for (Document stored : plans.find()) {
            PlanAnswer plan = read(stored);
            if (plan.people().stream().anyMatch(person -> person.personId().equals(personId))) {
                plans.replaceOne(eq("_id", stored.get("_id")), document(plan.without(personId)));
            }
        }
    }

    /** Every accepted plan, one at a time. */
    void forEach(Consumer<PlanAnswer> action) {
        for (Document stored : plans.find()) {
            action.accept(read(stored));
        }
    }

    Optional<PlanAnswer> find(String planId) {
        Document stored = plans.find(eq("_id", planId)).first();
        return stored == null ? Optional.empty() : Optional.of(read(stored));
    }

    private Document document(PlanAnswer plan) {
        try {
            return new Document("_id", plan.id()).append("plan", Document.parse(json.writeValueAsString(plan)));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private PlanAnswer read(Document stored) {
        try {
            return json.readValue(stored.get("plan", Document.class).toJson(), PlanAnswer.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
