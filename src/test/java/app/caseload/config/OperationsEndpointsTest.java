package app.caseload.config;

import static org.assertj.core.api.Assertions.assertThat;

import app.caseload.support.IntegrationTest;
import org.junit.jupiter.api.Test;

class OperationsEndpointsTest extends IntegrationTest {

    @Test
    void publishesTheOpenApiDocumentOfTheJsonApi() {
        var docs = api().get("/v3/api-docs").expect(200).json();
        assertThat(docs.path("openapi").asString()).startsWith("3.");
        assertThat(docs.path("paths").propertyNames())
                .contains(
                        "/api/v1/signup",
                        "/api/v1/auth/login",
                        "/api/v1/invitations",
                        "/api/v1/therapists/{id}",
                        "/api/v1/roles",
                        "/api/v1/practice",
                        "/api/v1/me");
    }

    @Test
    void servesSwaggerUi() {
        int status = api().get("/swagger-ui/index.html").status();
        assertThat(status).isEqualTo(200);
    }

    @Test
    void reportsHealthWithoutSigningIn() {
        assertThat(api().get("/actuator/health").expect(200).field("status")).isEqualTo("UP");
    }

    @Test
    void unknownApiPathsAreProblem404s() {
        var answer = api().get("/api/v1/no-such-thing");
        assertThat(answer.status()).isIn(401, 404);
    }
}
