package io.careerpath.command.imports;

import java.util.Locale;
import java.util.Optional;
import org.springframework.http.MediaType;

/** The two file formats of a bulk import (see docs/bulk-import.md). */
public enum ImportFormat {
    /** Comma-separated values, RFC 4180, a header row naming the columns. */
    CSV("text/csv", ".csv"),
    /** Newline-delimited JSON: one JSON object per line, the API's body plus {@code personRef}. */
    NDJSON("application/x-ndjson", ".ndjson", ".jsonl");

    private final MediaType mediaType;
    private final String[] extensions;

    ImportFormat(String mediaType, String... extensions) {
        this.mediaType = MediaType.parseMediaType(mediaType);
        this.extensions = extensions;
    }

    public MediaType mediaType() {
        return mediaType;
    }

    /** {@code csv} or {@code ndjson}, as the {@code format} parameter names them. */
    static Optional<ImportFormat> named(String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (ImportFormat format : values()) {
            if (format.name().equalsIgnoreCase(name.trim())) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    static Optional<ImportFormat> ofMediaType(MediaType type) {
        if (type == null) {
            return Optional.empty();
        }
        for (ImportFormat format : values()) {
            if (format.mediaType.equalsTypeAndSubtype(type)) {
                return Optional.of(format);
            }
        }
        if (type.equalsTypeAndSubtype(MediaType.parseMediaType("application/jsonl"))
                || type.equalsTypeAndSubtype(MediaType.parseMediaType("application/x-jsonlines"))) {
            return Optional.of(NDJSON);
        }
        return Optional.empty();
    }

    static Optional<ImportFormat> ofFileName(String fileName) {
        if (fileName == null) {
            return Optional.empty();
        }
        String lower = fileName.toLowerCase(Locale.ROOT);
        for (ImportFormat format : values()) {
            for (String extension : format.extensions) {
                if (lower.endsWith(extension)) {
                    return Optional.of(format);
                }
            }
        }
        return Optional.empty();
    }
}
