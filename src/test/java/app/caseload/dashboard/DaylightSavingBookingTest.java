package app.caseload.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import app.caseload.support.Fixtures;
import app.caseload.support.IntegrationTest;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Booking in the dashboard across daylight-saving changes, in two zones (SPEC §2b): the time typed
 * is the practice's local time; a time the clocks skip is refused with a clear message; a time the
 * clocks repeat is the earlier one, and the page says so; the session page shows local time with
 * the zone's abbreviation for that date.
 */
class DaylightSavingBookingTest extends IntegrationTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // zone,          skipped time (spring forward), day after 10:00 local, its UTC instant, shown as,
        //      repeated time (fall back), its UTC instant (earlier offset)
        "America/Chicago, 2026-03-08T02:30, 2026-03-09T10:00, 2026-03-09T15:00:00Z, 'March 9, 2026 at 10:00 CDT', 2026-11-01T01:30, 2026-11-01T06:30:00Z",
        "Europe/Berlin,   2026-03-29T02:30, 2026-03-30T10:00, 2026-03-30T08:00:00Z, 'March 30, 2026 at 10:00 CEST', 2026-10-25T02:30, 2026-10-25T00:30:00Z"
    })
    void bookingsTakeLocalTimeAcrossTheChange(
            String zone,
            String skipped,
            String dayAfter,
            String dayAfterUtc,
            String shown,
            String repeated,
            String repeatedUtc)
            throws Exception {
        Fixtures.Member owner = fixtures().signup("DST " + zone);
        api().as(owner.token())
                .patch("/api/v1/practice", Map.of("timeZone", zone))
                .expect(200);
        String client = api().as(owner.token())
                .post(
                        "/api/v1/clients",
                        Map.of(
                                "fullName", "Dana Daylight",
                                "dateOfBirth", "1990-04-01",
                                "kind", "DIRECT",
                                "therapistId", owner.memberId()))
                .expect(201)
                .field("id");
        Dashboard dashboard = new Dashboard(owner);

        // The form is labelled with the zone.
        assertThat(dashboard.get("/sessions/new?client=" + client).body()).contains("Starts (" + zone + ")");

        // 02:30 on the spring-forward night does not exist: refused, nothing booked.
        HttpResponse<String> refused = dashboard.book(client, owner, skipped);
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body())
                .contains("02:30 does not exist on " + skipped.substring(0, 10) + " in " + zone
                        + ": the clocks skip forward that night.");
        assertThat(api().as(owner.token())
                        .get("/api/v1/clients/" + client + "/sessions")
                        .json()
                        .path("items")
                        .size())
                .isZero();

        // The day after the change, 10:00 local is stored at the instant of the new offset.
        String id = dashboard.booked(client, owner, dayAfter);
        assertThat(Instant.parse(api().as(owner.token())
                        .get("/api/v1/sessions/" + id)
                        .expect(200)
                        .field("startsAt")))
                .isEqualTo(Instant.parse(dayAfterUtc));
        assertThat(dashboard.get("/sessions/" + id).body()).contains(shown, "Starts (" + zone + ")");

        // A time the clocks repeat is the first of the two, and the page says so.
        String ambiguous = dashboard.booked(client, owner, repeated);
        assertThat(Instant.parse(api().as(owner.token())
                        .get("/api/v1/sessions/" + ambiguous)
                        .expect(200)
                        .field("startsAt")))
                .isEqualTo(Instant.parse(repeatedUtc));
        assertThat(dashboard.lastPage).contains("happens twice on " + repeated.substring(0, 10));
    }

    /** A browser without a browser: cookies, CSRF tokens from the pages, form posts. */
    private final class Dashboard {

        private final HttpClient http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        private final String address = "10.9." + ThreadLocalRandom.current().nextInt(1, 250) + "."
                + ThreadLocalRandom.current().nextInt(1, 250);
        private String lastPage = "";

        Dashboard(Fixtures.Member member) throws Exception {
            HttpResponse<String> signedIn =
                    post("/signin", csrf("/signin"), Map.of("email", member.email(), "password", Fixtures.PASSWORD));
            assertThat(signedIn.statusCode()).isEqualTo(302);
            assertThat(signedIn.headers().firstValue("Location").orElseThrow()).endsWith("/home");
        }

        HttpResponse<String> get(String path) throws Exception {
            HttpResponse<String> page = http.send(
                    request(path).header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString());
            lastPage = page.body();
            return page;
        }

        HttpResponse<String> book(String client, Fixtures.Member therapist, String startsAt) throws Exception {
            Map<String, String> form = new LinkedHashMap<>();
            form.put("client", client);
            form.put("therapist", therapist.memberId());
            form.put("startsAt", startsAt);
            form.put("durationMinutes", "50");
            form.put("serviceCode", "90834");
            return post("/sessions", csrf("/sessions/new?client=" + client), form);
        }

        /** Books and follows to the new session's page; its id. */
        String booked(String client, Fixtures.Member therapist, String startsAt) throws Exception {
            HttpResponse<String> response = book(client, therapist, startsAt);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
            String location = response.headers().firstValue("Location").orElseThrow();
            String id = location.substring(location.lastIndexOf('/') + 1);
            get("/sessions/" + id);
            return id;
        }

        private String csrf(String path) throws Exception {
            Matcher token = CSRF.matcher(get(path).body());
            assertThat(token.find()).as("a CSRF token on " + path).isTrue();
            return token.group(1);
        }

        private HttpResponse<String> post(String path, String csrf, Map<String, String> fields) throws Exception {
            Map<String, String> all = new LinkedHashMap<>(fields);
            all.put("_csrf", csrf);
            String body = all.entrySet().stream()
                    .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            HttpResponse<String> response = http.send(
                    request(path)
                            .header("Accept", "text/html")
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            lastPage = response.body();
            return response;
        }

        private HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("X-Forwarded-For", address);
        }
    }
}
