package app.caseload.config;

import static org.assertj.core.api.Assertions.assertThat;

import app.caseload.support.Api;
import app.caseload.support.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code /actuator/prometheus} for the operator's scraper only, with request timings per route,
 * the pool, the outbox and the read-audit queue, and nothing personal; every answer carries a
 * request id.
 */
class MetricsAndRequestLogTest extends IntegrationTest {

    @Test
    void prometheusScrapesRequestTimingsPoolOutboxAndAuditQueue() throws Exception {
        var owner = fixtures().signup("Metrics Practice");
        Api admin = api().as(owner.token());
        String client = admin.post(
                        "/api/v1/clients",
                        Map.of(
                                "fullName",
                                "Zebediah Quuxworth",
                                "dateOfBirth",
                                "1990-01-01",
                                "kind",
                                "DIRECT",
                                "therapistId",
                                owner.memberId()))
                .expect(201)
                .field("id");
        admin.get("/api/v1/clients/" + client).expect(200);
        admin.get("/api/v1/clients?q=Zebediah").expect(200);

        HttpResponse<String> scrape = scrape(SCRAPE_TOKEN);

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(scrape.body())
                .contains("http_server_requests_seconds_count{")
                .contains("uri=\"/api/v1/clients/{id}\"")
                .contains("hikaricp_connections_active{")
                .contains("hikaricp_connections_pending{")
                .contains("caseload_mail_outbox_pending_mails ")
                .contains("caseload_mail_outbox_oldest_age_seconds ")
                .contains("caseload_audit_read_queue_entries ")
                .as("no names, ids or search terms in labels")
                .doesNotContain("Zebediah")
                .doesNotContain(client)
                .doesNotContain(owner.practiceId());
    }

    @Test
    void onlyTheScrapeTokenOpensPrometheus() throws Exception {
        assertThat(scrape(null).statusCode()).isEqualTo(401);
        assertThat(scrape("not-the-token").statusCode()).isEqualTo(401);
        var owner = fixtures().signup("Curious Admin");
        assertThat(scrape(owner.token()).statusCode())
                .as("a practice admin sees no server-wide metrics")
                .isEqualTo(401);
    }

    /** As Prometheus asks: its own Accept header, the token as a bearer token. */
    private HttpResponse<String> scrape(String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                .header("Accept", "text/plain;version=0.0.4;q=0.3,*/*;q=0.2");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aWellFormedRequestIdIsEchoedAndAnyOtherReplaced() {
        var echoed = api().sendWithHeader("/actuator/health", "X-Request-Id", "edge-7f3a.42:abc_D");
        assertThat(echoed.headers().firstValue("X-Request-Id")).hasValue("edge-7f3a.42:abc_D");

        var replaced = api().sendWithHeader("/actuator/health", "X-Request-Id", "<script>alert(1)</script>");
        assertThat(replaced.headers().firstValue("X-Request-Id").orElseThrow()).matches("[0-9a-f]{24}");

        var generated = api().get("/api/v1/no-such-thing");
        assertThat(generated.headers().firstValue("X-Request-Id").orElseThrow()).matches("[0-9a-f]{24}");
    }
}
