package io.careerpath.query.skillmodel;

import java.time.LocalDate;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What the rotation board needs of one person on one date: the delivery skill alone, without curves.
 * Each figure equals the same figure of {@link SkillModel#evaluate} for that person and date.
 *
 * @param deliveryPeak            the highest delivery level reached
 * @param deliveryRetention       delivery level / peak (1 before any practice)
 * @param monthsSinceLastDelivery as in {@link SkillProfile#monthsSinceLastDelivery()}
 * @param rotateBackBy            as in {@link SkillProfile#rotateBackBy()}
 * @param deliveryHistory         as in {@link SkillProfile#deliveryHistory()}
 * @param delivering              as in {@link SkillProfile#delivering()}
 */
public record DeliveryOutlook(double deliveryPeak, double deliveryRetention, OptionalDouble monthsSinceLastDelivery,
                              Optional<LocalDate> rotateBackBy, boolean deliveryHistory, boolean delivering) {
}
