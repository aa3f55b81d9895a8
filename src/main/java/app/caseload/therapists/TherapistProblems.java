package app.caseload.therapists;

import app.caseload.shared.CaseloadException;
import java.util.List;
import java.util.Map;

/** The refusals of team changes, each with a stable problem type. */
public final class TherapistProblems {

    private TherapistProblems() {}

    public static CaseloadException notFound() {
        return CaseloadException.notFound("This therapist");
    }

    public static CaseloadException memberOfAnotherPractice() {
        return CaseloadException.conflict(
                "member-of-another-practice",
                "You belong to another practice: leave your current practice first, then accept this invitation.");
    }

    static CaseloadException stillHoldsCaseload() {
        return CaseloadException.conflict(
                "therapist-holds-caseload",
                "This therapist still has clients or future sessions. Reassign them to another therapist first,"
                        + " or name one with reassignTo.");
    }

    static CaseloadException reassignToSelf() {
        return invalidReassign("Clients cannot be reassigned to the therapist being removed.");
    }

    static CaseloadException unknownReassignTarget() {
        return invalidReassign("reassignTo is not a therapist of this practice.");
    }

    static CaseloadException reassignTargetNotActive() {
        return CaseloadException.conflict(
                "therapist-not-active", "Clients can only be reassigned to an Active therapist.");
    }

    private static CaseloadException invalidReassign(String detail) {
        return CaseloadException.invalid("invalid-reassign-target", detail)
                .with("errors", List.of(Map.of("field", "reassignTo", "message", detail)));
    }
}
