package io.careerpath.benchmarks;

import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.careerpath.events.CareerEvent;
import io.careerpath.local.EmbeddedMongo;
import io.careerpath.query.api.Viewpoint;
import io.careerpath.query.history.HistoryProbe;
import io.careerpath.query.history.HistoryReads;
import io.careerpath.query.history.PersonHistory;
import io.careerpath.query.history.ReadModelFixture;
import io.careerpath.query.history.StoredHistory;
import io.careerpath.query.team.AttentionProbe;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * Where the attention list's time goes at the benchmark's size (issue 17), without HTTP or a service: the same
 * careers as the benchmark's read rows loaded into mongo-java-server's H2 file backend, then the list's three
 * parts timed apart: reading every history (1,000 by {@code _id $in}), deriving every person's figures, and writing
 * the listed people as JSON. Not part of the documented benchmark; run it alone:
 * {@code ./mvnw -q -B -o -pl benchmarks -am test -Dtest=AttentionBreakdown -Dsurefire.failIfNoSpecifiedTests=false
 * -Dattention.people=100000}.
 */
class AttentionBreakdown {

    private static final int TEAM_SIZE = 200;
    private static final int BATCH = 1_000;

    @Test
    void timesTheAttentionListsParts() throws Exception {
        int people = Integer.getInteger("attention.people", 20_000);
        Path dir = Files.createTempDirectory("attention-breakdown");
        try (EmbeddedMongo mongo = EmbeddedMongo.persistent(dir.resolve("read-models.mv"), freePort());
             MongoClient client = MongoClients.create(mongo.uri())) {
            MongoDatabase readModels = client.getDatabase("careerpath");
            ReadModelFixture fixture = new ReadModelFixture(readModels);
            String run = "breakdown";
            Instant recordedAt = Instant.parse("2024-01-01T00:00:00Z");
            List<String> ids = new ArrayList<>();
            long loadStart = System.nanoTime();
            for (int from = 0; from < people; from += TEAM_SIZE) {
                List<List<CareerEvent>> careers = new ArrayList<>();
                for (int n = from; n < Math.min(people, from + TEAM_SIZE); n++) {
                    String personId = Careers.personId(run, n);
                    careers.add(Careers.of(personId, Careers.teamId(run, n / TEAM_SIZE), n, recordedAt));
                    ids.add(personId);
                }
                fixture.insertHistories(careers);
            }
            System.out.printf(Locale.ROOT, "loaded %,d people in %.1f s%n", people, (System.nanoTime() - loadStart) / 1e9);

            MongoCollection<Document> raw = readModels.getCollection("person_histories_g" + fixture.activeGeneration());
            HistoryReads reads = HistoryProbe.reads(fixture.generations());
            LocalDate today = LocalDate.now();
            Viewpoint viewpoint = new Viewpoint(today, today);
            for (int round = 0; round < 3; round++) {
                long start = System.nanoTime();
                int documents = 0;
                for (int from = 0; from < ids.size(); from += BATCH) {
                    documents += raw.find(in("_id", ids.subList(from, Math.min(ids.size(), from + BATCH))))
                            .into(new ArrayList<>()).size();
                }
                double fetch = (System.nanoTime() - start) / 1e9;

                start = System.nanoTime();
                List<StoredHistory> stored = new ArrayList<>();
                for (int from = 0; from < ids.size(); from += BATCH) {
                    stored.addAll(reads.findAll(ids.subList(from, Math.min(ids.size(), from + BATCH))));
                }
                double read = (System.nanoTime() - start) / 1e9;

                start = System.nanoTime();
                List<PersonHistory> views = new ArrayList<>(stored.size());
                for (StoredHistory history : stored) {
                    views.add(history.at(viewpoint));
                }
                double decode = (System.nanoTime() - start) / 1e9;

                start = System.nanoTime();
                AttentionProbe probe = new AttentionProbe();
                for (PersonHistory view : views) {
                    probe.figure(view, today, 3);
                }
                double figure = (System.nanoTime() - start) / 1e9;

                start = System.nanoTime();
                byte[] json = probe.json();
                double write = (System.nanoTime() - start) / 1e9;
                System.out.printf(Locale.ROOT, "round %d, %,d people: fetch by _id $in (raw documents) %.2f s; the same"
                                + " through HistoryReads %.2f s; views of the day %.2f s; figures %.2f s; %,d listed; their"
                                + " JSON %.1f MB in %.2f s%n", round, documents, fetch, read, decode, figure,
                        probe.listed(), json.length / 1e6, write);
            }
            compactIndex(readModels, ids);
        } finally {
            org.springframework.util.FileSystemUtils.deleteRecursively(dir);
        }
    }

