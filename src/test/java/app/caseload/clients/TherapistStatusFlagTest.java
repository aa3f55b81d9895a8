package app.caseload.clients;

import static org.assertj.core.api.Assertions.assertThat;

import app.caseload.support.Fixtures;
import app.caseload.support.IntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SPEC §2: a status change never unassigns clients or sessions; admin views flag those whose therapist is not Active. */
class TherapistStatusFlagTest extends IntegrationTest {

    @Test
    void clientsKeepTheirTherapistOnHoldAndAreFlagged() {
        Fixtures.Member owner = fixtures().signup("Flags");
        Fixtures.Member tom = fixtures().join(owner, "Tom", "Licensed Therapist");
        String client = fixtures().directClient(owner, "Cleo Client", tom);
        assertThat(api().as(owner.token()).get("/api/v1/clients/" + client).field("therapistStatus"))
                .isEqualTo("ACTIVE");

        api().as(owner.token())
                .put("/api/v1/therapists/" + tom.memberId() + "/status", Map.of("status", "ON_HOLD"))
                .expect(200);

        var listed = api().as(owner.token())
                .get("/api/v1/clients")
                .expect(200)
                .json()
                .path("items")
                .get(0);
        assertThat(listed.path("therapistId").asString()).isEqualTo(tom.memberId());
        assertThat(listed.path("therapistStatus").asString()).isEqualTo("ON_HOLD");
    }

    @Test
    void futureSessionsOfATherapistWhoIsNotActiveAreFlagged() {
        Fixtures.Member owner = fixtures().signup("Session flags");
        Fixtures.Member tom = fixtures().join(owner, "Tom", "Licensed Therapist");
        String client = fixtures().directClient(owner, "Cleo Client", tom);
        String startsAt = java.time.Instant.now()
                .plus(java.time.Duration.ofDays(3))
                .truncatedTo(java.time.temporal.ChronoUnit.HOURS)
                .toString();
        String session = api().as(owner.token())
                .post(
                        "/api/v1/sessions",
                        Map.of(
                                "clientId",
                                client,
                                "therapistId",
                                tom.memberId(),
                                "startsAt",
                                startsAt,
                                "durationMinutes",
                                50,
                                "serviceCode",
                                "90834"))
                .expect(201)
                .field("id");
        api().as(owner.token())
                .put("/api/v1/therapists/" + tom.memberId() + "/status", Map.of("status", "INACTIVE"))
                .expect(200);

        var kept = api().as(owner.token())
                .get("/api/v1/sessions/" + session)
                .expect(200)
                .json();
        assertThat(kept.path("therapistId").asString())
                .as("a status change never moves sessions")
                .isEqualTo(tom.memberId());
        assertThat(kept.path("status").asString()).isEqualTo("SCHEDULED");
        assertThat(kept.path("therapistStatus").asString()).isEqualTo("INACTIVE");
    }
}
