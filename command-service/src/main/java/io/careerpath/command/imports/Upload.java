package io.careerpath.command.imports;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PushbackReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A received file, kept in a temporary file until its import ends: its SHA-256 (which file it is, for
 * the rows refused in an earlier run), its size, and its non-blank lines (the rows, as far as can be
 * told before reading them).
 */
record Upload(Path file, String fileName, ImportFormat format, String sha256, long bytes, long nonBlankLines) {

    /** Spools {@code body} to a temporary file and checks that it is UTF-8 text. */
    static Upload receive(InputStream body, String fileName, ImportFormat format) throws IOException {
        Path file = Files.createTempFile("careerpath-import-", "." + format.name().toLowerCase(java.util.Locale.ROOT));
        boolean received = false;
        try {
            MessageDigest sha256 = newDigest();
            long bytes;
            try (DigestInputStream in = new DigestInputStream(body, sha256);
                 OutputStream out = Files.newOutputStream(file)) {
                bytes = in.transferTo(out);
            }
            long lines = 0;
            try (BufferedReader text = new BufferedReader(open(file))) {
                for (String line = text.readLine(); line != null; line = text.readLine()) {
                    if (!line.isBlank()) {
                        lines++;
                    }
                }
            } catch (CharacterCodingException e) {
                throw InvalidImportFile.invalid("The file is not UTF-8 text: save or export it as UTF-8"
                        + " (with or without a byte order mark).");
            }
            received = true;
            return new Upload(file, fileName, format, HexFormat.of().formatHex(sha256.digest()), bytes, lines);
        } finally {
            if (!received) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The file's text: strict UTF-8 (a malformed byte fails the read), a leading byte order mark skipped. */
    static Reader open(Path file) throws IOException {
        Reader reader = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        PushbackReader text = new PushbackReader(reader, 1);
        int first = text.read();
        if (first != -1 && first != '\uFEFF') {
            text.unread(first);
        }
        return text;
    }

    Reader open() throws IOException {
        return open(file);
    }

    void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            file.toFile().deleteOnExit();
        }
    }
}
