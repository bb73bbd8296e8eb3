package io.careerpath.query.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PersonKeyLookupTest {

    private final TestKeys commandService = new TestKeys();
    private final PersonKeyLookup keys = commandService.personKeys();

    @Test
    void manyPeopleAreAskedForInRequestsOfAtMost500() {
        List<String> people = new ArrayList<>();
        for (int i = 0; i < 1_201; i++) {
            people.add("p" + i);
            commandService.newKeyFor("p" + i);
        }

        Map<String, byte[]> found = keys.keysOf(people);

        assertThat(found).hasSize(1_201);
        assertThat(commandService.requests()).extracting(List::size).containsExactly(500, 500, 201);
    }

    @Test
    void keysAreHeldForTheirTimeThenAskedForAgain() {
        byte[] key = commandService.newKeyFor("p1");
        assertThat(keys.keyOf("p1")).contains(key);
        assertThat(keys.keyOf("p1")).contains(key);
        assertThat(commandService.requests()).hasSize(1);

        commandService.advanceNanos(TimeUnit.MINUTES.toNanos(11));
        commandService.destroy("p1");

        assertThat(keys.keyOf("p1")).isEmpty();
        assertThat(commandService.requests()).hasSize(2);
    }

    @Test
    void onlyThePeopleNotHeldAreAskedFor() {
        commandService.newKeyFor("p1");
        commandService.newKeyFor("p2");
        keys.keyOf("p1");

        keys.keysOf(List.of("p1", "p2", "unknown"));

        assertThat(commandService.requests()).containsExactly(List.of("p1"), List.of("p2", "unknown"));
    }

    @Test
    void aForgottenKeyOpensNothingEvenIfItWasHeld() {
        commandService.newKeyFor("p1");
        keys.keyOf("p1");

        keys.forget("p1");

        assertThat(keys.keyOf("p1")).isEmpty();
    }

    @Test
    void anUnreachableCommandServiceIsNotTakenForAnErasure() {
        commandService.newKeyFor("p1");
        commandService.down(true);

        assertThatThrownBy(() -> keys.keyOf("p1")).isInstanceOf(KeysUnavailable.class);

        commandService.down(false);
        assertThat(keys.keyOf("p1")).isPresent();
    }

    @Test
    void theCacheIsBounded() {
        PersonKeyLookup small = new PersonKeyLookup(commandService, 2, Long.MAX_VALUE / 4, System::nanoTime);
        commandService.newKeyFor("p1");
        commandService.newKeyFor("p2");
        commandService.newKeyFor("p3");
        small.keysOf(List.of("p1", "p2", "p3"));

        small.keysOf(List.of("p1", "p2", "p3"));

        // one of the three no longer fitted and had to be asked for again (which one is Caffeine's choice)
        assertThat(commandService.requests()).hasSize(2);
        assertThat(commandService.requests().get(1)).hasSize(1);
    }

    @Test
    void anErasureArrivingWhileItsKeyIsFetchedIsNotUndoneByTheFetch() throws Exception {
        byte[] erasedKey = commandService.newKeyFor("erased");
        byte[] otherKey = commandService.newKeyFor("other");
        HeldFetch held = new HeldFetch(commandService);
        PersonKeyLookup keys = new PersonKeyLookup(held, 100, TimeUnit.MINUTES.toNanos(10), System::nanoTime);
        CompletableFuture<Map<String, byte[]>> answer = CompletableFuture.supplyAsync(
                () -> keys.keysOf(List.of("erased", "other")));
        held.fetched.await();

        // the command service erased the person after it had read the keys; the erasure is projected here
        commandService.destroy("erased");
        keys.forget("erased");
        held.answer.countDown();

        assertThat(answer.get(10, TimeUnit.SECONDS)).containsEntry("erased", erasedKey); // the answer in flight
        assertThat(keys.keyOf("erased")).isEmpty();
        assertThat(keys.keyOf("other")).contains(otherKey);
    }

    /** The key path, answering only when the test lets it: the keys are read, then the answer waits. */
    private static final class HeldFetch implements KeyFetcher {

        private final KeyFetcher commandService;
        private final CountDownLatch fetched = new CountDownLatch(1);
        private final CountDownLatch answer = new CountDownLatch(1);

        HeldFetch(KeyFetcher commandService) {
            this.commandService = commandService;
        }

        @Override
        public Map<String, byte[]> fetch(List<String> personIds) {
            Map<String, byte[]> keys = commandService.fetch(personIds);
            fetched.countDown();
            try {
                assertThat(answer.await(10, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return keys;
        }
    }
}
