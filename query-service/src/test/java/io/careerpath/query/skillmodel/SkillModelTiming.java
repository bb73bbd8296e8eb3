package io.careerpath.query.skillmodel;

import io.careerpath.events.AssignmentKind;
import io.careerpath.events.PmoType;
import io.careerpath.events.Skill;

import java.time.LocalDate;

/**
 * A rough timing of {@link SkillModel#evaluate} on a 20-year career (not a test: timings in unit
 * tests only make builds flaky). Run after {@code test-compile}, from the repository root:
 * <pre>
 * java -cp query-service/target/test-classes:query-service/target/classes:shared-events/target/classes \
 *     io.careerpath.query.skillmodel.SkillModelTiming
 * </pre>
 */
final class SkillModelTiming {

    private SkillModelTiming() {
    }

    public static void main(String[] args) {
        LocalDate start = LocalDate.of(2005, 1, 1);
        CareerFixture career = CareerFixture.startingOn(start);
        for (int cycle = 0; cycle < 3; cycle++) { // 3 × 80 months = 20 years, 12 roles, 18 load changes
            career.adminLoad(10).delivery(30).assessed(Skill.DELIVERY_EXECUTION, 4)
                    .adminLoad(25).pmo(PmoType.values()[cycle], 12).adminLoad(45).pmo(PmoType.values()[cycle], 12)
                    .adminLoad(15).troubledProgram(10).gap(2).adminLoad(5).delivery(14);
        }
        CareerHistory history = career.ongoing(AssignmentKind.PMO, PmoType.ORGANIZATIONAL).history();
        LocalDate asOf = start.plusYears(20);
        SkillModel model = SkillModel.withDefaults();

        for (int round = 1; round <= 5; round++) {
            int runs = 20_000;
            double sink = 0;
            long began = System.nanoTime();
            for (int i = 0; i < runs; i++) {
                sink += model.evaluate(history, asOf).deliveryRetention();
            }
            double micros = (System.nanoTime() - began) / 1e3 / runs;
            System.out.printf("round %d: %.1f µs per evaluate (%d runs, checksum %.3f)%n", round, micros, runs, sink);
        }
    }
}
