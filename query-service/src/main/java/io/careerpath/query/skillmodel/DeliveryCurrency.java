package io.careerpath.query.skillmodel;

import java.time.LocalDate;

/**
 * Whether a person is current in delivery, by a rule in the spirit of regulated professions (pilots'
 * recent experience, 14 CFR 61.57; NMC's 450 practice hours in 3 years; PMP's 60 PDUs in 3 years):
 * at least {@code requiredPracticeMonths} months of delivery practice within the window ending on the
 * evaluation date. A month of practice is a month at effective delivery intensity 1: a month in a
 * delivery role at intensity 0.9 with 10 % administrative load counts 0.81.
 *
 * @param current                whether the rule is met
 * @param practiceMonths         delivery practice within the window
 * @param requiredPracticeMonths what the rule asks for
 * @param windowStart            first day of the window (the window ends the day before the evaluation date)
 */
public record DeliveryCurrency(
        boolean current,
        double practiceMonths,
        double requiredPracticeMonths,
        LocalDate windowStart) {
}
