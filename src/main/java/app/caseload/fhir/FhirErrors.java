package app.caseload.fhir;

import app.caseload.shared.CaseloadException;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every refusal of {@link FhirController} as an OperationOutcome, ahead of the JSON API's problem
 * answers (which would otherwise take them: they are not limited to the API's controllers).
 */
@RestControllerAdvice(assignableTypes = FhirController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class FhirErrors {

    private static final Logger log = LoggerFactory.getLogger(FhirErrors.class);

    private final OperationOutcomes outcomes;

    FhirErrors(OperationOutcomes outcomes) {
        this.outcomes = outcomes;
    }

    @ExceptionHandler(FhirProblem.class)
    ResponseEntity<String> refused(FhirProblem problem) {
        return outcomes.refusal(problem);
    }

    /** Shared refusals (an unreadable cursor, a vanished practice) keep their status. */
    @ExceptionHandler(CaseloadException.class)
    ResponseEntity<String> refused(CaseloadException e) {
        IssueType code = switch (e.status()) {
            case 404 -> IssueType.NOTFOUND;
            case 403 -> IssueType.FORBIDDEN;
            case 409 -> IssueType.CONFLICT;
            default -> IssueType.INVALID;
        };
        return outcomes.answer(e.status(), OperationOutcomes.outcome(code, e.getMessage()), false);
    }

    /** Logged with its class only: a message could hold client data. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<String> unexpected(Exception e) {
        log.error("Unexpected error in the FHIR API", e);
        return outcomes.answer(
                500,
                OperationOutcomes.outcome(
                        IssueType.EXCEPTION, "Something went wrong on our side. Nothing you sent was at fault."),
                false);
    }
}
