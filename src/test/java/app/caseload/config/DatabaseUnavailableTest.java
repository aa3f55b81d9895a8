package app.caseload.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/** What counts as "the database is away", and the 503 answers (problem and page) it gets. */
class DatabaseUnavailableTest {

    @Test
    void recognisesALostOrRefusedConnectionWhereverItIsWrapped() {
        assertThat(DatabaseUnavailable.causedBy(new CannotGetJdbcConnectionException("x")))
                .isTrue();
        assertThat(DatabaseUnavailable.causedBy(new CannotCreateTransactionException(
                        "x", new SQLTransientConnectionException("pool timed out"))))
                .isTrue();
        assertThat(DatabaseUnavailable.causedBy(new TransactionSystemException(
                        "commit failed", new SQLException("An I/O error occurred", "08006"))))
                .isTrue();
        assertThat(DatabaseUnavailable.causedBy(new IllegalStateException(
                        new SQLException("terminating connection due to administrator command", "57P01"))))
                .isTrue();
        assertThat(DatabaseUnavailable.causedBy(new RuntimeException(new ConnectException("refused"))))
                .isTrue();
        // Seen when the postmaster was killed mid-transaction: the pool had closed the connection.
        assertThat(DatabaseUnavailable.causedBy(new TransactionSystemException(
                        "JDBC rollback failed", new SQLException("Connection is closed"))))
                .isTrue();
    }

    @Test
    void otherFailuresAreNotOutages() {
        assertThat(DatabaseUnavailable.causedBy(
                        new DataIntegrityViolationException("x", new SQLException("dup", "23505"))))
                .isFalse();
        assertThat(DatabaseUnavailable.causedBy(new IllegalArgumentException("bug")))
                .isFalse();
    }

    @Test
    void theApiGetsAProblemAndKeepsItsRequestIdAndSecurityHeaders() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/clients");
        MockHttpServletResponse response = new MockHttpServletResponse();
        response.setHeader("X-Request-Id", "abc");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Disposition", "attachment; filename=half-written.csv");
        response.getWriter().write("half an answer");

        assertThat(DatabaseUnavailable.answer(request, response)).isTrue();

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getHeader("Retry-After")).isEqualTo("5");
        assertThat(response.getHeader("X-Request-Id")).isEqualTo("abc");
        assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.getHeader("Content-Disposition")).isNull();
        assertThat(response.getContentAsString())
                .startsWith("{\"type\":\"/problems/database-unavailable\"")
                .contains("\"status\":503")
                .doesNotContain("half an answer");
    }

    @Test
    void aBrowserGetsAPageInTheDashboardsLook() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/clients");
        request.addHeader("Accept", "text/html,application/xhtml+xml");
        MockHttpServletResponse response = new MockHttpServletResponse();

        assertThat(DatabaseUnavailable.answer(request, response)).isTrue();

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getContentType()).startsWith("text/html");
        assertThat(response.getHeader("Content-Security-Policy")).contains("default-src 'self'");
        assertThat(response.getContentAsString())
                .contains("<link rel=\"stylesheet\" href=\"/css/app.css\">")
                .contains("class=\"top\"")
                .contains("Caseload is back in a moment");
    }
}
