package io.careerpath.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaTrackingToken;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/**
 * The projection's token never runs ahead of the documents it covers: whenever the token is stored, the
 * read model already holds every event up to it. (A token stored before its batch's documents let a crash
 * in between skip that batch for good.) Watched at the token store itself, on the real broker and
 * Mongo-wire server, with the projection in one segment (the order is each segment's own).
 */
class ProjectionTokenOrderTest {

    @Test
    void everyStoredTokenCoversOnlyEventsTheReadModelAlreadyHolds() {
        List<String> aheadOfTheDocuments = new CopyOnWriteArrayList<>();
        AtomicInteger stored = new AtomicInteger();
        // one segment: a segment's token passes the records of the other segments' people too, which those may not
        // have written yet; with one, every record up to the token is an event this segment must hold
        try (RunningPlatform platform = RunningPlatform.start((command, query) -> query.put("careerpath.kafka.segments", "1"),
                context -> context.getBeanFactory().addBeanPostProcessor(
                        new WatchTokens(context.getBeanFactory(), aheadOfTheDocuments, stored)))) {
            List<String> people = new ArrayList<>();
            for (int p = 0; p < 30; p++) {
                String personId = platform.client.register("Token Order " + p, "team-token");
                for (int e = 0; e < 3; e++) {
                    platform.client.record(personId, Map.of("type", "ADMINISTRATIVE_LOAD_RECORDED",
                            "effectiveDate", "202" + e + "-01-01", "percentOfTime", 10 + e));
                }
                people.add(personId);
            }
            people.forEach(platform.client::awaitTimelineHoldingTheStore);
        }
        assertThat(stored.get()).as("tokens stored while watched").isPositive();
        assertThat(aheadOfTheDocuments).isEmpty();
    }

    /** Wraps the query service's token store: each stored token of the projection is compared with the read model. */
    private record WatchTokens(ConfigurableListableBeanFactory beans, List<String> ahead, AtomicInteger stored)
            implements BeanPostProcessor {

        @Override
        public Object postProcessAfterInitialization(Object bean, String name) {
            if (!(bean instanceof TokenStore store) || !beans.containsBean("readModelGenerations")) {
                return bean;
            }
            return Proxy.newProxyInstance(TokenStore.class.getClassLoader(), new Class<?>[]{TokenStore.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("storeToken") && "projections".equals(args[1]) && args[0] != null) {
                            stored.incrementAndGet();
                            check((TrackingToken) args[0]);
                        }
                        try {
                            return method.invoke(store, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        /** Every record up to the token is one event of one person (nothing was resent): the documents must hold as many. */
        private void check(TrackingToken token) {
            long covered = KafkaTrackingToken.from(WrappedToken.unwrapLowerBound(token)).getPositions().values().stream()
                    .mapToLong(offset -> offset + 1).sum();
            MongoDatabase readModels = beans.getBean(MongoClient.class)
                    .getDatabase(beans.resolveEmbeddedValue("${spring.data.mongodb.database}"));
            Document active = readModels.getCollection("read_model_generations").find().first();
            int generation = active == null ? 1 : active.getInteger("generation");
            long held = 0;
            for (Document history : readModels.getCollection("person_histories_g" + generation).find()
                    .projection(Projections.include("lastSequence"))) {
                held += history.get("lastSequence", Number.class).longValue() + 1;
            }
            if (covered > held) {
                ahead.add("a token covering " + covered + " events was stored while the read model held " + held);
            }
        }
    }
}
