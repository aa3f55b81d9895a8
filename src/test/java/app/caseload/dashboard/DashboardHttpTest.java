package app.caseload.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import app.caseload.support.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The dashboard's doors, seen over plain HTTP: CSRF, sign-in redirects, friendly error pages. */
class DashboardHttpTest extends IntegrationTest {

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    @Test
    void formPostWithoutCsrfTokenIsRefusedWithAPageNotATrace() throws Exception {
        var response = send(request("/signin")
                .header("Accept", "text/html")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("email=a%40b.test&password=whatever-it-is")));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("You may not do this").doesNotContain("Exception", "at app.");
    }

    @Test
    void pagesNeedASignInAndSendBrowsersToIt() throws Exception {
        var response = send(request("/therapists").GET());
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith("/signin");
    }

    @Test
    void htmxRequestsAreSentToSignInWithAFullPageRedirect() throws Exception {
        var response = send(
                request("/therapists/invitations").header("HX-Request", "true").GET());
        assertThat(response.headers().firstValue("HX-Redirect").orElseThrow()).endsWith("/signin");
    }

    @Test
    void unknownPageIsAFriendlyNotFound() throws Exception {
        var response = send(request("/no/such/page").GET().header("Accept", "text/html"));
        assertThat(response.statusCode()).isIn(302, 404);
        var signedIn = send(request("/error").GET().header("Accept", "text/html"));
        assertThat(signedIn.body()).doesNotContain("Whitelabel", "Exception");
    }

    @Test
    void theFaviconIsThereForEveryone() throws Exception {
        var ico = http.send(request("/favicon.ico").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(ico.statusCode()).isEqualTo(200);
        assertThat(ico.body()).startsWith(0, 0, 1, 0); // an ICO header: reserved 0, type 1 (icon)
        var svg = send(request("/favicon.svg").GET());
        assertThat(svg.statusCode()).isEqualTo(200);
        assertThat(svg.headers().firstValue("Content-Type").orElseThrow()).startsWith("image/svg+xml");
        assertThat(svg.body()).startsWith("<svg");
        assertThat(send(request("/signin").GET()).body())
                .contains("rel=\"icon\" href=\"/favicon.svg\"", "rel=\"icon\" href=\"/favicon.ico\"");
    }

    @Test
    void apiChainStillAnswersProblemJson() throws Exception {
        var response = send(request("/api/v1/therapists").GET());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).contains("problem+json");
    }
}
