package io.careerpath.query.intake;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.careerpath.query.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Against Axon's MongoDB token store on a Mongo-wire server: an extension right after a confirmation sends nothing, an
 * older one goes to the store, and a claim lost meanwhile still fails the next token write and is then checked again.
 */
class RecentClaimTokenStoreTest {

    private static final String PROCESSOR = "projections";
    private static final Duration FRESH = Duration.ofSeconds(2);

    private MongoServer server;
    private MongoClient client;
    private final AtomicInteger writes = new AtomicInteger();
    private final SettableClock clock = new SettableClock(Instant.parse("2026-12-04T10:00:00Z"));
    private RecentClaimTokenStore store;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        String address = "mongodb://127.0.0.1:" + server.bind().getPort();
        client = MongoClients.create(MongoClientSettings.builder().applyConnectionString(new ConnectionString(address))
                .addCommandListener(new CommandListener() {
                    @Override
                    public void commandStarted(CommandStartedEvent event) {
                        if (event.getCommandName().equals("update") || event.getCommandName().equals("findAndModify")) {
                            writes.incrementAndGet();
                        }
                    }
                }).build());
        MongoTokenStore mongo = MongoTokenStore.builder()
                .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(client, "tokens_test").build())
                .serializer(JacksonSerializer.defaultSerializer())
                .nodeId("this-instance")
                .claimTimeout(Duration.ofSeconds(10))
                .build();
        store = new RecentClaimTokenStore(mongo, FRESH, clock);
        store.initializeTokenSegments(PROCESSOR, 1);
        store.fetchToken(PROCESSOR, 0);
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void anExtensionRightAfterATokenWriteSendsNothing() {
        store.storeToken(new GlobalSequenceTrackingToken(1), PROCESSOR, 0);
        int before = writes.get();

        clock.advance(FRESH.minusMillis(1));
        store.extendClaim(PROCESSOR, 0);

        assertThat(writes.get()).isEqualTo(before);
    }

    @Test
    void anExtensionOfAnOlderConfirmationGoesToTheStore() {
        store.storeToken(new GlobalSequenceTrackingToken(1), PROCESSOR, 0);
        int before = writes.get();

        clock.advance(FRESH);
        store.extendClaim(PROCESSOR, 0);
        store.extendClaim(PROCESSOR, 0); // confirmed just now: nothing sent

        assertThat(writes.get()).isEqualTo(before + 1);
    }

    @Test
    void aClaimLostMeanwhileFailsTheTokenWriteAndIsThenCheckedAgain() {
        store.storeToken(new GlobalSequenceTrackingToken(1), PROCESSOR, 0);
        client.getDatabase("tokens_test").getCollection("trackingtokens")
                .updateOne(eq("processorName", PROCESSOR), set("owner", "another-instance"));

        store.extendClaim(PROCESSOR, 0); // the one trade: a claim lost within FRESH is not noticed here...

        assertThatThrownBy(() -> store.storeToken(new GlobalSequenceTrackingToken(2), PROCESSOR, 0))
                .isInstanceOf(UnableToClaimTokenException.class); // ...but at the batch's token write, always
        assertThatThrownBy(() -> store.extendClaim(PROCESSOR, 0))
                .as("after a failure the claim is checked with the store again, however recent")
                .isInstanceOf(UnableToClaimTokenException.class);
    }

    @Test
    void aReleasedClaimIsCheckedWithTheStoreAgain() {
        store.storeToken(new GlobalSequenceTrackingToken(1), PROCESSOR, 0);
        store.releaseClaim(PROCESSOR, 0);

        assertThatThrownBy(() -> store.extendClaim(PROCESSOR, 0)).isInstanceOf(UnableToClaimTokenException.class);
    }
}
