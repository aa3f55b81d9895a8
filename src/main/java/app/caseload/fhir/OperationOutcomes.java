package app.caseload.fhir;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/** Writes FHIR answers: resources, and every error as an {@link OperationOutcome}. */
@Component
class OperationOutcomes {

    static final MediaType FHIR_JSON = new MediaType("application", "fhir+json", StandardCharsets.UTF_8);

    /** Built on the first answer ({@link FhirConfiguration}). */
    private final ObjectProvider<FhirContext> fhir;

    OperationOutcomes(ObjectProvider<FhirContext> fhir) {
        this.fhir = fhir;
    }

    static OperationOutcome outcome(IssueType code, String diagnostics) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(code).setDiagnostics(diagnostics);
        return outcome;
    }

    /** Serialises with HAPI; a parser is cheap and not thread-safe, so one per answer. */
    String encode(Resource resource, boolean pretty) {
        return fhir.getObject().newJsonParser().setPrettyPrint(pretty).encodeResourceToString(resource);
    }

    ResponseEntity<String> answer(int status, Resource resource, boolean pretty) {
        return ResponseEntity.status(status)
                .header(HttpHeaders.CONTENT_TYPE, FHIR_JSON.toString())
                .body(encode(resource, pretty));
    }

    ResponseEntity<String> refusal(FhirProblem problem) {
        return answer(problem.status(), outcome(problem.code(), problem.getMessage()), false);
    }

    /** For the security chain, which answers before any controller runs. */
    void write(HttpServletResponse response, int status, IssueType code, String diagnostics) throws IOException {
        response.setStatus(status);
        response.setContentType(FHIR_JSON.toString());
        response.getWriter().write(encode(outcome(code, diagnostics), false));
    }
}
