package app.caseload.clients;

/** A direct client has one assigned therapist; a practice client has a primary therapist. */
public enum ClientKind {
    DIRECT,
    PRACTICE
}
