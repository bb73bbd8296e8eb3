package io.careerpath.command.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.careerpath.command.erasure.ErasureLedger.Erasure;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The erasure ledger's file format and its rules for files it finds, without Spring. */
class ErasureLedgerTest {

    @TempDir
    Path dir;

    private static Erasure erasure(Instant at) {
        return new Erasure(UUID.randomUUID().toString(), UUID.randomUUID().toString(), at);
    }

    private ErasureLedger ledger(String instance) {
        return new ErasureLedger(new ErasureLedgerProperties(dir.resolve("ledger"), instance));
    }

    @Test
    void anErasureIsALineOfItsThreeFactsAndNothingElse() throws Exception {
        Erasure erasure = new Erasure("0a87ee8c-1b2c-4d5e-8f90-123456789abc", "ab481646-0000-4000-8000-000000000001",
                Instant.parse("2026-12-01T10:15:30Z"));

        ledger("a").record(erasure);

        assertThat(Files.readString(dir.resolve("ledger/erasures-a.jsonl"))).isEqualTo("""
                {"personId":"0a87ee8c-1b2c-4d5e-8f90-123456789abc","eventId":"ab481646-0000-4000-8000-000000000001",\
                "erasedAt":"2026-12-01T10:15:30Z"}
                """);
        assertThat(ledger("b").erasures()).containsExactly(erasure);
    }

    @Test
    void theLedgerIsTheUnionOfEveryFileInItsDirectoryOnePersonOnce() throws Exception {
        Erasure first = erasure(Instant.parse("2026-01-01T00:00:00Z"));
        Erasure second = erasure(Instant.parse("2026-02-01T00:00:00Z"));
        ledger("a").record(second);
        ledger("b").record(first);
        // a copy kept elsewhere and put back beside the live files, holding one of them again (retried later)
        Erasure retried = new Erasure(second.personId(), UUID.randomUUID().toString(), Instant.parse("2026-03-01T00:00:00Z"));
        ledger("copy").record(retried);

        assertThat(ledger("a").erasures()).containsExactly(first, second);
    }

    @Test
    void aLineCutOffByACrashIsLeftOutAndDroppedWhenTheInstanceStartsAgain() throws Exception {
        Erasure recorded = erasure(Instant.parse("2026-01-01T00:00:00Z"));
        ledger("a").record(recorded);
        Path file = dir.resolve("ledger/erasures-a.jsonl");
        Files.writeString(file, "{\"personId\":\"0a87ee8c-1b2c", StandardOpenOption.APPEND);

        assertThat(ledger("b").erasures()).as("read by another instance while cut off").containsExactly(recorded);

        ErasureLedger restarted = ledger("a");
        Erasure next = erasure(Instant.parse("2026-01-02T00:00:00Z"));
        restarted.record(next);
        assertThat(restarted.erasures()).containsExactly(recorded, next);
        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).hasSize(2);
    }

    @Test
    void aCompleteLineThatIsNotAnErasureStopsTheStartNamingItsFileAndLine() throws Exception {
        ErasureLedger ledger = ledger("a");
        ledger.record(erasure(Instant.parse("2026-01-01T00:00:00Z")));
        Files.writeString(dir.resolve("ledger/erasures-a.jsonl"), "{\"personId\":\"not-a-uuid\"}\n",
                StandardOpenOption.APPEND);

        assertThatThrownBy(ledger::erasures).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Line 2 of the erasure ledger's file " + dir.resolve("ledger/erasures-a.jsonl"));
    }

    @Test
    void aLedgerThatCannotBeWrittenRefusesTheErasure() throws Exception {
        ErasureLedger ledger = ledger("a");
        Files.createDirectories(dir.resolve("ledger/erasures-a.jsonl")); // where its file should be

        assertThat(ledger.writable()).isFalse();
        assertThatThrownBy(() -> ledger.record(erasure(Instant.now()))).isInstanceOf(ErasureLedger.Unavailable.class)
                .hasMessageContaining("cannot be written");
    }
}
