package app.caseload.clinical;

import static org.assertj.core.api.Assertions.assertThat;

import app.caseload.support.Fixtures.Member;
import app.caseload.support.IntegrationTest;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Claims use the practice's local service date and local days for {@code from}/{@code to} (SPEC §2b):
 * a session at 02:00Z on July 10 is on July 9 in Chicago (21:00 CDT).
 */
class ClaimsServiceDateZoneTest extends IntegrationTest {

    private static final Instant LATE_EVENING_IN_CHICAGO = Instant.parse("2024-07-10T02:00:00Z");

    @Test
    void aSessionAtTwoUtcIsOnThePreviousDayInChicago() {
        Clinic clinic = new Clinic(api());
        Member admin = fixtures().signup("Lakeshore Counseling");
        api().as(admin.token())
                .patch("/api/v1/practice", Map.of("timeZone", "America/Chicago"))
                .expect(200);
        String client = clinic.client(admin, "Casey Late", "DIRECT", admin);
        String session = clinic.session(admin, client, admin, LATE_EVENING_IN_CHICAGO);
        api().as(admin.token())
                .post("/api/v1/sessions/" + session + "/complete", null)
                .expect(200);
        api().as(admin.token())
                .put("/api/v1/sessions/" + session + "/note", Map.of("text", "Evening session."))
                .expect(200);
        api().as(admin.token())
                .post("/api/v1/sessions/" + session + "/note/sign", null)
                .expect(200);

        JsonNode july9 = claims(admin, "2024-07-09", "2024-07-09");
        assertThat(july9.size()).isEqualTo(1);
        assertThat(july9.get(0).path("serviceDate").asString()).isEqualTo("2024-07-09");
        // The API keeps the session's instant in UTC.
        assertThat(Instant.parse(api().as(admin.token())
                        .get("/api/v1/sessions/" + session)
                        .expect(200)
                        .field("startsAt")))
                .isEqualTo(LATE_EVENING_IN_CHICAGO);
        assertThat(claims(admin, "2024-07-10", "2024-07-10").size()).isZero();

        // In UTC the same instant is July 10: the zone decides the day.
        api().as(admin.token())
                .patch("/api/v1/practice", Map.of("timeZone", "UTC"))
                .expect(200);
        JsonNode july10 = claims(admin, "2024-07-10", "2024-07-10");
        assertThat(july10.size()).isEqualTo(1);
        assertThat(july10.get(0).path("serviceDate").asString()).isEqualTo("2024-07-10");
    }

    private JsonNode claims(Member admin, String from, String to) {
        return api().as(admin.token())
                .get("/api/v1/claims?from=" + from + "&to=" + to)
                .expect(200)
                .json()
                .path("items");
    }
}
