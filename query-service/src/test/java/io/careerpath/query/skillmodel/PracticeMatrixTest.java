package io.careerpath.query.skillmodel;

import io.careerpath.events.AssignmentKind;
import io.careerpath.events.DeliveryResponsibility;
import io.careerpath.events.PmoType;
import io.careerpath.events.Skill;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.careerpath.events.Skill.DELIVERY_EXECUTION;
import static io.careerpath.events.Skill.ENTERPRISE_RISK;
import static io.careerpath.events.Skill.ISSUE_MANAGEMENT;
import static io.careerpath.events.Skill.LEADERSHIP;
import static io.careerpath.events.Skill.PORTFOLIO_MANAGEMENT;
import static io.careerpath.events.Skill.PROCESS_GOVERNANCE;
import static io.careerpath.events.Skill.PROGRAM_MANAGEMENT;
import static io.careerpath.events.Skill.STRATEGIC_VISIBILITY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PracticeMatrixTest {

    private static final PracticeMatrix MATRIX = PracticeMatrix.defaultMatrix();

    @Test
    void theDefaultMatrixIsVersioned() throws Exception {
        assertThat(MATRIX.version()).isEqualTo("1 (2025-11-26)").isEqualTo(shippedVersion());
    }

    /**
     * The source of truth is the shipped file: every base row is the role's intensity without delivery
     * responsibility, every override row its intensity with the full one, to the last digit.
     */
    @Test
    void everyIntensityIsTheOneTheShippedFileGives() throws Exception {
        int checked = 0;
        for (Map<String, String> row : shippedRows()) {
            AssignmentKind kind = AssignmentKind.valueOf(row.get("kind"));
            PmoType type = row.get("pmo_type").isEmpty() ? null : PmoType.valueOf(row.get("pmo_type"));
            Skill skill = Skill.valueOf(row.get("skill"));
            DeliveryResponsibility responsibility = row.get("delivery_responsibility").isEmpty()
                    ? DeliveryResponsibility.NONE : DeliveryResponsibility.FULL;

            assertThat(MATRIX.intensity(kind, type, responsibility, skill))
                    .as("%s/%s/%s × %s", kind, type, responsibility, skill)
                    .isEqualTo(Double.parseDouble(row.get("intensity")));
            checked++;
        }
        int roles = 2 + PmoType.values().length;
        assertThat(checked).as("rows checked").isGreaterThanOrEqualTo(roles * Skill.values().length);
    }

    @Test
    void anOrganizationalPmoPractisesProcessAndPortfolioHeavilyAndDeliveryHardlyAtAll() {
        assertThat(intensity(AssignmentKind.PMO, PmoType.ORGANIZATIONAL, PROCESS_GOVERNANCE)).isGreaterThanOrEqualTo(0.8);
        assertThat(intensity(AssignmentKind.PMO, PmoType.ORGANIZATIONAL, PORTFOLIO_MANAGEMENT)).isGreaterThanOrEqualTo(0.8);
        assertThat(intensity(AssignmentKind.PMO, PmoType.ORGANIZATIONAL, DELIVERY_EXECUTION)).isLessThanOrEqualTo(0.1);
    }

    @Test
    void aTroubledProgramPractisesLeadershipRiskAndIssuesHeavily() {
        for (Skill skill : new Skill[] {LEADERSHIP, ENTERPRISE_RISK, ISSUE_MANAGEMENT}) {
            assertThat(intensity(AssignmentKind.TROUBLED_PROGRAM, null, skill)).isGreaterThanOrEqualTo(0.8);
        }
    }

    @Test
    void eachPmoTypeBuildsWhatTheArticleSaysItBuilds() {
        assertThat(intensity(AssignmentKind.PMO, PmoType.PROGRAM, PROGRAM_MANAGEMENT)).isGreaterThanOrEqualTo(0.8);
        assertThat(intensity(AssignmentKind.PMO, PmoType.EXECUTIVE, STRATEGIC_VISIBILITY)).isGreaterThanOrEqualTo(0.8);
        assertThat(intensity(AssignmentKind.DELIVERY, null, DELIVERY_EXECUTION)).isGreaterThanOrEqualTo(0.8);
    }

    @Test
    void deliveryResponsibilityMakesAPmoPractiseDelivery() {
        for (PmoType type : PmoType.values()) {
            double without = MATRIX.intensity(AssignmentKind.PMO, type, DeliveryResponsibility.NONE, DELIVERY_EXECUTION);
            double with = MATRIX.intensity(AssignmentKind.PMO, type, DeliveryResponsibility.FULL, DELIVERY_EXECUTION);
            assertThat(with).as(type.name()).isGreaterThan(without + 0.2);
            // skills without an override keep their base
            assertThat(MATRIX.intensity(AssignmentKind.PMO, type, DeliveryResponsibility.FULL, PROCESS_GOVERNANCE))
                    .isEqualTo(MATRIX.intensity(AssignmentKind.PMO, type, DeliveryResponsibility.NONE, PROCESS_GOVERNANCE));
        }
    }

    /** docs/skill-model.md: a partial delivery responsibility practises half of what the full one adds. */
    @Test
    void partialDeliveryResponsibilityPractisesHalfOfWhatTheFullOneAdds() {
        for (PmoType type : PmoType.values()) {
            for (Skill skill : Skill.values()) {
                double none = MATRIX.intensity(AssignmentKind.PMO, type, DeliveryResponsibility.NONE, skill);
                double full = MATRIX.intensity(AssignmentKind.PMO, type, DeliveryResponsibility.FULL, skill);

                assertThat(MATRIX.intensity(AssignmentKind.PMO, type, DeliveryResponsibility.PARTIAL, skill))
                        .as("%s × %s", type, skill).isCloseTo(none + (full - none) / 2, within(1e-12));
            }
        }
        assertThat(MATRIX.intensity(AssignmentKind.PMO, PmoType.ORGANIZATIONAL, DeliveryResponsibility.PARTIAL,
                DELIVERY_EXECUTION)).isCloseTo(0.225, within(1e-12));
    }

    @Test
    void aMatrixMissingARowIsRejectedNamingIt() {
        String csv = validCsv().replaceAll("(?m)^PMO,EXECUTIVE,,LEADERSHIP,.*\\R", "");

        assertThatIllegalArgumentException().isThrownBy(() -> parse(csv))
                .withMessageContaining("no row for PMO/EXECUTIVE × LEADERSHIP");
    }

    @Test
    void aMatrixWithAnIntensityOutOfRangeIsRejectedNamingTheLine() {
        String csv = validCsv().replace("DELIVERY,,,DELIVERY_EXECUTION,0.9,", "DELIVERY,,,DELIVERY_EXECUTION,1.5,");

        assertThatIllegalArgumentException().isThrownBy(() -> parse(csv))
                .withMessageContaining("line 3").withMessageContaining("intensity must be within [0, 1]");
    }

    @Test
    void aMatrixWithoutVersionIsRejected() {
        String csv = validCsv().replace("# version: 7\n", "");

        assertThatIllegalArgumentException().isThrownBy(() -> parse(csv)).withMessageContaining("version");
    }

    @Test
    void aMatrixWithAnUnterminatedQuoteIsRejectedNamingTheLine() {
        String csv = validCsv() + "DELIVERY,,true,LEADERSHIP,0.5,\"never closed\n";

        assertThatIllegalArgumentException().isThrownBy(() -> parse(csv)).withMessageContaining("practice matrix test.csv");
    }

    @Test
    void aMatrixRowGivingANonPmoRoleAPmoTypeIsRejected() {
        String csv = validCsv() + "DELIVERY,EXECUTIVE,true,LEADERSHIP,0.5,\"nonsense\"\n";

        assertThatIllegalArgumentException().isThrownBy(() -> parse(csv)).withMessageContaining("only a PMO");
    }

    @Test
    void quotedFieldsMayHoldCommasAndQuotes() {
        PracticeMatrix matrix = parse(validCsv());

        assertThat(matrix.version()).isEqualTo("7");
        assertThat(matrix.intensity(AssignmentKind.DELIVERY, null, DeliveryResponsibility.NONE, DELIVERY_EXECUTION)).isEqualTo(0.9);
    }

    private static List<Map<String, String>> shippedRows() throws Exception {
        CsvMapper csv = CsvMapper.builder().enable(CsvParser.Feature.ALLOW_COMMENTS).build();
        try (InputStream in = PracticeMatrix.class.getResourceAsStream(PracticeMatrix.DEFAULT_RESOURCE);
             MappingIterator<Map<String, String>> rows = csv.readerForMapOf(String.class)
                     .with(CsvSchema.emptySchema().withHeader()).readValues(in)) {
            return rows.readAll();
        }
    }

    private static String shippedVersion() throws Exception {
        try (InputStream in = PracticeMatrix.class.getResourceAsStream(PracticeMatrix.DEFAULT_RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> line.startsWith("# version:")).findFirst().orElseThrow()
                    .substring("# version:".length()).strip();
        }
    }

    private static double intensity(AssignmentKind kind, PmoType type, Skill skill) {
        return MATRIX.intensity(kind, type, DeliveryResponsibility.NONE, skill);
    }

    private static PracticeMatrix parse(String csv) {
        return PracticeMatrix.parse(new StringReader(csv), "test.csv");
    }

    /** A complete matrix: 0.9 for delivery in a delivery role, 0.5 everywhere else. */
    private static String validCsv() {
        StringBuilder csv = new StringBuilder("# version: 7\n" + PracticeMatrix.HEADER + "\n");
        List<String> roles = new ArrayList<>(List.of("DELIVERY,", "TROUBLED_PROGRAM,"));
        for (PmoType type : PmoType.values()) {
            roles.add("PMO," + type);
        }
        for (String role : roles) {
            for (Skill skill : Skill.values()) {
                double intensity = role.equals("DELIVERY,") && skill == DELIVERY_EXECUTION ? 0.9 : 0.5;
                csv.append(role).append(",,").append(skill).append(',').append(intensity)
                        .append(",\"because, \"\"the article\"\" says so\"\n");
            }
        }
        return csv.toString();
    }
}
