package app.caseload.clients;

import app.caseload.shared.CaseloadException;
import java.util.List;
import java.util.Map;

/** The refusals of client changes, each with a stable problem type. */
public final class ClientProblems {

    private ClientProblems() {}

    public static CaseloadException readOnlyOnHold() {
        return CaseloadException.forbidden("Members on hold can read their caseload but not change it.");
    }

    static CaseloadException readOnlyAccess() {
        return CaseloadException.forbidden(
                "You can see this client but not change it: only admins, the client's therapist and their"
                        + " supervisors may change details and status.");
    }

    public static CaseloadException unknownTherapist(String field) {
        return invalid(field, "unknown-therapist", "is not a therapist of this practice");
    }

    public static CaseloadException therapistNotActive() {
        return CaseloadException.conflict("therapist-not-active", "The therapist is not Active.");
    }

    static CaseloadException mayNotCreate() {
        return CaseloadException.forbidden("Your role may not add clients.");
    }

    static CaseloadException onlyYourself() {
        return CaseloadException.forbidden("Your role may only add clients for yourself.");
    }

    static CaseloadException mayNotReassign() {
        return CaseloadException.forbidden("Only admins and roles with clients.reassign may reassign clients.");
    }

    static CaseloadException sameTherapist() {
        return invalid("toTherapistId", "same-therapist", "must differ from fromTherapistId");
    }

    public static CaseloadException invalid(String field, String type, String message) {
        return CaseloadException.invalid(type, field + " " + message + ".")
                .with("errors", List.of(Map.of("field", field, "message", message)));
    }
}
