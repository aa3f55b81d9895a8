package app.caseload.accounts.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * 403 as a problem answer; for an enrolment-only token (the practice requires MFA the member has
 * not set up) it says what to do instead of a bare "not allowed".
 */
class ApiAccessDenied implements AccessDeniedHandler {

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        boolean enrolmentOnly = authentication != null
                && authentication.getAuthorities().stream()
                        .anyMatch(a -> "ROLE_MFA_ENROLMENT".equals(a.getAuthority()));
        if (enrolmentOnly) {
            SecurityConfiguration.problem(
                    response,
                    403,
                    "mfa-enrolment-required",
                    "Second factor required",
                    "Your practice requires a second factor. Set it up at /api/v1/me/mfa/enrol, then sign in again.");
        } else {
            SecurityConfiguration.problem(response, 403, "forbidden", "Not allowed", "You may not do this.");
        }
    }
}
