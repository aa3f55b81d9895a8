package app.caseload.config;

import app.caseload.shared.CaseloadException;
import app.caseload.shared.web.DashboardPage;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Refusals that a dashboard page did not turn into an in-place message become a friendly page
 * with the refusal's own (safe) message. Anything unexpected is logged and shown as a generic page:
 * never a stack trace, never stored data.
 */
@ControllerAdvice(annotations = DashboardPage.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageErrorHandling {

    private static final Logger log = LoggerFactory.getLogger(PageErrorHandling.class);

    private final SignedInErrorPages frame;

    PageErrorHandling(SignedInErrorPages frame) {
        this.frame = frame;
    }

    @ExceptionHandler(CaseloadException.class)
    String refused(CaseloadException e, Model model, HttpServletRequest request, HttpServletResponse response) {
        frame.addFrame(model, request);
        response.setStatus(e.status());
        model.addAttribute("status", e.status());
        model.addAttribute("heading", e.title());
        model.addAttribute("detail", e.getMessage());
        return "error";
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, NoResourceFoundException.class})
    String notFound(Model model, HttpServletRequest request, HttpServletResponse response) {
        frame.addFrame(model, request);
        response.setStatus(404);
        model.addAttribute("status", 404);
        return "error";
    }

    /**
     * Tomcat parses the query string (or a form body) lazily, when a parameter is first asked for, and
     * throws this when it cannot be decoded ({@code ?q=%zz}); the firewall's refusal of a parameter
     * name comes just as late. The sender's mistake, so a 400 page.
     */
    @ExceptionHandler({
        InvalidParameterException.class,
        org.springframework.security.web.firewall.RequestRejectedException.class
    })
    String undecodableParameters(Exception e, Model model, HttpServletRequest request, HttpServletResponse response) {
        frame.addFrame(model, request);
        int code = e instanceof InvalidParameterException invalid ? invalid.getErrorCode() : 400;
        int status = code >= 400 && code < 500 ? code : 400;
        response.setStatus(status);
        model.addAttribute("status", status);
        return "error";
    }

    @ExceptionHandler(Exception.class)
    String unexpected(Exception e, Model model, HttpServletRequest request, HttpServletResponse response)
            throws java.io.IOException {
        if (DatabaseUnavailable.causedBy(e)) {
            // 503 as a static page: the error template's layout would ask the database and the session.
            log.info(
                    "Database unavailable on a dashboard page: {}", e.getClass().getSimpleName());
            DatabaseUnavailable.answer(request, response);
            return null;
        }
        int status = 500;
        if (e instanceof ErrorResponse framework) {
            status = framework.getStatusCode().value(); // 405, 400 for a missing parameter, ...
        } else {
            log.error("Unexpected error on a dashboard page", e);
        }
        frame.addFrame(model, request);
        response.setStatus(status);
        model.addAttribute("status", status);
        return "error";
    }
}
