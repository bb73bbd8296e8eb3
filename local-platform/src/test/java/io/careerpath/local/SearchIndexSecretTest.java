package io.careerpath.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's name-search index secret: created once per data directory, kept for every later start, private. */
class SearchIndexSecretTest {

    @Test
    void createdAtTheFirstStartAndTheSameEverAfter(@TempDir Path dataDir) throws Exception {
        String first = LocalPlatform.searchIndexSecret(dataDir);

        assertThat(first).hasSizeGreaterThanOrEqualTo(32).matches("[A-Za-z0-9_-]+");
        assertThat(LocalPlatform.searchIndexSecret(dataDir)).isEqualTo(first);
        Path file = dataDir.resolve("search-index-secret");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void anotherDataDirectoryGetsAnotherSecret(@TempDir Path one, @TempDir Path other) throws Exception {
        assertThat(LocalPlatform.searchIndexSecret(one)).isNotEqualTo(LocalPlatform.searchIndexSecret(other));
    }
}
