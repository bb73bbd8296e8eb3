package io.careerpath.command.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** What an upload keeps of a file: its hash, its size, its lines; and that it is UTF-8 text. */
class UploadTest {

    @Test
    void aFileIsKeptWithItsSha256AndItsNonBlankLines() throws IOException {
        byte[] bytes = "personRef,type\n\nHR-1,X\n  \n".getBytes(StandardCharsets.UTF_8);

        Upload upload = Upload.receive(new ByteArrayInputStream(bytes), "f.csv", ImportFormat.CSV);
        try {
            assertThat(upload.bytes()).isEqualTo(bytes.length);
            assertThat(upload.nonBlankLines()).isEqualTo(2);
            assertThat(upload.sha256()).isEqualTo(sha256(bytes));
            assertThat(Files.readAllBytes(upload.file())).isEqualTo(bytes);
        } finally {
            upload.delete();
        }
        assertThat(Files.exists(upload.file())).isFalse();
    }

    @Test
    void aByteOrderMarkIsNoPartOfTheText() throws IOException {
        byte[] bytes = "\uFEFFpersonRef,type\n".getBytes(StandardCharsets.UTF_8);
        Upload upload = Upload.receive(new ByteArrayInputStream(bytes), null, ImportFormat.CSV);
        try (Reader text = upload.open()) {
            char[] first = new char[9];
            assertThat(text.read(first)).isEqualTo(9);
            assertThat(new String(first)).isEqualTo("personRef");
        } finally {
            upload.delete();
        }
    }

    @Test
    void aFileThatIsNotUtf8IsRefusedAndNotKept() {
        byte[] latin1 = "personRef,type\nZoë,X\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> Upload.receive(new ByteArrayInputStream(latin1), null, ImportFormat.CSV))
                .isInstanceOf(InvalidImportFile.class)
                .hasMessageContaining("not UTF-8");
    }

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
