package app.caseload.clients;

/** Why a client is in a therapist's caseload (SPEC §5). */
public enum CaseloadCategory {
    /** A direct client assigned to the therapist. */
    DIRECT,
    /** A practice client whose primary therapist is the therapist. */
    PRIMARY,
    /** A practice client the therapist has a non-cancelled session with while someone else is primary. */
    WALK_IN
}
