package io.careerpath.events;

/** The skills the platform tracks. Names are part of the published language: never rename one. */
public enum Skill {
    DELIVERY_EXECUTION,
    ENTERPRISE_RISK,
    CHANGE_MANAGEMENT,
    ISSUE_MANAGEMENT,
    BUSINESS_ACUMEN,
    LEADERSHIP,
    PROGRAM_MANAGEMENT,
    PORTFOLIO_MANAGEMENT,
    PROCESS_GOVERNANCE,
    STRATEGIC_VISIBILITY
}
