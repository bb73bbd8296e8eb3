package io.careerpath.query.skillmodel;

import org.junit.jupiter.api.Test;

import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs {@link RetentionPlot}: into target/ by default, or where {@code -Dplot.output=...} says (that
 * is how docs/images/delivery-retention.png is regenerated; see docs/skill-model.md).
 */
class RetentionPlotTest {

    @Test
    void theRetentionPlotIsWrittenAsPng() throws IOException {
        System.setProperty("java.awt.headless", "true");
        assumeTrue(fontsAvailable(), "no fonts on this machine: java.awt cannot draw text");
        Path output = Path.of(System.getProperty(RetentionPlot.OUTPUT_PROPERTY, RetentionPlot.DEFAULT_OUTPUT));
        Files.deleteIfExists(output);

        RetentionPlot.write(output);

        byte[] png = Files.readAllBytes(output);
        assertThat(png.length).isGreaterThan(1000);
        assertThat(new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
    }

    private static boolean fontsAvailable() {
        try {
            return GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames().length > 0;
        } catch (Throwable noFontConfiguration) { // a missing fontconfig surfaces as an Error
            return false;
        }
    }
}
