package io.careerpath.command.person.domain;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Which effective dates the platform accepts: none before {@code earliest} (a typo such as 1024
 * for 2024 is refused rather than recorded), none in the future. Dates before the person's
 * registration are fine: histories are imported.
 *
 * <p>"Today" is today where it is latest on Earth (UTC+14): a date is in the future only once it has
 * begun nowhere, so that a manager east of UTC can record what happened this morning, their time.
 * Injected into the aggregate's command handlers (a Spring bean, or a fixture resource in tests).
 */
public final class EffectiveDateWindow {

    private static final ZoneOffset LATEST_ZONE = ZoneOffset.ofHours(14);

    private final LocalDate earliest;
    private final Clock clock;

    public EffectiveDateWindow(LocalDate earliest, Clock clock) {
        this.earliest = earliest;
        this.clock = clock;
    }

    /** Today, in UTC: the day a person's current team is decided on (docs/security.md). */
    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    LocalDate latest() {
        return LocalDate.now(clock.withZone(LATEST_ZONE));
    }

    void check(LocalDate effectiveDate) {
        if (effectiveDate.isBefore(earliest)) {
            throw CareerRuleViolation.onField(CareerRule.EFFECTIVE_DATE_OUT_OF_RANGE, "effectiveDate", 
                    CareerWords.date(effectiveDate) + " is before " + CareerWords.date(earliest) + ", the earliest date"
                    + " the platform accepts: check the date.");
        }
        LocalDate latest = latest();
        if (effectiveDate.isAfter(latest)) {
            throw CareerRuleViolation.onField(CareerRule.EFFECTIVE_DATE_OUT_OF_RANGE, "effectiveDate", 
                    CareerWords.date(effectiveDate) + " is in the future (today is " + CareerWords.date(latest)
                    + " at the latest): record events once they have happened.");
        }
    }
}
