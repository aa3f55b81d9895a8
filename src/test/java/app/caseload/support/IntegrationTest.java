package app.caseload.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.ServerSocket;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of tests that run the whole application over HTTP against a real PostgreSQL (the embedded
 * one, in a fresh data directory per test JVM, or the external one named by SPRING_DATASOURCE_URL)
 * and a real SMTP server (GreenMail, in-process). All subclasses share one application context;
 * every test founds its own practice, so tests never see each other's data.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@org.springframework.context.annotation.Import(StatementCounter.class)
public abstract class IntegrationTest {

    private static final int SMTP_PORT = freePort();

    /** One SMTP server for the whole test JVM, on a free loopback port. */
    protected static GreenMail MAIL = startMail();

    /** The token Prometheus would send to {@code /actuator/prometheus}. */
    protected static final String SCRAPE_TOKEN = "test-scrape-token-" + UUID.randomUUID();

    private static final String DATA_DIR = "target/test-db/" + UUID.randomUUID();

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
        registry.add("caseload.data-dir", () -> DATA_DIR);
        registry.add("caseload.mail.poll-interval", () -> "200ms");
        registry.add("caseload.mail.retry-backoff", () -> "200ms");
        // As behind a trusted proxy on loopback: tests choose their client address with
        // X-Forwarded-For, so throttling tests and the fuzz test do not block everyone else's 127.0.0.1.
        registry.add("server.forward-headers-strategy", () -> "native");
        registry.add("caseload.metrics.scrape-token", () -> SCRAPE_TOKEN);
        // Counts the round trips requests make on the wire (RequestCostTest).
        registry.add("spring.datasource.hikari.data-source-properties.socketFactory", WireCounter.class::getName);
    }

    /**
     * The consistency guards after every test: the caseload relation equals its definition
     * recomputed from clients and sessions, and every client's and practice's kept numbers equal a recount,
     * whatever the test did through the API.
     */
    @AfterEach
    void keptDataMatchesItsDefinition() {
        List<String> differences = jdbc.sql("select concat_ws(' ', difference, practice_id, member_id, client_id,"
                        + " category, sort_name) from caseload_differences() limit 20")
                .query(String.class)
                .list();
        assertThat(differences)
                .as("caseload relation differs from caseload_expected")
                .isEmpty();
        List<String> counts = jdbc.sql("select concat_ws(' ', practice_id, 'kept', kept_active, kept_high_risk,"
                        + " kept_pending, kept_clients, 'counted', counted_active, counted_high_risk, counted_pending,"
                        + " counted_clients)"
                        + " from practice_count_differences() limit 20")
                .query(String.class)
                .list();
        assertThat(counts).as("practice numbers differ from a recount").isEmpty();
        List<String> clientNumbers = jdbc.sql("select concat_ws(' ', difference, practice_id, client_id,"
                        + " sessions_count, last_session_at, pending_notes) from client_numbers_differences() limit 20")
                .query(String.class)
                .list();
        assertThat(clientNumbers)
                .as("clients' kept numbers differ from a recount")
                .isEmpty();
    }

    protected Api api() {
        return new Api("http://127.0.0.1:" + port);
    }

    protected Fixtures fixtures() {
        return new Fixtures(api(), MAIL);
    }

    /** Takes the SMTP server down, as an outage would. */
    protected static synchronized void stopMail() {
        MAIL.stop();
    }

    /** Brings a fresh SMTP server up on the same port. */
    protected static synchronized void restartMail() {
        MAIL = startMail();
    }

    private static GreenMail startMail() {
        GreenMail mail = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        Runtime.getRuntime().addShutdownHook(new Thread(mail::stop));
        return mail;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
