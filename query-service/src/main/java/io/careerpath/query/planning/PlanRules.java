package io.careerpath.query.planning;

/**
 * The numbers the rules compare with, the same for everyone in one problem.
 *
 * @param quarters             the horizon; quarter 0 starts on the day the plan is made
 * @param minimumMonthsInRole  how long a role must last before its holder moves on
 * @param maxMovesPerQuarter   moves a team absorbs in one quarter
 * @param adminOverloadPercent administrative load at or above which a seat overloads its holder (the board's flag)
 * @param rotateBackRetention  the skill model's rotate-back threshold
 */
record PlanRules(int quarters, int minimumMonthsInRole, int maxMovesPerQuarter, int adminOverloadPercent,
                 double rotateBackRetention) {
}