    /**
     * The parts that need no store, at any size: every person's figures from views built in memory, and the
     * listed people's JSON. {@code -Dattention.people=100000 -Dtest=AttentionBreakdown#figuresAndJsonWithoutAStore}.
     */
    @Test
    void figuresAndJsonWithoutAStore() throws Exception {
        int people = Integer.getInteger("attention.people", 20_000);
        Instant recordedAt = Instant.parse("2024-01-01T00:00:00Z");
        LocalDate today = LocalDate.now();
        List<PersonHistory> views = new ArrayList<>(people);
        for (int n = 0; n < people; n++) {
            String personId = Careers.personId("breakdown", n);
            views.add(HistoryProbe.view(Careers.of(personId, Careers.teamId("breakdown", n / TEAM_SIZE), n, recordedAt),
                    today));
        }
        for (int round = 0; round < 5; round++) {
            long start = System.nanoTime();
            AttentionProbe probe = new AttentionProbe();
            for (PersonHistory view : views) {
                probe.figure(view, today, 3);
            }
            double figure = (System.nanoTime() - start) / 1e9;
            start = System.nanoTime();
            byte[] json = probe.json();
            double write = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "no store, round %d, %,d people: figures %.2f s; %,d listed; their JSON %.1f MB"
                    + " in %.2f s%n", round, people, figure, probe.listed(), json.length / 1e6, write);
        }
    }

    /**
     * What reading a compact per-person index would cost on the same store: an entry per person of the size the
     * docs' design needs (six career segments: from, team, flagged, first day below the rotate-back threshold),
     * stored one document per person, or 200 people to a document; each read whole, three times.
     */
    private static void compactIndex(MongoDatabase readModels, List<String> ids) {
        MongoCollection<Document> perPerson = readModels.getCollection("attention_breakdown_people");
        MongoCollection<Document> perTeam = readModels.getCollection("attention_breakdown_teams");
        List<Document> people = new ArrayList<>();
        List<Document> teams = new ArrayList<>();
        Document team = null;
        for (int n = 0; n < ids.size(); n++) {
            List<Document> segments = new ArrayList<>();
            for (int k = 0; k < 6; k++) {
                segments.add(new Document("from", LocalDate.of(2008 + 2 * k, 1, 7).toString())
                        .append("team", Careers.teamId("breakdown", n / TEAM_SIZE)).append("flagged", n % 2 == 0)
                        .append("firstBelow", k % 2 == 0 ? null : LocalDate.of(2030, 1, 1).toString()));
            }
            Document entry = new Document("knownThrough", new java.util.Date()).append("segments", segments);
            people.add(new Document("_id", ids.get(n)).append("entry", entry));
            if (n % TEAM_SIZE == 0) {
                team = new Document("_id", "bucket-" + n / TEAM_SIZE).append("people", new Document());
                teams.add(team);
            }
            team.get("people", Document.class).append(ids.get(n), entry);
        }
        perPerson.insertMany(people);
        perTeam.insertMany(teams);
        for (int round = 0; round < 3; round++) {
            long start = System.nanoTime();
            int read = perPerson.find().into(new ArrayList<>()).size();
            double onePerPerson = (System.nanoTime() - start) / 1e6;
            start = System.nanoTime();
            int buckets = perTeam.find().into(new ArrayList<>()).size();
            double bucketed = (System.nanoTime() - start) / 1e6;
            System.out.printf(Locale.ROOT, "compact index, round %d: %,d documents (one per person) read in %.0f ms;"
                    + " %,d documents of %d people read in %.0f ms%n", round, read, onePerPerson, buckets, TEAM_SIZE, bucketed);
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
