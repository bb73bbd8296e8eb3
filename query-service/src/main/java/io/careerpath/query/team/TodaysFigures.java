package io.careerpath.query.team;

import io.careerpath.query.access.PeopleAccess;
import io.careerpath.query.api.AsOf;
import io.careerpath.query.api.Viewpoint;
import io.careerpath.query.history.HistoryChanges;
import io.careerpath.query.history.HistoryReads;
import io.careerpath.query.history.HistoryReads.KnownTeam;
import io.careerpath.query.history.PersonHistory;
import io.careerpath.query.history.ReadModelGenerations;
import io.careerpath.query.history.StoredHistory;
import io.careerpath.query.keys.PersonKeyLookup;
import io.careerpath.query.team.RotationBoardController.BoardRow;
import io.careerpath.security.Caller;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Every person's figures for today, the default viewpoint (asOf = knownOn = today), held in memory by each
 * query-service instance, so that a rotation board or the attention list for today reads no history
 * (docs/performance.md). Each person's row is made by {@link BoardRow#of} over the stored history's view for today,
 * the one code the boards from the store use too; a board and the list therefore cannot disagree, and other
 * viewpoints keep reading the store.
 *
 * <p>Kept current three ways:
 * <ul>
 *   <li><b>Writes in this instance</b> ({@link HistoryChanges}): the people of a batch are marked stale before it is
 *       written and derived again from the store after; a read meeting a stale person reads that person from the
 *       store, so a board never shows older figures than the timeline already does. The people of the writes of
 *       about one {@code careerpath.today.derive-every} are derived together, and appended to the change log together,
 *       by the worker: the projection's thread only marks and queues them, and a steady stream of small batches costs
 *       one history read, one key request and one change-log entry per interval, not per batch.</li>
 *   <li><b>Writes in another instance</b>: followed through {@link FiguresChangeLog}, polled every
 *       {@code careerpath.today.poll-interval}; those people are derived again here within about one interval.</li>
 *   <li><b>Everyone again</b> at start (in the background: until ready, reads go to the store), when the day
 *       changes, and when another read-model generation becomes active (a rebuild).</li>
 * </ul>
 * An erased person leaves with the batch that erases them. Personal data is opened with the person's key when
 * their row is derived (asked for then, not kept in the key cache); a person without a key is left out, and the keys
 * of the people an answer lists are checked again (cached, as every answer's) when it is made.
 *
 * <p>All changes to the figures are made by one worker thread, in order, so that a person's derivation from an older
 * write never overtakes a newer one.
 */
@Component
class TodaysFigures implements HistoryChanges, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TodaysFigures.class);

    /** People whose histories are read (and keys asked for) in one go when deriving everyone. */
    static final int BATCH = 1_000;
    /** Entries of the change log read in one go. */
    private static final int LOG_READ = 64;
    /** After a failed derivation of everyone, the next attempt waits this long. */
    private static final long RETRY_MILLIS = 5_000;

    /** One person's row for today, with the team whose board it belongs to. */
    record Row(String personId, String teamId, boolean sealed, BoardRow row) {
    }

    /** The figures of one day in one generation. Changed by the worker only; read by any request. */
    static final class Snapshot {
        final int generation;
        final LocalDate day;
        final Map<String, Row> people = new ConcurrentHashMap<>();
        final Map<String, Set<String>> byTeam = new ConcurrentHashMap<>();
        /** every team with at least one member ever (as {@link HistoryReads#teams}), by id: its name */
        final Map<String, String> teamNames = new ConcurrentHashMap<>();

        Snapshot(int generation, LocalDate day) {
            this.generation = generation;
            this.day = day;
        }

        /**
         * Joins the new team's set before the row changes, and leaves the old one after: a reader going by team, who
         * keeps a person where their current row says, finds them in exactly one team at every moment.
         */
        void put(Row row) {
            byTeam.computeIfAbsent(row.teamId(), team -> ConcurrentHashMap.newKeySet()).add(row.personId());
            Row old = people.put(row.personId(), row);
            if (old != null && !old.teamId().equals(row.teamId())) {
                byTeam.getOrDefault(old.teamId(), Set.of()).remove(row.personId());
            }
        }

        Row remove(String personId) {
            Row old = people.remove(personId);
            if (old != null) {
                byTeam.getOrDefault(old.teamId(), Set.of()).remove(personId);
            }
            return old;
        }
    }

    /** Today's board of a team from memory: its name and the rows of the members the caller sees. */
    record TodaysBoard(String teamName, List<BoardRow> rows) {
    }

    /**
     * Everyone the caller sees today in the chosen teams, from memory.
     *
     * @param teams        the chosen teams the caller may see, each with its people's rows
     * @param keyUnchecked whether a person's key has not been checked for this answer (sealed data, row from memory):
     *                     check those the answer shows ({@link #haveKeys}); a predicate, not a set of tens of
     *                     thousands made per request
     */
    record Everyone(List<TeamRows> teams, Predicate<String> keyUnchecked) {
    }

    /** One chosen team: its name and the rows of its people the caller sees (grouped, so that a list looks a team up once). */
    record TeamRows(String teamId, String teamName, List<Row> people) {
    }

    private final HistoryReads histories;
    private final ReadModelGenerations generations;
    private final PersonKeyLookup keys;
    private final PeopleAccess access;
    private final MemberFigures figures;
    private final AsOf asOf;
    private final FiguresChangeLog changeLog;
    private final Duration pollInterval;
    private final Duration deriveEvery;

    private final Map<String, Integer> stale = new ConcurrentHashMap<>();
    /** entries of the change log this instance wrote: already derived here */
    private final Set<Long> appendedHere = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean everyoneQueued = new AtomicBoolean();
    private final AtomicInteger queued = new AtomicInteger();
    /**
     * The people written here since the worker last took them, by generation, once per write (their stale count):
     * derived and appended to the change log together. Guarded by itself.
     */
    private final Map<Integer, List<String>> written = new HashMap<>();
    /** Whether a derivation of {@link #written} is queued on the worker and has not taken them yet. */
    private boolean writtenQueued;
    private volatile Snapshot current;
    /** The active generation as last seen: memory answers only while it holds that generation's figures. */
    private volatile int activeSeen = -1;
    private volatile long retryEveryoneAt;
    private volatile long nextLogEntry = -1;
    private volatile long holeSince = -1;
    private ScheduledExecutorService worker;
    private ScheduledExecutorService poller;
    private volatile boolean running;
    /** Off: every read goes to the store (the tests compare both ways; a measurement can too). */
    private volatile boolean serving = true;

    TodaysFigures(HistoryReads histories, ReadModelGenerations generations, PersonKeyLookup keys, PeopleAccess access,
                  MemberFigures figures, AsOf asOf, MeterRegistry meters,
                  @Value("${careerpath.today.poll-interval:200ms}") Duration pollInterval,
                  @Value("${careerpath.today.derive-every:100ms}") Duration deriveEvery) {
        this.histories = histories;
        this.generations = generations;
        this.keys = keys;
        this.access = access;
        this.figures = figures;
        this.asOf = asOf;
        this.changeLog = new FiguresChangeLog(generations);
        this.pollInterval = pollInterval;
        this.deriveEvery = deriveEvery;
        // what a measurement waits for before reading (the benchmark), and what an operator looks at
        Gauge.builder("careerpath.todays.figures.people", this, self -> self.current == null ? 0 : self.current.people.size())
                .description("people whose figures for today this instance holds in memory").register(meters);
        Gauge.builder("careerpath.todays.figures.ready", this, self -> self.ready() ? 1 : 0)
                .description("1 when boards and the attention list for today are answered from memory").register(meters);
        Gauge.builder("careerpath.todays.figures.queued", queued, AtomicInteger::get)
                .description("derivations queued or running on the worker").register(meters);
        Gauge.builder("careerpath.todays.figures.change.log.followed", this, self -> self.nextLogEntry - 1)
                .description("the last entry of the change log this instance has read").register(meters);
    }

    /** Queues a derivation on the worker, counted until it is done. */
    private void queue(Runnable task) {
        queue(task, Duration.ZERO);
    }

    /** Queues a derivation on the worker to run after the delay, counted until it is done. */
    private void queue(Runnable task, Duration delay) {
        queued.incrementAndGet();
        try {
            worker.schedule(() -> {
                try {
                    task.run();
                } finally {
                    queued.decrementAndGet();
                }
            }, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RuntimeException e) {
            queued.decrementAndGet();
            throw e;
        }
    }

    // ---- reads ----

    /** Today's board of the team from memory; empty when memory cannot answer (another viewpoint, not ready, unknown team). */
    Optional<TodaysBoard> board(Caller caller, String teamId, Viewpoint viewpoint) {
        Snapshot snapshot = servable(viewpoint);
        String teamName = snapshot == null ? null : snapshot.teamNames.get(teamId);
        if (teamName == null) {
            return Optional.empty();
        }
        // the stale people first: whoever turns stale after this moment is read as they were before their write
        Set<String> staleNow = Set.copyOf(stale.keySet());
        List<Row> rows = new ArrayList<>();
        for (String personId : snapshot.byTeam.getOrDefault(teamId, Set.of())) {
            Row row = snapshot.people.get(personId);
            if (row != null && row.teamId().equals(teamId) && !staleNow.contains(personId) && visible(caller, row)) {
                rows.add(row);
            }
        }
        List<BoardRow> board = new ArrayList<>(withKeys(rows).stream().map(Row::row).toList());
        if (!staleNow.isEmpty()) {
            for (PersonHistory history : access.histories(caller, staleNow, viewpoint,
                    history -> history.teamId().filter(teamId::equals).isPresent())) {
                board.add(BoardRow.of(figures, history, viewpoint.asOf()));
            }
        }
        return Optional.of(new TodaysBoard(teamName, board));
    }

    /** Everyone the caller sees today in the teams {@code chosen} accepts, from memory; empty when memory cannot answer. */
    Optional<Everyone> everyone(Caller caller, Viewpoint viewpoint, Predicate<String> chosen) {
        Snapshot snapshot = servable(viewpoint);
        if (snapshot == null) {
            return Optional.empty();
        }
        Set<String> staleNow = Set.copyOf(stale.keySet());
        Map<String, TeamRows> teams = new HashMap<>();
        snapshot.teamNames.forEach((teamId, name) -> {
            if (chosen.test(teamId)) {
                List<Row> rows = new ArrayList<>();
                for (String personId : snapshot.byTeam.getOrDefault(teamId, Set.of())) {
                    Row row = snapshot.people.get(personId);
                    if (row != null && row.teamId().equals(teamId) && !staleNow.contains(personId) && visible(caller, row)) {
                        rows.add(row);
                    }
                }
                teams.put(teamId, new TeamRows(teamId, name, rows));
            }
        });
        Set<String> fromStore = new HashSet<>();
        if (!staleNow.isEmpty()) {
            for (PersonHistory history : access.histories(caller, staleNow, viewpoint,
                    history -> history.teamId().filter(chosen).isPresent())) {
                TeamRows team = teams.get(history.teamId().orElseThrow());
                if (team == null) {
                    // a team memory does not know yet (its first member's write not derived): the store answers
                    return Optional.empty();
                }
                fromStore.add(history.personId());
                team.people().add(new Row(history.personId(), team.teamId(), false,
                        BoardRow.of(figures, history, viewpoint.asOf())));
            }
        }
        Predicate<String> unchecked = personId -> {
            // a row gone since (an erasure just derived) is checked too
            Row row = snapshot.people.get(personId);
            return !fromStore.contains(personId) && (row == null || row.sealed());
        };
        return Optional.of(new Everyone(List.copyOf(teams.values()), unchecked));
    }

    /** Whether memory can answer now: after everyone was derived, for this very day. */
    boolean ready() {
        Snapshot snapshot = current;
        return snapshot != null && snapshot.generation == activeSeen && snapshot.day.equals(asOf.today());
    }

    private Snapshot servable(Viewpoint viewpoint) {
        Snapshot snapshot = current;
        LocalDate today = asOf.today();
        if (!serving || snapshot == null || snapshot.generation != activeSeen || !snapshot.day.equals(today)
                || !viewpoint.asOf().equals(today) || !viewpoint.knownOn().equals(today)) {
            return null;
        }
        return snapshot;
    }

    /** Access by the person's current team (docs/security.md), which for today is their row's team. */
    private static boolean visible(Caller caller, Row row) {
        return caller.mayAccessPerson(row.personId(), row::teamId);
    }

    /** The rows of those of the people whose key exists, or who hold nothing sealed (crypto-shredding). */
    List<Row> withKeys(List<Row> rows) {
        Map<String, byte[]> found = keys.keysOf(rows.stream().filter(Row::sealed).map(Row::personId).toList());
        return rows.stream().filter(row -> !row.sealed() || found.containsKey(row.personId())).toList();
    }

    /** The people among {@code personIds} whose key exists (crypto-shredding): a person without one is not listed. */
    Set<String> haveKeys(Collection<String> personIds) {
        return keys.keysOf(personIds).keySet();
    }

    // ---- writes told by the history writes of this instance ----

    @Override
    public void beforeWrite(int generation, Collection<String> personIds) {
        personIds.forEach(personId -> stale.merge(personId, 1, Integer::sum));
    }

    /**
     * Queues the people for the worker, which tells the other instances and derives them again together with the
     * people of the other writes of about one {@code derive-every}: on the writing thread, no MongoDB nor HTTP call.
     */
    @Override
    public void written(int generation, Collection<String> personIds) {
        if (personIds.isEmpty()) {
            return;
        }
        synchronized (written) {
            written.computeIfAbsent(generation, g -> new ArrayList<>()).addAll(personIds);
            if (writtenQueued) {
                return; // the derivation queued takes these people too
            }
            writtenQueued = true;
        }
        try {
            queue(this::deriveWritten, deriveEvery);
        } catch (RuntimeException e) { // stopping
            takeWritten().values().forEach(people -> people.forEach(this::notStale));
        }
    }

    /** The people written since last taken, by generation; the next write queues a derivation of its own. */
    private Map<Integer, List<String>> takeWritten() {
        synchronized (written) {
            Map<Integer, List<String>> taken = new HashMap<>(written);
            written.clear();
            writtenQueued = false;
            return taken;
        }
    }

    /**
     * On the worker: appends the people written here to the change log (for the other instances), then derives them
     * again, at most {@link #BATCH} people at a time, and ends their staleness (once per write that marked them).
     */
    private void deriveWritten() {
        takeWritten().forEach((generation, writes) -> {
            List<String> people = List.copyOf(new LinkedHashSet<>(writes));
            try {
                for (int from = 0; from < people.size(); from += BATCH) {
                    List<String> some = people.subList(from, Math.min(people.size(), from + BATCH));
                    tellOtherInstances(generation, some);
                    deriveAgain(generation, some);
                }
            } finally {
                writes.forEach(this::notStale);
            }
        });
    }

    private void tellOtherInstances(int generation, List<String> people) {
        try {
            appendedHere.add(changeLog.append(generation, people));
        } catch (RuntimeException e) {
            log.warn("Could not tell the other query-service instances that {} people changed: their figures for today "
                    + "there follow at the next new day or rebuild", people.size(), e);
        }
    }

    private void notStale(String personId) {
        stale.computeIfPresent(personId, (id, count) -> count > 1 ? count - 1 : null);
    }

    // ---- the worker's derivations ----

    /** Derives these people again in the current figures, if they are of that generation. */
    private void deriveAgain(int generation, Collection<String> personIds) {
        Snapshot snapshot = current;
        if (snapshot == null) {
            return; // not ready yet: everyone is derived after this
        }
        if (snapshot.generation != generation) {
            // a rebuild's generation being filled, or one just made active: then memory stops answering (these
            // people would be behind) until everyone is derived from it
            noteActive(generations.active());
            return;
        }
        while (true) {
            try {
                derive(snapshot, personIds);
                return;
            } catch (RuntimeException e) {
                // the person stays stale (read from the store) until this succeeds
                log.warn("Could not derive the figures for today of {} people again; trying again", personIds.size(), e);
                if (!running) {
                    return;
                }
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Derives everyone again: at start, on a new day, for a newly active generation. */
    void deriveEveryone() {
        try {
            int generation = generations.active();
            activeSeen = generation;
            LocalDate day = asOf.today();
            if (nextLogEntry < 0) {
                nextLogEntry = changeLog.next(); // before reading anyone: what changes meanwhile is followed after
            }
            long started = System.nanoTime();
            Snapshot snapshot = new Snapshot(generation, day);
            for (KnownTeam team : histories.teamsIn(generation)) {
                snapshot.teamNames.put(team.teamId(), team.teamName());
            }
            List<String> everyone = histories.everyoneIn(generation);
            for (int from = 0; from < everyone.size(); from += BATCH) {
                derive(snapshot, everyone.subList(from, Math.min(everyone.size(), from + BATCH)));
            }
            current = snapshot;
            log.info("Figures for {} of {} people for {} derived in {} ms (generation {})", snapshot.people.size(),
                    everyone.size(), day, (System.nanoTime() - started) / 1_000_000, generation);
        } catch (RuntimeException e) {
            retryEveryoneAt = System.currentTimeMillis() + RETRY_MILLIS;
            log.warn("Could not derive everyone's figures for today; boards and lists read the store meanwhile", e);
        } finally {
            everyoneQueued.set(false);
        }
    }

    /** Reads these people's stored histories and makes their rows for the snapshot's day; the erased leave. */
    private void derive(Snapshot snapshot, Collection<String> personIds) {
        Viewpoint today = new Viewpoint(snapshot.day, snapshot.day);
        List<StoredHistory> stored = histories.findAllIn(snapshot.generation, personIds);
        // asked for now, not kept: a key held here is what answers use, and it must not outlive its destruction longer
        // than an answer's own lookup would keep it (the answers check the keys of whom they show)
        Map<String, byte[]> found = keys.keysOfNow(stored.stream().filter(StoredHistory::hasSealedValues)
                .map(StoredHistory::personId).toList());
        Set<String> teamsTouched = new LinkedHashSet<>();
        Set<String> left = new HashSet<>(personIds);
        for (StoredHistory history : stored) {
            left.remove(history.personId());
            PersonHistory view = history.at(today);
            byte[] key = found.get(history.personId());
            Optional<String> teamId = view.teamId();
            if (teamId.isEmpty() || history.hasSealedValues() && key == null) {
                Row old = snapshot.remove(history.personId());
                if (old != null) {
                    teamsTouched.add(old.teamId());
                }
                continue;
            }
            Row old = snapshot.people.get(history.personId());
            if (old != null) {
                teamsTouched.add(old.teamId());
            }
            teamsTouched.add(teamId.get());
            snapshot.put(new Row(history.personId(), teamId.get(), history.hasSealedValues(),
                    BoardRow.of(figures, view.opened(key), snapshot.day)));
        }
        for (String personId : left) { // erased, or never held
            Row old = snapshot.remove(personId);
            if (old != null) {
                teamsTouched.add(old.teamId());
            }
        }
        if (snapshot == current) {
            // a team's name comes with its members' events; a team whose last member was erased is no longer known
            for (KnownTeam team : histories.teamsIn(snapshot.generation, teamsTouched).values()) {
                String teamId = team.teamId();
                if (team.everMembers().isEmpty()) {
                    snapshot.teamNames.remove(teamId);
                } else {
                    snapshot.teamNames.put(teamId, team.teamName());
                }
            }
        }
    }

    // ---- following the day, the generation and the other instances ----

    /**
     * Looks once at the day, the active generation and the change log, and queues what follows from them. Run every
     * poll interval; the tests call it when they want.
     */
    void checkNow() {
        noteActive(generations.active());
        Snapshot snapshot = current;
        boolean everyoneDue = snapshot == null || !snapshot.day.equals(asOf.today()) || snapshot.generation != activeSeen;
        if (everyoneDue && System.currentTimeMillis() >= retryEveryoneAt && everyoneQueued.compareAndSet(false, true)) {
            queue(this::deriveEveryone);
        }
        if (nextLogEntry >= 0) {
            followChangeLog();
        }
    }

    /** Another generation is active: memory stops answering until everyone is derived from it (queued by {@link #checkNow}). */
    private void noteActive(int generation) {
        if (generation != activeSeen) {
            activeSeen = generation;
            Snapshot snapshot = current;
            if (snapshot != null && snapshot.generation != generation && everyoneQueued.compareAndSet(false, true)) {
                queue(this::deriveEveryone); // after what the worker is doing
            }
        }
    }

    private void followChangeLog() {
        List<FiguresChangeLog.Entry> read = changeLog.read(nextLogEntry, LOG_READ);
        for (FiguresChangeLog.Entry entry : read) {
            if (entry.number() != nextLogEntry) {
                // a number without its entry: its writer may still be writing it; skipped once it has waited long enough
                long now = System.currentTimeMillis();
                if (holeSince < 0) {
                    holeSince = now;
                }
                if (now - holeSince < FiguresChangeLog.HOLE_WAIT_MILLIS) {
                    return;
                }
                log.warn("Change log entries {} to {} never arrived: skipped", nextLogEntry, entry.number() - 1);
                nextLogEntry = entry.number();
            }
            holeSince = -1;
            nextLogEntry = entry.number() + 1;
            if (!appendedHere.remove(entry.number())) {
                List<String> people = entry.people();
                queue(() -> deriveAgain(entry.generation(), people));
            }
        }
    }

    // ---- lifecycle ----

    @Override
    public void start() {
        // before the writes are told: they queue their derivations on it
        worker = Executors.newSingleThreadScheduledExecutor(runnable -> daemon(runnable, "todays-figures"));
        generations.tellChangesTo(this);
        running = true;
        if (pollInterval.isZero()) {
            // no background polling (tests): everyone derived now, the day and the log looked at by checkNow
            everyoneQueued.set(true);
            deriveEveryone();
            return;
        }
        poller = Executors.newSingleThreadScheduledExecutor(runnable -> daemon(runnable, "todays-figures-poll"));
        poller.scheduleWithFixedDelay(() -> {
            try {
                checkNow();
            } catch (RuntimeException e) {
                log.warn("Could not look for changes to the figures for today", e);
            }
        }, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    @Override
    public void stop() {
        running = false;
        generations.tellChangesTo(HistoryChanges.NONE);
        if (poller != null) {
            poller.shutdownNow();
        }
        worker.shutdownNow();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Waits until the worker has done everything queued so far, the writes' derivation not waiting for its time (tests). */
    void awaitQuiet() {
        try {
            worker.submit(this::deriveWritten).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("The figures for today did not settle", e);
        }
    }

    /** Whether reads may be answered from memory (tests: on by default). */
    void serveFromMemory(boolean serve) {
        this.serving = serve;
    }

    /** Runs the task on the worker, after everything queued so far (tests: to hold the worker up). */
    java.util.concurrent.Future<?> onWorker(Runnable task) {
        return worker.submit(task);
    }

    /** Whether the person is stale now (tests). */
    boolean isStale(String personId) {
        return stale.containsKey(personId);
    }

    Snapshot current() {
        return current;
    }
}
