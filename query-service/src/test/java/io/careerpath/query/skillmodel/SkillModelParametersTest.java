package io.careerpath.query.skillmodel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SkillModelParametersTest {

    @Test
    void defaultsHalfLifeLiesInTheResearchedBandForCognitiveSkills() {
        assertThat(SkillModelParameters.defaults().halfLifeMonths()).isBetween(6.5, 13.0);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            "halfLifeMonths, 0",
            "halfLifeMonths, NaN",
            "decayExponent, -1",
            "floorFraction, 0.5",
            "baselineProficiency, 1",
            "ceiling, 1.5",
            "learningRatePerMonth, 0",
            "relearningBoost, -0.5",
            "fullPracticeIntensity, 0",
            "rotateBackRetention, 1",
            "forecastHorizonMonths, 0",
            "currencyPracticeMonths, 40",
            "currencyWindowMonths, 0",
            "trendWindowMonths, 0",
    })
    void aBadValueIsRejectedNamingTheParameter(String name, double value) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> with(name, value))
                .withMessageStartingWith(name + " must be");
    }

    private static SkillModelParameters with(String name, double value) {
        SkillModelParameters d = SkillModelParameters.defaults();
        return new SkillModelParameters(
                pick(name, "halfLifeMonths", value, d.halfLifeMonths()),
                pick(name, "decayExponent", value, d.decayExponent()),
                pick(name, "floorFraction", value, d.floorFraction()),
                pick(name, "baselineProficiency", value, d.baselineProficiency()),
                pick(name, "ceiling", value, d.ceiling()),
                pick(name, "learningRatePerMonth", value, d.learningRatePerMonth()),
                pick(name, "relearningBoost", value, d.relearningBoost()),
                pick(name, "fullPracticeIntensity", value, d.fullPracticeIntensity()),
                pick(name, "rotateBackRetention", value, d.rotateBackRetention()),
                (int) pick(name, "forecastHorizonMonths", value, d.forecastHorizonMonths()),
                pick(name, "currencyPracticeMonths", value, d.currencyPracticeMonths()),
                (int) pick(name, "currencyWindowMonths", value, d.currencyWindowMonths()),
                (int) pick(name, "trendWindowMonths", value, d.trendWindowMonths()));
    }

    private static double pick(String chosen, String name, double value, double otherwise) {
        return chosen.equals(name) ? value : otherwise;
    }
}
