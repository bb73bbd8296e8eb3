package io.careerpath.command.erasure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The erasure ledger (docs/security.md, docs/operations.md "Erasure after a restore"): every erasure,
 * appended and forced to disk before the erasure commits, in a directory apart from the event store.
 * Restoring the event store from a backup taken before an erasure brings the person's key back with it;
 * the command service re-applies every erasure of the ledger when it starts, so that a restore never
 * undoes one.
 *
 * <p>A line is {@code {"personId":..., "eventId":..., "erasedAt":...}}: the person's random id, the id of
 * their {@code PersonErased} event and when it was recorded. Nothing in it identifies anyone, and the event
 * store keeps the same three facts in {@code PersonErased} for good; so the ledger may be copied anywhere
 * and kept forever.
 *
 * <p>The ledger is the union of every {@code *.jsonl} file in the directory. Each instance appends to a
 * file of its own ({@code erasures-<instance>.jsonl}), so instances sharing the directory never write the
 * same file, and a copy of the ledger kept elsewhere can be put back beside the live files at any time:
 * adding lines can only re-apply erasures, never undo one.
 */
@Component
public class ErasureLedger {

    private static final Logger log = LoggerFactory.getLogger(ErasureLedger.class);
    private static final Pattern PERSON_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** One erasure, as the ledger keeps it. */
    public record Erasure(String personId, String eventId, Instant erasedAt) {
    }

    /** The ledger cannot be written: an erasure must not be acknowledged (its transaction rolls back). */
    public static final class Unavailable extends RuntimeException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final ObjectMapper json = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // a later version may add fields: an older reader must still re-apply the erasure
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private final Path directory;
    private final Path file;

    ErasureLedger(ErasureLedgerProperties properties) {
        this.directory = properties.directory().toAbsolutePath().normalize();
        String instance = properties.instance().isBlank() ? hostName() : properties.instance();
        this.file = directory.resolve("erasures-" + instance + ".jsonl");
        try {
            if (Files.exists(file)) {
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                    dropTornLine(channel);
                    channel.force(true);
                }
            } else if (!writable()) {
                throw new IOException(nearestExisting(directory) + " cannot be written");
            }
        } catch (IOException e) {
            throw new IllegalStateException("The erasure ledger cannot be written at " + file
                    + " (careerpath.erasure-ledger.directory): erasures could not be made to survive a restore", e);
        }
        log.info("Erasure ledger: {} (this instance appends to {})", directory, file.getFileName());
    }

    /** The directory holding the ledger's files (made by the first erasure). */
    public Path directory() {
        return directory;
    }

    /** Whether an erasure could be appended now. */
    public boolean writable() {
        return Files.exists(file) ? Files.isRegularFile(file) && Files.isWritable(file) : Files.isWritable(nearestExisting(directory));
    }

    /**
     * Appends the erasure and forces it to disk; returns only once it would survive a crash.
     *
     * @throws Unavailable if it could not be written
     */
    public synchronized void record(Erasure erasure) {
        byte[] line;
        try {
            line = (json.writeValueAsString(erasure) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        try {
            boolean created = !Files.exists(file);
            if (created) {
                Files.createDirectories(directory);
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                ByteBuffer buffer = ByteBuffer.wrap(line);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            if (created) {
                forceDirectory(); // the new file's name must survive a power loss as its line does
            }
        } catch (IOException e) {
            throw new Unavailable("The erasure ledger at " + file + " cannot be written: " + e.getMessage(), e);
        }
    }

    /**
     * Every erasure in the ledger, one per person (the earliest, if a person was ledgered twice), in the
     * order they were erased. A last line without its line end is one being written (or cut off by a crash
     * before its erasure could commit) and is left out.
     *
     * @throws IllegalStateException if a complete line is not an erasure: it might be one, so nothing
     *                               may start as if it were not
     */
    public List<Erasure> erasures() {
        Map<String, Erasure> byPerson = new LinkedHashMap<>();
        for (Path ledgerFile : files()) {
            String content;
            try {
                content = Files.readString(ledgerFile, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the erasure ledger's file " + ledgerFile, e);
            }
            String[] lines = content.split("\n", -1);
            // the part after the last line end: empty, or a line not written to its end
            for (int i = 0; i < lines.length - 1; i++) {
                if (!lines[i].isBlank()) {
                    Erasure erasure = parse(lines[i], ledgerFile, i + 1);
                    byPerson.merge(erasure.personId(), erasure,
                            (a, b) -> a.erasedAt().isAfter(b.erasedAt()) ? b : a);
                }
            }
            if (!lines[lines.length - 1].isEmpty()) {
                log.warn("Erasure ledger {}: its last line is incomplete and is left out (an erasure being written,"
                        + " or cut off by a crash before it was acknowledged)", ledgerFile);
            }
        }
        List<Erasure> erasures = new ArrayList<>(byPerson.values());
        erasures.sort(Comparator.comparing(Erasure::erasedAt));
        return erasures;
    }

    private List<Path> files() {
        List<Path> files = new ArrayList<>();
        if (!Files.exists(directory)) {
            return files; // nothing erased yet: the directory is made by the first erasure
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, "*.jsonl")) {
            entries.forEach(entry -> {
                if (Files.isRegularFile(entry)) {
                    files.add(entry);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the erasure ledger's directory " + directory, e);
        }
        files.sort(Comparator.naturalOrder());
        return files;
    }

    private Erasure parse(String line, Path ledgerFile, int lineNumber) {
        Erasure erasure;
        try {
            erasure = json.readValue(line, Erasure.class);
        } catch (JsonProcessingException e) {
            erasure = null;
        }
        if (erasure == null || erasure.personId() == null || !PERSON_ID.matcher(erasure.personId()).matches()
                || erasure.eventId() == null || erasure.eventId().isBlank() || erasure.erasedAt() == null) {
            throw new IllegalStateException("Line " + lineNumber + " of the erasure ledger's file " + ledgerFile
                    + " is not an erasure (a person id, an event id and a time): correct or remove it"
                    + " (docs/operations.md, \"Erasure after a restore\"); nothing starts while an erasure may be unknown");
        }
        return erasure;
    }

    /**
     * Drops what follows the file's last line end: a line cut off by a crash while it was written. Its
     * erasure never committed (the commit waits for the line), so nothing is lost, and the next line
     * starts on a line of its own.
     */
    private static void dropTornLine(FileChannel channel) throws IOException {
        long size = channel.size();
        long end = size;
        ByteBuffer one = ByteBuffer.allocate(1);
        while (end > 0) {
            one.clear();
            channel.read(one, end - 1);
            if (one.get(0) == '\n') {
                break;
            }
            end--;
        }
        if (end < size) {
            log.warn("Erasure ledger: dropped an incomplete last line ({} bytes) left by a crash", size - end);
            channel.truncate(end);
        }
    }

    private void forceDirectory() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // not every file system lets a directory be opened (Windows): the file itself is forced
            log.debug("Could not force the erasure ledger's directory {}", directory, e);
        }
    }

    private static Path nearestExisting(Path path) {
        Path existing = path;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing == null ? path : existing;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._-]", "_");
        } catch (IOException e) {
            return "local";
        }
    }
}
