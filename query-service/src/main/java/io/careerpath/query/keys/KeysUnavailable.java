package io.careerpath.query.keys;

/**
 * The command service could not be asked for keys (down, unreachable, or refusing this service's
 * token). Answered 503 with Retry-After: without keys no personal data can be shown, and showing the
 * rest without it would look like data loss.
 */
public class KeysUnavailable extends RuntimeException {

    public KeysUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
