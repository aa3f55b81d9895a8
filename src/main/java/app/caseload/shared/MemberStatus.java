package app.caseload.shared;

/** What a member of a practice may do right now (SPEC §2). */
public enum MemberStatus {
    /** Fully operational: signs in, sees clients, takes sessions, appears in scheduling. */
    ACTIVE,
    /** Paused: signs in and reads their own caseload, finishes notes; no new sessions. */
    ON_HOLD,
    /** Temporarily disabled: cannot sign in; existing sign-ins end at once. */
    INACTIVE;

    public boolean canSignIn() {
        return this != INACTIVE;
    }

    public boolean canTakeSessions() {
        return this == ACTIVE;
    }
}
