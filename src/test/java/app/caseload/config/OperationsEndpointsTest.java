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
    void aMistypedPageAddressShowsAnHtmlErrorPageNotJson() throws Exception {
        var response = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(
                                        java.net.URI.create("http://127.0.0.1:" + port + "/css/nope.css"))
                                .header("Accept", "text/html")
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at app.caseload");
    }

    @Test
    void unknownApiPathsAreProblem404s() {
        var answer = api().get("/api/v1/no-such-thing");
        assertThat(answer.status()).isIn(401, 404);
    }
}
