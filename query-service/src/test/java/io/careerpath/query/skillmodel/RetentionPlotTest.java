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
        if (!fontsAvailable()) {
            String missing = "no fonts on this machine: java.awt cannot draw text (install fonts-dejavu-core and"
                    + " fontconfig: apt-get install -y fonts-dejavu-core fontconfig)";
            // on CI a missing font is a broken machine, not a reason to skip: .ci/run installs the fonts
            assertThat(onCi()).as(missing + "; CI=true, so this fails instead of being skipped").isFalse();
            assumeTrue(false, missing + "; skipped (locally only: on CI, with CI=true, this fails)");
        }
        Path output = Path.of(System.getProperty(RetentionPlot.OUTPUT_PROPERTY, RetentionPlot.DEFAULT_OUTPUT));
        Files.deleteIfExists(output);

        RetentionPlot.write(output);

        byte[] png = Files.readAllBytes(output);
        assertThat(png.length).isGreaterThan(1000);
        assertThat(new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
    }

    /** Whether this runs on CI ({@code .ci/run} exports {@code CI=true}), where a missing font must fail the build. */
    private static boolean onCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    private static boolean fontsAvailable() {
        try {
            return GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames().length > 0;
        } catch (Throwable noFontConfiguration) { // a missing fontconfig surfaces as an Error
            return false;
        }
    }
}
