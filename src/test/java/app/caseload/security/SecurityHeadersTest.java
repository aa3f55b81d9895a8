package app.caseload.security;

import static org.assertj.core.api.Assertions.assertThat;

import app.caseload.accounts.web.SecurityHeaders;
import app.caseload.support.Api;
import app.caseload.support.IntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecurityHeadersTest extends IntegrationTest {

    @Test
    void apiAndWebAnswersCarryTheHardeningHeaders() {
        for (Api.Response response :
                new Api.Response[] {api().get("/api/v1/me"), api().get("/"), api().get("/actuator/health")}) {
            var headers = response.headers();
            assertThat(headers.firstValue("Content-Security-Policy")).hasValue(SecurityHeaders.CONTENT_SECURITY_POLICY);
            assertThat(SecurityHeaders.CONTENT_SECURITY_POLICY).doesNotContain("unsafe-inline");
            assertThat(headers.firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(headers.firstValue("Referrer-Policy")).hasValue("no-referrer");
            assertThat(headers.firstValue("X-Content-Type-Options")).hasValue("nosniff");
            // Plain HTTP: no HSTS (it is sent on HTTPS requests only).
            assertThat(headers.firstValue("Strict-Transport-Security")).isEmpty();
        }
    }

    @Test
    void httpsRequestsGetHsts() {
        // Behind a trusted proxy that terminated TLS (forward-headers-strategy=native in tests).
        Api.Response response = api().sendWithHeader("/api/v1/me", "X-Forwarded-Proto", "https");
        assertThat(response.headers().firstValue("Strict-Transport-Security"))
                .hasValueSatisfying(
                        v -> assertThat(v).contains("max-age=31536000").contains("includeSubDomains"));
    }

    @Test
    void errorsCarryNoStackTraceOrEcho() {
        Api.Response response = api().sendRaw("POST", "/api/v1/auth/login", "{\"email\": <script>", "application/json");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body())
                .doesNotContain("<script>")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
        Api.Response notFound = api().post("/api/v1/invitations/preview", Map.of("token", "<b>x</b>"));
        assertThat(notFound.body()).doesNotContain("<b>");
    }
}
