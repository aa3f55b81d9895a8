package app.caseload.therapists;

/** A therapist's numbers (SPEC §4), as shown in the roster and on the profile. */
public record TherapistMetrics(long activeClients, long sessionsLast30Days, long pendingNotes, long highRiskClients) {

    public static final TherapistMetrics NONE = new TherapistMetrics(0, 0, 0, 0);
}
