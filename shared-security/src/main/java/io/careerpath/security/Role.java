package io.careerpath.security;

/** What an account may do, from the token's {@value Caller#ROLES_CLAIM} claim (docs/security.md). */
public enum Role {
    /** Sees and corrects their own career. */
    EMPLOYEE,
    /** Also sees and records for the people whose current team they manage. */
    MANAGER,
    /** Sees everyone; may erase a person. */
    PMO_LEAD,
    /** Sees everyone; may erase a person, import histories and rebuild the read models. */
    HR_ADMIN
}
