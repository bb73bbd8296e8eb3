package io.careerpath.query.skills;

import static io.careerpath.query.api.ApiFixture.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.careerpath.events.AssignmentEnded;
import io.careerpath.events.AssignmentKind;
import io.careerpath.events.DeliveryResponsibility;
import io.careerpath.events.DeliveryRoleStarted;
import io.careerpath.events.JoinedPmo;
import io.careerpath.events.PmoType;
import io.careerpath.events.Skill;
import io.careerpath.events.SkillAssessed;
import io.careerpath.query.api.ApiFixture;
import io.careerpath.query.api.ApiTest;
import io.careerpath.query.skillmodel.DeliveryVerdict;
import io.careerpath.query.words.CareerWords;
import io.careerpath.security.Role;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The career summary PDF as a reviewer gets it: at most two pages, the person's name with its accents, the
 * delivery verdict in the career page's words, the events; page 1 turned into a PNG to see that the retention
 * chart is drawn (kept as target/screenshots/career-summary.png for the README).
 */
@ApiTest
// adds people (and teams) of its own: the next test class gets the fixture as it documents it
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class CareerSummaryTest {

    /** A delivery role, then an executive PMO role: retention decays, the chart has a curve. */
    private static final String ASA = "a5a5a5a5-0000-4000-8000-0000000000a5";
    private static final String ASA_NAME = "Åsa Ødegård-Lefèvre";
    /** Never delivered: no curve, and the summary says so. */
    private static final String NOEL = "a6a6a6a6-0000-4000-8000-0000000000a6";
    /** A long career: more events than two pages hold. */
    private static final String LONG = "a7a7a7a7-0000-4000-8000-0000000000a7";
    private static final String TEAM = "team-nordics";
    private static final Instant RECORDED = Instant.parse("2025-01-15T09:00:00Z");
    /** The chart's curve colour (RetentionChart.CURVE, #0072B2). */
    private static final int CURVE_RGB = 0x0072B2;

    @Autowired
    private MockMvc mvc;
    @Autowired
    private ApiFixture fixture;
    @Autowired
    private ObjectMapper json;

    private static boolean seeded;

    @BeforeEach
    void seed() {
        fixture.seeded();
        synchronized (CareerSummaryTest.class) {
            if (seeded) {
                return;
            }
            seeded = true;
            fixture.person(ASA, ASA_NAME, TEAM, "2016-03-01");
            fixture.record(new DeliveryRoleStarted(ASA, "asa-d1", LocalDate.parse("2016-03-01"), ASA, RECORDED,
                    fixture.seal(ASA, "Kjøkken & Bad <script>alert(1)</script>")));
            fixture.record(new SkillAssessed(ASA, "asa-s1", LocalDate.parse("2019-05-01"), ASA, RECORDED,
                    Skill.DELIVERY_EXECUTION, 4, fixture.seal(ASA, "Zoë")));
            fixture.record(new AssignmentEnded(ASA, "asa-e1", LocalDate.parse("2021-09-01"), ASA, RECORDED, "asa-d1",
                    AssignmentKind.DELIVERY, null, null));
            fixture.record(new JoinedPmo(ASA, "asa-p1", LocalDate.parse("2021-09-01"), ASA, RECORDED, PmoType.EXECUTIVE,
                    fixture.seal(ASA, "Strategikontoret"), DeliveryResponsibility.NONE));
            fixture.person(LONG, "Lena Long", TEAM, "2005-01-01");
            fixture.record(new DeliveryRoleStarted(LONG, "long-d1", LocalDate.parse("2005-01-01"), LONG, RECORDED,
                    fixture.seal(LONG, "Long haul")));
            for (int i = 0; i < 45; i++) {
                fixture.record(new SkillAssessed(LONG, "long-s" + i, LocalDate.parse("2006-01-01").plusMonths(i * 4), LONG, RECORDED,
                        Skill.values()[i % Skill.values().length], 1 + i % 5, null));
            }
            fixture.person(NOEL, "Noël Never", TEAM, "2020-01-01");
            fixture.record(new JoinedPmo(NOEL, "noel-p1", LocalDate.parse("2020-01-01"), NOEL, RECORDED, PmoType.PROGRAM,
                    fixture.seal(NOEL, "Programme office"), DeliveryResponsibility.NONE));
        }
    }

    @Test
    void aDeliveryRoleThenAPmoRoleOnAtMostTwoPagesWithTheVerdictTheEventsAndADrawnChart() throws Exception {
        MvcResult answer = mvc.perform(get("/api/people/" + ASA + "/summary.pdf").with(as(Role.PMO_LEAD)))
                .andExpect(status().isOk()).andExpect(content().contentType(MediaType.APPLICATION_PDF)).andReturn();
        assertThat(answer.getResponse().getHeader("Content-Disposition"))
                .isEqualTo("attachment; filename=\"career-summary-Asa-Odegard-Lefevre-2025-06-01.pdf\"");
        JsonNode skills = skills(ASA);

        try (PDDocument pdf = Loader.loadPDF(answer.getResponse().getContentAsByteArray())) {
            assertThat(pdf.getNumberOfPages()).isBetween(1, 2);
            String text = words(new PDFTextStripper().getText(pdf));
            assertThat(text).contains(ASA_NAME).contains("Career summary for a review conversation · as of 1 Jun 2025")
                    .contains("Team Nordics")
                    .contains("Current role Executive PMO, Strategikontoret, since 1 Sep 2021")
                    // the verdict, in the words and figures of the skills answer the career page shows
                    .contains(words(CareerWords.verdictSentence(DeliveryVerdict.valueOf(skills.get("deliveryVerdict").asText()),
                            skills.get("deliveryRetention").asDouble(), skills.get("rotateBackThreshold").asDouble(),
                            skills.get("rotateBackBy").isNull() ? null : LocalDate.parse(skills.get("rotateBackBy").asText()))))
                    .contains("Delivery execution")
                    .contains("1 Mar 2016 Started delivery: Kjøkken & Bad <script>alert(1)</script>")
                    .contains("1 May 2019 Delivery execution assessed at level 4")
                    .contains("1 Sep 2021 Delivery role ended")
                    .contains("1 Sep 2021 Joined Strategikontoret (Executive PMO)");
            assertThat(skills.get("deliveryVerdict").asText()).isNotEqualTo("NO_DELIVERY_HISTORY");

            BufferedImage page = page1(pdf, "career-summary.png");
            Rectangle curve = pixelsOf(page, CURVE_RGB);
            assertThat(count).as("pixels of the retention curve's colour on page 1").isGreaterThan(300);
            // one chart's worth: across most of the page's width, within a band of it (the chart), not scattered
            assertThat(curve.width).isGreaterThan(page.getWidth() / 2);
            assertThat(curve.height).isLessThan(page.getHeight() / 4);
        }
    }

    @Test
    void someoneWhoNeverDeliveredHasNoCurveAndTheSummarySaysWhy() throws Exception {
        byte[] body = mvc.perform(get("/api/people/" + NOEL + "/summary.pdf").with(as(Role.HR_ADMIN)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        try (PDDocument pdf = Loader.loadPDF(body)) {
            String text = words(new PDFTextStripper().getText(pdf));
            assertThat(text).contains("Noël Never").contains("No delivery history yet: nothing in delivery is practised")
                    .contains("No delivery history yet, so no retention to draw").doesNotContain("of the delivery skill's peak is kept");
            pixelsOf(page1(pdf, "career-summary-no-delivery.png"), CURVE_RGB);
            assertThat(count).as("no curve to draw").isZero();
        }
    }

    @Test
    void aLongCareerStillFitsOnTwoPagesAndSaysHowManyEarlierEventsItLeftOut() throws Exception {
        byte[] body = mvc.perform(get("/api/people/" + LONG + "/summary.pdf").with(as(Role.PMO_LEAD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        try (PDDocument pdf = Loader.loadPDF(body)) {
            assertThat(pdf.getNumberOfPages()).isEqualTo(2);
            // 47 events (registered, the delivery role, 45 assessments): the latest 28 listed
            assertThat(words(new PDFTextStripper().getText(pdf))).contains("… and 19 earlier events: the career page lists them all.");
        }
    }

    @Test
    void whoMayNotSeeTheTimelineGetsNoSummary() throws Exception {
        // the employee A may see only herself; a manager only her team's (t1) people
        for (Role role : new Role[] {Role.EMPLOYEE, Role.MANAGER}) {
            mvc.perform(get("/api/people/" + ASA + "/summary.pdf").with(as(role)))
                    .andExpect(status().isNotFound())
                    .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.type").value("urn:careerpath:problem:person-not-found"));
        }
        mvc.perform(get("/api/people/not-an-id/summary.pdf").with(as(Role.PMO_LEAD)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/api/people/" + ApiFixture.A + "/summary.pdf").with(as(Role.EMPLOYEE)))
                .andExpect(status().isOk()).andExpect(content().contentType(MediaType.APPLICATION_PDF));
    }

    private JsonNode skills(String personId) throws Exception {
        return json.readTree(mvc.perform(get("/api/people/" + personId + "/skills").with(as(Role.PMO_LEAD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    /** Whitespace as one space: the PDF's lines wrap where the layout wanted. */
    private static String words(String text) {
        return text.replaceAll("\\s+", " ");
    }

    /** Page 1 at 100 dpi, kept under target/screenshots. */
    private static BufferedImage page1(PDDocument pdf, String file) throws IOException {
        BufferedImage page = new PDFRenderer(pdf).renderImageWithDPI(0, 100);
        Path screenshots = Files.createDirectories(Path.of("target", "screenshots"));
        ImageIO.write(page, "png", screenshots.resolve(file).toFile());
        return page;
    }

    private long count;

    /** The bounds of the pixels of (about: anti-aliasing aside) that colour; their number in {@link #count}. */
    private Rectangle pixelsOf(BufferedImage image, int rgb) {
        count = 0;
        Rectangle bounds = null;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int pixel = image.getRGB(x, y);
                if (close(pixel >> 16 & 0xff, rgb >> 16 & 0xff) && close(pixel >> 8 & 0xff, rgb >> 8 & 0xff)
                        && close(pixel & 0xff, rgb & 0xff)) {
                    count++;
                    bounds = bounds == null ? new Rectangle(x, y, 1, 1) : bounds.union(new Rectangle(x, y, 1, 1));
                }
            }
        }
        return bounds == null ? new Rectangle() : bounds;
    }

    private static boolean close(int a, int b) {
        return Math.abs(a - b) <= 24;
    }
}
