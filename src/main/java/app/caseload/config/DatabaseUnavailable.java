package app.caseload.config;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * The one answer to "the database cannot be reached right now" (stopped, restarting, unreachable,
 * or every pooled connection busy for longer than the pool waits): 503 with {@code Retry-After},
 * as an RFC 9457 problem for the API and as a page in the dashboard's look for browsers. Neither
 * touches the database or the session: the page is static.
 */
final class DatabaseUnavailable {

    static final String PROBLEM_TYPE = "/problems/database-unavailable";
    static final String TITLE = "Service unavailable";
    static final String DETAIL = "The database is unavailable for a moment. Try again in a few seconds.";
    static final int RETRY_AFTER_SECONDS = 5;

    private static final String PROBLEM = "{\"type\":\"" + PROBLEM_TYPE + "\",\"title\":\"" + TITLE
            + "\",\"status\":503,\"detail\":\"" + DETAIL + "\"}";
    private static final byte[] PAGE = page();

    private static final List<String> KEPT_HEADERS = List.of(
            RequestLog.REQUEST_ID_HEADER,
            "Content-Security-Policy",
            "X-Content-Type-Options",
            "X-Frame-Options",
            "Referrer-Policy",
            "Permissions-Policy",
            "Strict-Transport-Security",
            "Cross-Origin-Opener-Policy",
            "Cross-Origin-Resource-Policy");
    private static final Map<String, String> DEFAULT_HEADERS = Map.of(
            "Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; form-action 'self'",
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "no-referrer");

    private DatabaseUnavailable() {}

    /** Whether this failure, or one of its causes, says the database could not be reached. */
    static boolean causedBy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DataAccessResourceFailureException // includes CannotGetJdbcConnectionException
                    || t instanceof TransientDataAccessResourceException
                    || t instanceof CannotCreateTransactionException
                    || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException
                    || t instanceof java.net.ConnectException) {
                return true;
            }
            if (t instanceof SQLException sql && connectionLost(sql.getSQLState())) {
                return true;
            }
            if (t instanceof TransactionSystemException tx) {
                // A commit or rollback the SQLException translator could not place ("Connection is
                // closed": the pool closed a broken connection under it), or the failure that led to it.
                if (tx.getCause() instanceof SQLException || causedBy(tx.getApplicationException())) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * SQLState class 08 (connection exception) and 57P01-57P03 (the server is shutting down, crashed
     * or is not yet accepting connections).
     */
    private static boolean connectionLost(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("57P"));
    }

    /** Whether this request gets the JSON problem rather than the page. */
    static boolean wantsProblem(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/api/") || path.startsWith("/actuator/") || path.startsWith("/v3/")) {
            return true;
        }
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return accept != null && !accept.contains("text/html") && accept.contains("json");
    }

    /** Writes the 503 answer, replacing whatever was buffered; false when it is too late to. */
    static boolean answer(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (response.isCommitted()) {
            return false;
        }
        // Drop a half-written answer (and its headers), but keep the request id and security headers.
        Map<String, String> kept = new LinkedHashMap<>();
        for (String name : KEPT_HEADERS) {
            String value = response.getHeader(name);
            kept.put(name, value != null ? value : DEFAULT_HEADERS.get(name));
        }
        response.reset();
        kept.forEach((name, value) -> {
            if (value != null) {
                response.setHeader(name, value);
            }
        });
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        if (wantsProblem(request)) {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getOutputStream().write(PROBLEM.getBytes(StandardCharsets.UTF_8));
        } else {
            response.setContentType(MediaType.TEXT_HTML_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getOutputStream().write(PAGE);
        }
        // Not flushed here: a session saved on commit would fail again inside this very answer.
        return true;
    }

    private static byte[] page() {
        try (InputStream in = DatabaseUnavailable.class.getResourceAsStream("unavailable.html")) {
            if (in == null) {
                throw new IllegalStateException("unavailable.html is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
