package io.careerpath.query.skillmodel;

import io.careerpath.events.AssignmentKind;
import io.careerpath.events.DeliveryResponsibility;
import io.careerpath.events.PmoType;
import io.careerpath.events.Skill;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.RuntimeJsonMappingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * How intensely each kind of role practises each skill, from 0 (not at all) to 1 (all the time).
 *
 * <p>The matrix is data: {@value #DEFAULT_RESOURCE} on the classpath, one row per role × skill with
 * a rationale taken from the article. Its format:
 * <pre>
 * # version: 1                       (required comment line; other lines starting with # are comments)
 * kind,pmo_type,delivery_responsibility,skill,intensity,rationale
 * PMO,ORGANIZATIONAL,,PROCESS_GOVERNANCE,0.90,"the process or methodology is the project"
 * PMO,ORGANIZATIONAL,true,DELIVERY_EXECUTION,0.40,"..."
 * </pre>
 * A row with an empty {@code delivery_responsibility} is the base intensity of that role, and every
 * role ({@code DELIVERY}, {@code TROUBLED_PROGRAM}, and {@code PMO} of each type) needs exactly one
 * per skill. A row with {@code true} overrides the base when the assignment carries the full delivery
 * responsibility ({@link DeliveryResponsibility#FULL}); skills without an override keep their base. Fields
 * may be quoted with {@code "}, doubling a quote inside: the file is read with Jackson's CSV reader, the one CSV
 * library of the project; only the version, which lives in a comment, is read here.
 *
 * <p>{@link DeliveryResponsibility#PARTIAL} has no rows of its own: it practises half of what the full
 * responsibility adds to the base, {@code base + }{@value #PARTIAL_SHARE}{@code  × (full − base)}, skill by
 * skill (docs/skill-model.md says why). {@code NONE} is the base, {@code FULL} the base with its overrides.
 */
public final class PracticeMatrix {

    /** Classpath location of the default matrix. */
    public static final String DEFAULT_RESOURCE = "/skill-model/practice-matrix.csv";

    static final String HEADER = "kind,pmo_type,delivery_responsibility,skill,intensity,rationale";
    private static final String VERSION_PREFIX = "# version:";
    private static final int KINDS = AssignmentKind.values().length;
    private static final int ROLES = KINDS + PmoType.values().length;
    private static final int SKILLS = Skill.values().length;
    /** The share of what the full delivery responsibility adds that a partial one practises. */
    public static final double PARTIAL_SHARE = 0.5;

    private final String version;
    /** [responsibility][role][skill]: the base intensities (NONE), half the overrides (PARTIAL), the overrides (FULL). */
    private final double[][][] byResponsibility;

    private PracticeMatrix(String version, double[][] base, double[][] withDeliveryResponsibility) {
        this.version = version;
        double[][] partial = new double[ROLES][];
        for (int role = 0; role < ROLES; role++) {
            if (base[role] != null && withDeliveryResponsibility[role] != null) {
                partial[role] = new double[SKILLS];
                for (int skill = 0; skill < SKILLS; skill++) {
                    partial[role][skill] = base[role][skill]
                            + PARTIAL_SHARE * (withDeliveryResponsibility[role][skill] - base[role][skill]);
                }
            }
        }
        this.byResponsibility = new double[DeliveryResponsibility.values().length][][];
        byResponsibility[DeliveryResponsibility.NONE.ordinal()] = base;
        byResponsibility[DeliveryResponsibility.PARTIAL.ordinal()] = partial;
        byResponsibility[DeliveryResponsibility.FULL.ordinal()] = withDeliveryResponsibility;
    }

    /** The matrix shipped in {@value #DEFAULT_RESOURCE}, read once. */
    public static PracticeMatrix defaultMatrix() {
        return DefaultHolder.MATRIX;
    }

    /** Reads a matrix in the format above; {@code source} names it in error messages. */
    public static PracticeMatrix parse(Reader reader, String source) {
        try {
            StringWriter text = new StringWriter();
            reader.transferTo(text);
            return new Parser(source).parse(text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read practice matrix " + source, e);
        }
    }

    /** The text after {@code # version:} in the file. */
    public String version() {
        return version;
    }

    public double intensity(AssignmentKind kind, PmoType pmoType, DeliveryResponsibility deliveryResponsibility,
                            Skill skill) {
        AssignmentPeriod.requireTypeMatchesKind(kind, pmoType);
        return intensities(kind, pmoType, deliveryResponsibility)[skill.ordinal()];
    }

    /** Intensities indexed by {@link Skill#ordinal()}. Shared: callers must not write to it. */
    double[] intensities(AssignmentKind kind, PmoType pmoType, DeliveryResponsibility deliveryResponsibility) {
        return byResponsibility[deliveryResponsibility.ordinal()][role(kind, pmoType)];
    }

    private static int role(AssignmentKind kind, PmoType pmoType) {
        return pmoType == null ? kind.ordinal() : KINDS + pmoType.ordinal();
    }

    private static String roleName(int role) {
        return role < KINDS
                ? AssignmentKind.values()[role].name()
                : AssignmentKind.PMO + "/" + PmoType.values()[role - KINDS];
    }

    private static final class DefaultHolder {
        static final PracticeMatrix MATRIX = load();

        private static PracticeMatrix load() {
            InputStream in = PracticeMatrix.class.getResourceAsStream(DEFAULT_RESOURCE);
            if (in == null) {
                throw new IllegalStateException("practice matrix not found on the classpath: " + DEFAULT_RESOURCE);
            }
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                return parse(reader, DEFAULT_RESOURCE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final class Parser {
        /** Rows as arrays of fields; lines starting with {@code #} are comments, blank lines are skipped. */
        private static final CsvMapper CSV = CsvMapper.builder()
                .enable(CsvParser.Feature.WRAP_AS_ARRAY)
                .enable(CsvParser.Feature.ALLOW_COMMENTS)
                .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
                .enable(CsvParser.Feature.TRIM_SPACES)
                .build();

        private final String source;
        private final double[][] base = filled(Double.NaN);
        private final double[][] overrides = filled(Double.NaN);
        private String version;
        private int lineNumber;

        Parser(String source) {
            this.source = source;
        }

        PracticeMatrix parse(String text) throws IOException {
            version = versionOf(text);
            boolean headerSeen = false;
            try (MappingIterator<String[]> rows = CSV.readerFor(String[].class).with(CsvSchema.emptySchema())
                    .readValues(text)) {
                while (rows.hasNextValue()) {
                    String[] fields = rows.nextValue();
                    lineNumber = rows.getParser().currentTokenLocation().getLineNr();
                    if (!headerSeen) {
                        if (!String.join(",", fields).equals(HEADER)) {
                            throw error("expected the header '" + HEADER + "'");
                        }
                        headerSeen = true;
                    } else {
                        row(fields);
                    }
                }
            } catch (RuntimeJsonMappingException | JsonProcessingException e) {
                throw error("not CSV: " + e.getMessage().lines().findFirst().orElse(""));
            }
            lineNumber = 0;
            if (version == null || version.isEmpty()) {
                throw error("missing '" + VERSION_PREFIX + " ...' line");
            }
            if (!headerSeen) {
                throw error("missing header '" + HEADER + "'");
            }
            double[][] withOverrides = new double[ROLES][];
            for (int role = 0; role < ROLES; role++) {
                if (role == AssignmentKind.PMO.ordinal()) {
                    continue; // a PMO always has a type
                }
                withOverrides[role] = base[role].clone();
                for (Skill skill : Skill.values()) {
                    int s = skill.ordinal();
                    if (Double.isNaN(base[role][s])) {
                        throw error("no row for " + roleName(role) + " × " + skill);
                    }
                    if (!Double.isNaN(overrides[role][s])) {
                        withOverrides[role][s] = overrides[role][s];
                    }
                }
            }
            return new PracticeMatrix(version, base, withOverrides);
        }

        private void row(String[] row) {
            if (row.length != 6) {
                throw error("expected 6 fields, found " + row.length);
            }
            List<String> fields = Arrays.stream(row).map(String::strip).toList();
            AssignmentKind kind = enumValue(AssignmentKind.class, fields.get(0), "kind");
            PmoType pmoType = fields.get(1).isEmpty() ? null : enumValue(PmoType.class, fields.get(1), "pmo_type");
            try {
                AssignmentPeriod.requireTypeMatchesKind(kind, pmoType);
            } catch (IllegalArgumentException e) {
                throw error(e.getMessage());
            }
            boolean override = switch (fields.get(2)) {
                case "" -> false;
                case "true" -> true;
                default -> throw error("delivery_responsibility must be empty or 'true', was '" + fields.get(2) + "'");
            };
            Skill skill = enumValue(Skill.class, fields.get(3), "skill");
            double intensity;
            try {
                intensity = Double.parseDouble(fields.get(4));
            } catch (NumberFormatException e) {
                throw error("intensity is not a number: '" + fields.get(4) + "'");
            }
            if (!(intensity >= 0 && intensity <= 1)) {
                throw error("intensity must be within [0, 1], was " + intensity);
            }
            if (fields.get(5).isBlank()) {
                throw error("every row needs a rationale");
            }
            double[] target = (override ? overrides : base)[role(kind, pmoType)];
            if (!Double.isNaN(target[skill.ordinal()])) {
                throw error("duplicate row for " + fields.get(0) + "/" + fields.get(1) + "/" + fields.get(2) + " × " + skill);
            }
            target[skill.ordinal()] = intensity;
        }

        private <E extends Enum<E>> E enumValue(Class<E> type, String value, String column) {
            try {
                return Enum.valueOf(type, value);
            } catch (IllegalArgumentException e) {
                throw error(column + " '" + value + "' is not one of " + Arrays.toString(type.getEnumConstants()));
            }
        }

        /** The text after the last {@code # version:} comment line: the one thing the CSV reader skips that counts. */
        private static String versionOf(String text) {
            return text.lines().map(String::strip).filter(line -> line.startsWith(VERSION_PREFIX))
                    .map(line -> line.substring(VERSION_PREFIX.length()).strip())
                    .reduce((first, last) -> last).orElse(null);
        }

        private IllegalArgumentException error(String message) {
            return new IllegalArgumentException(
                    "practice matrix " + source + (lineNumber > 0 ? " line " + lineNumber : "") + ": " + message);
        }

        private static double[][] filled(double value) {
            double[][] table = new double[ROLES][SKILLS];
            for (double[] row : table) {
                Arrays.fill(row, value);
            }
            return table;
        }
    }

    @Override
    public String toString() {
        return "PracticeMatrix[version=" + version + "]";
    }
}
