package io.careerpath.events;

import java.util.Locale;

/**
 * The API names of event classes ({@link CareerEvent#typeOf}), derived once per class: the name is
 * asked for every event a command replays and every event the read side projects, and deriving it
 * runs a regular expression.
 */
final class EventTypeNames {

    static final ClassValue<String> NAMES = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> eventClass) {
            return eventClass.getSimpleName().replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
        }
    };

    private EventTypeNames() {
    }
}
