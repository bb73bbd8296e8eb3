package io.careerpath.security;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The permission table of docs/security.md as data ({@code permissions.csv} on the classpath): the
 * generated permission test walks it, and a test checks that every endpoint of both services is in it.
 * The services enforce it with {@link Caller}.
 */
public final class PermissionTable {

    /** How the endpoint names whose data it is. */
    public enum Kind {
        /** the path names a person */
        PERSON,
        /** the path or body names a team */
        TEAM,
        /** a list, filtered to what the caller may see */
        LIST,
        /** no one's data in particular */
        ADMIN,
        /** only the query service's client, scope {@value Caller#KEYS_SCOPE} */
        CLIENT,
        /** no token needed */
        OPEN
    }

    /** How far a role reaches. */
    public enum Scope {
        NONE, OWN, TEAM, ALL
    }

    public record Permission(String service, String method, String path, String action, Kind kind,
                             Map<Role, Scope> scopes) {

        public Scope scope(Role role) {
            return scopes.get(role);
        }

        @Override
        public String toString() {
            return service + " " + method + " " + path;
        }
    }

    public static final String RESOURCE = "/permissions.csv";

    /** Rows as arrays of cells, read with Jackson's CSV reader; lines starting with {@code #} are comments. */
    private static final CsvMapper CSV = CsvMapper.builder()
            .enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.ALLOW_COMMENTS)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .enable(CsvParser.Feature.TRIM_SPACES)
            .build();

    private PermissionTable() {
    }

    public static List<Permission> load() {
        try (InputStream in = PermissionTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            List<Permission> rows = new ArrayList<>();
            String[] header = null;
            try (MappingIterator<String[]> lines = CSV.readerFor(String[].class).with(CsvSchema.emptySchema())
                    .readValues(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                while (lines.hasNextValue()) {
                    String[] cells = lines.nextValue();
                    if (header == null) {
                        header = cells;
                        continue;
                    }
                    if (cells.length != header.length) {
                        throw new IllegalStateException(RESOURCE + ": expected " + header.length + " cells: "
                                + String.join(",", cells));
                    }
                    Map<Role, Scope> scopes = new EnumMap<>(Role.class);
                    for (int i = 5; i < header.length; i++) {
                        scopes.put(Role.valueOf(header[i]), Scope.valueOf(cells[i].toUpperCase()));
                    }
                    rows.add(new Permission(cells[0], cells[1], cells[2], cells[3],
                            Kind.valueOf(cells[4].toUpperCase()), Map.copyOf(scopes)));
                }
            }
            return List.copyOf(rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
