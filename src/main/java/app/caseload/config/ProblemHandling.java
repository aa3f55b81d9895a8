package app.caseload.config;

import app.caseload.shared.CaseloadException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolationException;
import java.net.URI;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Maps every refusal of the JSON API to one RFC 9457 problem answer, including requests that match
 * no handler (405, 415, unknown paths), which is why this advice is not limited to REST controllers. Messages never echo stored
 * data: a catch-all logs the exception (ids, not names) and answers a generic 500.
 */
@RestControllerAdvice
class ProblemHandling extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandling.class);

    record FieldError(String field, String message) {}

    @ExceptionHandler(CaseloadException.class)
    ResponseEntity<ProblemDetail> refused(CaseloadException e) {
        ProblemDetail problem = problem(HttpStatus.valueOf(e.status()), e.type(), e.title(), e.getMessage());
        e.properties().forEach(problem::setProperty);
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(e.status());
        if (e.properties().get("retryAfterSeconds") instanceof Number seconds) {
            answer.header(HttpHeaders.RETRY_AFTER, String.valueOf(seconds.longValue()));
        }
        return answer.contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> badParameter(MethodArgumentTypeMismatchException e) {
        ProblemDetail problem = problem(
                HttpStatus.BAD_REQUEST,
                "invalid-parameter",
                "Invalid request",
                "'" + e.getName() + "' is not a valid value.");
        problem.setProperty("errors", List.of(new FieldError(e.getName(), "is not a valid value")));
        return ResponseEntity.badRequest()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> constraintViolation(ConstraintViolationException e) {
        ProblemDetail problem =
                problem(HttpStatus.BAD_REQUEST, "validation", "Invalid request", "Some fields are invalid.");
        problem.setProperty(
                "errors",
                e.getConstraintViolations().stream()
                        .map(v -> new FieldError(lastNode(v.getPropertyPath().toString()), v.getMessage()))
                        .toList());
        return ResponseEntity.badRequest()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    @ExceptionHandler(DuplicateKeyException.class)
    ResponseEntity<ProblemDetail> duplicate(DuplicateKeyException e) {
        log.info("Refused a duplicate: {}", e.getMostSpecificCause().getClass().getSimpleName());
        return ResponseEntity.status(HttpStatus.CONFLICT)
                .body(problem(
                        HttpStatus.CONFLICT,
                        "conflict",
                        "Conflicts with the current state",
                        "This conflicts with something that already exists."));
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ProblemDetail> integrity(DataIntegrityViolationException e) {
        log.info(
                "Refused by a database constraint: {}",
                e.getMostSpecificCause().getClass().getSimpleName());
        return ResponseEntity.status(HttpStatus.CONFLICT)
                .body(problem(
                        HttpStatus.CONFLICT,
                        "conflict",
                        "Conflicts with the current state",
                        "This conflicts with the current state of the practice."));
    }

    @ExceptionHandler(PessimisticLockingFailureException.class)
    ResponseEntity<ProblemDetail> contention(PessimisticLockingFailureException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT)
                .body(problem(
                        HttpStatus.CONFLICT,
                        "concurrent-change",
                        "Conflicts with the current state",
                        "Someone changed this at the same time; try again."));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> denied(AccessDeniedException e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem(HttpStatus.FORBIDDEN, "forbidden", "Not allowed", "You may not do this."));
    }

    /**
     * Tomcat could not decode the parameters (a form body or query string that is not valid
     * percent-encoding), or Spring Security's firewall refused a parameter name when they were read
     * lazily, inside the handler (a form body with a blank or control-character name).
     */
    @ExceptionHandler({
        org.apache.tomcat.util.http.InvalidParameterException.class,
        org.springframework.security.web.firewall.RequestRejectedException.class
    })
    ResponseEntity<ProblemDetail> undecodableParameters(Exception e) {
        return ResponseEntity.badRequest()
                .body(problem(
                        HttpStatus.BAD_REQUEST,
                        "malformed-request",
                        "Invalid request",
                        "The request's parameters could not be decoded."));
    }

    /**
     * The database cannot be reached (stopped, restarting, unreachable, or the pool stayed busy for
     * longer than it waits): 503 with Retry-After, never a 500. A browser gets the static page.
     */
    @ExceptionHandler({
        DataAccessResourceFailureException.class,
        TransientDataAccessResourceException.class,
        CannotCreateTransactionException.class
    })
    ResponseEntity<ProblemDetail> databaseUnavailable(
            Exception e, HttpServletRequest request, HttpServletResponse response) throws java.io.IOException {
        log.info("Database unavailable: {}", e.getClass().getSimpleName());
        if (!DatabaseUnavailable.wantsProblem(request)) {
            DatabaseUnavailable.answer(request, response);
            return null;
        }
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(DatabaseUnavailable.RETRY_AFTER_SECONDS))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        "database-unavailable",
                        DatabaseUnavailable.TITLE,
                        DatabaseUnavailable.DETAIL));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request, HttpServletResponse response)
            throws java.io.IOException {
        if (DatabaseUnavailable.causedBy(e)) {
            // Wrapped by the code in between (a transaction's commit, a session, a listener).
            return databaseUnavailable(e, request, response);
        }
        log.error("Unexpected error", e);
        return ResponseEntity.internalServerError()
                .body(problem(
                        HttpStatus.INTERNAL_SERVER_ERROR,
                        "internal",
                        "Internal error",
                        "Something went wrong on our side. Nothing you sent was at fault."));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem =
                problem(HttpStatus.BAD_REQUEST, "validation", "Invalid request", "Some fields are invalid.");
        problem.setProperty(
                "errors",
                e.getBindingResult().getFieldErrors().stream()
                        .map(f -> new FieldError(f.getField(), f.getDefaultMessage()))
                        .toList());
        return ResponseEntity.badRequest()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem =
                problem(HttpStatus.BAD_REQUEST, "validation", "Invalid request", "Some parameters are invalid.");
        problem.setProperty(
                "errors",
                e.getParameterValidationResults().stream()
                        .flatMap(r -> r.getResolvableErrors().stream()
                                .map(err -> new FieldError(
                                        r.getMethodParameter().getParameterName(), err.getDefaultMessage())))
                        .toList());
        return ResponseEntity.badRequest()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = problem(
                HttpStatus.BAD_REQUEST,
                "malformed-body",
                "Invalid request",
                "The request body is not valid JSON of the expected shape.");
        if (e.getCause() instanceof JacksonException jackson
                && !jackson.getPath().isEmpty()) {
            String field = jackson.getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            problem.setProperty("errors", List.of(new FieldError(field, expected(jackson))));
        }
        return ResponseEntity.badRequest()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception e, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (request instanceof ServletWebRequest servlet
                && !servlet.getRequest().getRequestURI().startsWith("/api/")
                && servlet.getResponse() != null) {
            // A browser outside the API (a mistyped page address, a wrong method on a page) gets the
            // dashboard's error page rather than JSON: hand the status to the servlet error page.
            try {
                servlet.getResponse().sendError(status.value());
                return null;
            } catch (java.io.IOException ignored) {
                // fall through to the problem answer
            }
        }
        // Framework refusals (405, 415, 406, missing parameter...) keep their status with our shape.
        if (body instanceof ProblemDetail detail && detail.getType().equals(URI.create("about:blank"))) {
            detail.setType(URI.create("/problems/" + slug(status)));
        }
        HttpHeaders problemHeaders = new HttpHeaders();
        problemHeaders.putAll(headers);
        problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return super.handleExceptionInternal(e, body, problemHeaders, status, request);
    }

    static ProblemDetail problem(HttpStatusCode status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("/problems/" + type));
        problem.setTitle(title);
        return problem;
    }

    /** What the field takes, said from the type Jackson expected; never echoes the value sent. */
    private static String expected(JacksonException e) {
        Class<?> type = e instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
        if (type == null) {
            return "has the wrong type or an unknown value";
        }
        if (type.isEnum()) {
            return "must be one of "
                    + Arrays.stream(type.getEnumConstants())
                            .map(Object::toString)
                            .collect(Collectors.joining(", "));
        }
        if (type == String.class) {
            return "must be a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (List.of(Integer.class, int.class, Long.class, long.class, Short.class, short.class)
                .contains(type)) {
            return "must be a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "must be a number";
        }
        if (type == UUID.class) {
            return "must be an id (a UUID string)";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "must be an ISO-8601 date or date-time string";
        }
        return "has the wrong type";
    }

    private static String slug(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? "error" : known.name().toLowerCase().replace('_', '-');
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
