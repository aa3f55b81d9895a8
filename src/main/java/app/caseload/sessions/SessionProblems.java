package app.caseload.sessions;

import app.caseload.shared.CaseloadException;

/** The refusals of session and note changes, each with a stable problem type. */
final class SessionProblems {

    private SessionProblems() {}

    static CaseloadException notFound() {
        return CaseloadException.notFound("This session");
    }

    static CaseloadException doubleBooked() {
        return CaseloadException.conflict(
                "double-booked", "The therapist already has a session that overlaps this time.");
    }

    static CaseloadException unsupervised() {
        return CaseloadException.conflict(
                "unsupervised", "The therapist's role requires supervision and they have no current supervisor.");
    }

    static CaseloadException handOverToUnsupervised(int sessions) {
        return CaseloadException.conflict(
                        "unsupervised",
                        "The receiving therapist's role requires supervision and they have no current supervisor, so"
                                + " they cannot take the " + sessions + " future session(s) that would move to them."
                                + " Assign them a supervisor first, or choose another therapist.")
                .with("sessionsToMove", sessions);
    }

    static CaseloadException mayNotScheduleOthers() {
        return CaseloadException.forbidden("Your role may only schedule your own sessions.");
    }

    static CaseloadException clientNotActive() {
        return CaseloadException.conflict("client-not-active", "Sessions can only be scheduled for Active clients.");
    }

    static CaseloadException directClientOfAnother() {
        return CaseloadException.conflict(
                "direct-client-of-another-therapist",
                "A direct client's sessions are with their assigned therapist; reassign the client first.");
    }

    static CaseloadException wrongState(String detail) {
        return CaseloadException.conflict("session-state", detail);
    }

    static CaseloadException notYetStarted() {
        return CaseloadException.conflict("session-not-started", "The session has not started yet.");
    }

    static CaseloadException mayNotChange() {
        return CaseloadException.forbidden(
                "Only the rendering therapist, admins or schedulers may change this session.");
    }

    static CaseloadException onlyAuthor() {
        return CaseloadException.forbidden("Only the rendering therapist writes and signs the note.");
    }

    static CaseloadException onlySupervisor() {
        return CaseloadException.forbidden("Only a current supervisor of the author may co-sign this note.");
    }
}
