package app.caseload.sessions;

/** A note is final once SIGNED; until then a completed session's note is pending. */
public enum NoteStatus {
    NONE,
    DRAFT,
    AWAITING_COSIGN,
    SIGNED
}
