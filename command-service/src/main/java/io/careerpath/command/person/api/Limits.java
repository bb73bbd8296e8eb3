package io.careerpath.command.person.api;

/**
 * What ids in request bodies look like. Team and manager ids are names an organization gives (never
 * personal data, docs/security.md): letters, digits, dots, dashes and underscores, at most 64.
 */
final class Limits {

    static final String TEAM_ID = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
    static final String TEAM_ID_MESSAGE = "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter"
            + " or digit";
    /** A team's display name: an organization's name for a team (not personal data), one line of text. */
    static final int TEAM_NAME_MAX = 100;
    static final String TEAM_NAME = "[^\\p{Cntrl}]*\\S[^\\p{Cntrl}]*";
    static final String TEAM_NAME_MESSAGE = "must be one line of text, not blank";
    static final String UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    /** The event a retraction names: event ids are UUIDs, and nothing but an id's characters is accepted. */
    static final String EVENT_ID = "[A-Za-z0-9][A-Za-z0-9._-]{0,99}";
    static final String EVENT_ID_MESSAGE = "must be an event id (letters, digits, '.', '_' or '-', at most 100)";

    private Limits() {
    }
}
