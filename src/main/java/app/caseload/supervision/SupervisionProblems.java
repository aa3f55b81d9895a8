package app.caseload.supervision;

import app.caseload.shared.CaseloadException;
import java.util.List;
import java.util.Map;

/** The refusals of supervision changes, each with a stable problem type. */
final class SupervisionProblems {

    private SupervisionProblems() {}

    static CaseloadException disabled() {
        return CaseloadException.conflict(
                "supervision-disabled", "Supervision is switched off for this practice; switch it on first.");
    }

    static CaseloadException self() {
        return CaseloadException.conflict("self-supervision", "A therapist cannot supervise themself.");
    }

    static CaseloadException roleCannotSupervise() {
        return CaseloadException.conflict("role-cannot-supervise", "The supervisor's role does not allow supervising.");
    }

    static CaseloadException alreadyAssigned() {
        return CaseloadException.conflict("already-supervising", "This supervisor already supervises this therapist.");
    }

    static CaseloadException cycle() {
        return CaseloadException.conflict(
                "supervision-cycle", "This would make a cycle: the therapist already supervises this supervisor.");
    }

    static CaseloadException breaksSupervision() {
        return CaseloadException.conflict(
                "breaks-supervision",
                "This change would leave supervisees with a supervisor whose role cannot supervise."
                        + " End those supervisions first.");
    }

    static CaseloadException unknownSupervisor() {
        return CaseloadException.invalid("unknown-supervisor", "There is no such therapist in this practice.")
                .with(
                        "errors",
                        List.of(Map.of("field", "supervisorId", "message", "is not a therapist of this practice")));
    }

    static CaseloadException noSuchSupervision() {
        return CaseloadException.notFound("This supervision");
    }
}
