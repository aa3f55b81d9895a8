package app.caseload.config;

import app.caseload.shared.Caller;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * One line per request on the logger {@code caseload.requests}:
 * {@code method=GET uri=/api/v1/clients/{id} status=200 ms=12 requestId=… practiceId=… memberId=…}.
 * The uri is the matched route template, or the path when none matched; never the query string
 * (search terms are names). The caller appears by ids, never by name. The request id is the
 * caller's {@code X-Request-Id} when it is well formed (a proxy's or a client's), otherwise a new
 * one; it is echoed in the response header and is in the MDC ({@code requestId}, {@code practiceId},
 * {@code memberId}) for every line logged while the request runs.
 */
final class RequestLog {

    static final String REQUEST_ID_HEADER = "X-Request-Id";
    static final String REQUEST_ID = "requestId";
    static final String PRACTICE_ID = "practiceId";
    static final String MEMBER_ID = "memberId";

    /** Letters, digits and {@code . _ : -}, 1 to 64 of them: enough for UUIDs and trace ids, no log injection. */
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

    private static final int MAX_PATH = 200;

    private static final Logger requests = LoggerFactory.getLogger("caseload.requests");

    private RequestLog() {}

    static String requestId(String offered) {
        if (offered != null && WELL_FORMED.matcher(offered).matches()) {
            return offered;
        }
        byte[] random = new byte[12];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    /** Outermost: the request id, the timing and the line. */
    static final class Lines extends OncePerRequestFilter {

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            long started = System.nanoTime();
            String id = requestId(request.getHeader(REQUEST_ID_HEADER));
            request.setAttribute(REQUEST_ID, id);
            response.setHeader(REQUEST_ID_HEADER, id);
            MDC.put(REQUEST_ID, id);
            boolean failed = true;
            try {
                chain.doFilter(request, response);
                failed = false;
            } finally {
                long millis = (System.nanoTime() - started) / 1_000_000;
                int status = failed && !response.isCommitted() ? 500 : response.getStatus();
                if (requests.isInfoEnabled()) {
                    requests.info(
                            "method={} uri={} status={} ms={} requestId={} practiceId={} memberId={}",
                            request.getMethod(),
                            uri(request),
                            status,
                            millis,
                            id,
                            attribute(request, PRACTICE_ID),
                            attribute(request, MEMBER_ID));
                }
                MDC.remove(REQUEST_ID);
                MDC.remove(PRACTICE_ID);
                MDC.remove(MEMBER_ID);
            }
        }

        private static String uri(HttpServletRequest request) {
            if (request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE) instanceof String template) {
                return template;
            }
            String path = request.getRequestURI(); // without the query string
            return path.length() > MAX_PATH ? path.substring(0, MAX_PATH) + "…" : path;
        }

        private static String attribute(HttpServletRequest request, String name) {
            return request.getAttribute(name) instanceof String value ? value : "-";
        }
    }

    /** Inside the security filters: who is calling, by ids, for the line and the MDC. */
    static final class CallerIds extends OncePerRequestFilter {

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            if (authentication != null && authentication.getPrincipal() instanceof Caller caller) {
                String practice = caller.practiceId().value().toString();
                String member = caller.memberId().value().toString();
                request.setAttribute(PRACTICE_ID, practice);
                request.setAttribute(MEMBER_ID, member);
                MDC.put(PRACTICE_ID, practice);
                MDC.put(MEMBER_ID, member);
            }
            chain.doFilter(request, response);
        }
    }
}
