package app.caseload.config;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Turns a database outage met outside any controller (resolving the bearer token or the web
 * session, saving the session after the answer) into the same 503 as inside one, instead of the
 * servlet container's 500.
 */
final class DatabaseUnavailableFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableFilter.class);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | IOException | RuntimeException e) {
            if (!DatabaseUnavailable.causedBy(e)) {
                throw e;
            }
            if (!DatabaseUnavailable.answer(request, response)) {
                // Already answered (the 503 itself, or a page written before the session could be saved).
                log.debug("Database unavailable after the answer was sent: {}", e.toString());
            }
        }
    }
}
