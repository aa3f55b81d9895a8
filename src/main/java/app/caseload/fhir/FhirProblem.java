package app.caseload.fhir;

import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * A refusal of a FHIR request, answered as an {@code OperationOutcome}. Messages name what the
 * caller sent (a parameter name, an expected format), never stored data.
 */
final class FhirProblem extends RuntimeException {

    private final int status;
    private final IssueType code;

    private FhirProblem(int status, IssueType code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    static FhirProblem invalid(String message) {
        return new FhirProblem(400, IssueType.INVALID, message);
    }

    static FhirProblem notSupported(String message) {
        return new FhirProblem(400, IssueType.NOTSUPPORTED, message);
    }

    static FhirProblem notFound(String what) {
        return new FhirProblem(404, IssueType.NOTFOUND, what + " does not exist.");
    }

    static FhirProblem unknownType(String type) {
        return new FhirProblem(404, IssueType.NOTSUPPORTED, "This server does not serve the resource type asked for.");
    }

    static FhirProblem methodNotAllowed() {
        return new FhirProblem(405, IssueType.NOTSUPPORTED, "This FHIR API is read-only: only GET is supported.");
    }

    static FhirProblem notAcceptable() {
        return new FhirProblem(406, IssueType.NOTSUPPORTED, "Only JSON (application/fhir+json) is served.");
    }

    int status() {
        return status;
    }

    IssueType code() {
        return code;
    }
}
