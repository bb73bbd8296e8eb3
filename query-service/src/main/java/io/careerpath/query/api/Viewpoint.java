package io.careerpath.query.api;

import java.time.LocalDate;

/**
 * From where a view looks at a career.
 *
 * @param asOf    the day in the career: events effective after it are not yet part of it
 * @param knownOn what the platform knew: events recorded after the end of this day are left out.
 *                By default the same day, so a view of a past day is exactly the answer the platform
 *                gave on that day; {@code knownOn} = today shows a past day with everything known now
 *                (late recordings, imports, corrections included).
 */
public record Viewpoint(LocalDate asOf, LocalDate knownOn) {
}
