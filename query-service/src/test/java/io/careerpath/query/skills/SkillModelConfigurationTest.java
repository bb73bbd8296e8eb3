package io.careerpath.query.skills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.careerpath.query.skillmodel.SkillModelParameters;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SkillModelConfigurationTest {

    @Test
    void withoutOverridesTheCitedDefaultsApply() {
        assertThat(SkillModelConfiguration.parameters(Map.of())).isEqualTo(SkillModelParameters.defaults());
    }

    @Test
    void aParameterCanBeOverriddenByItsKebabCaseName() {
        SkillModelParameters parameters = SkillModelConfiguration.parameters(
                Map.of("half-life-months", "13", "forecast-horizon-months", "60"));

        assertThat(parameters.halfLifeMonths()).isEqualTo(13.0);
        assertThat(parameters.forecastHorizonMonths()).isEqualTo(60);
        assertThat(parameters.decayExponent()).isEqualTo(SkillModelParameters.defaults().decayExponent());
    }

    @Test
    void anUnknownParameterStopsTheStartUpNamingTheKnownOnes() {
        assertThatThrownBy(() -> SkillModelConfiguration.parameters(Map.of("half-life", "13")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("halfLife")
                .hasMessageContaining("halfLifeMonths");
    }

    @Test
    void aValueOutOfRangeStopsTheStartUpNamingTheParameter() {
        assertThatThrownBy(() -> SkillModelConfiguration.parameters(Map.of("floor-fraction", "0.9")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("floorFraction");
    }
}
