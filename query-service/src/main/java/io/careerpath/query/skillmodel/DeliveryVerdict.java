package io.careerpath.query.skillmodel;

import java.time.LocalDate;
import java.util.Optional;

/**
 * The one verdict on a person's delivery skill that every delivery figure follows: the career page's
 * retention, currency and rotate-back cards and the rotation board's {@code DELIVERY_AT_RISK} flag.
 * In order of precedence:
 * <ul>
 *   <li>{@link #NO_DELIVERY_HISTORY}: nothing practised nor assessed in delivery: no peak, so no
 *       retention to speak of;</li>
 *   <li>{@link #DELIVERING}: in a delivery role on the day;</li>
 *   <li>{@link #BELOW_THRESHOLD}: retention is below the rotate-back threshold: rotate back now;</li>
 *   <li>{@link #ROTATE_BACK_SOON}: the rotate-back date falls within the warning period;</li>
 *   <li>{@link #ON_TRACK}: none of these.</li>
 * </ul>
 */
public enum DeliveryVerdict {
    NO_DELIVERY_HISTORY,
    DELIVERING,
    BELOW_THRESHOLD,
    ROTATE_BACK_SOON,
    ON_TRACK;

    /** Whether the delivery figures ask for attention. */
    public boolean attention() {
        return this == BELOW_THRESHOLD || this == ROTATE_BACK_SOON;
    }

    /**
     * @param threshold     the rotate-back retention threshold
     * @param warningMonths how long before the rotate-back date it is flagged
     */
    public static DeliveryVerdict of(boolean deliveryHistory, boolean delivering, double retention,
                                     Optional<LocalDate> rotateBackBy, LocalDate asOf, double threshold,
                                     int warningMonths) {
        if (!deliveryHistory) {
            return NO_DELIVERY_HISTORY;
        }
        if (delivering) {
            return DELIVERING;
        }
        if (retention < threshold) {
            return BELOW_THRESHOLD;
        }
        if (rotateBackBy.isPresent() && !rotateBackBy.get().isAfter(asOf.plusMonths(warningMonths))) {
            return ROTATE_BACK_SOON;
        }
        return ON_TRACK;
    }
}
