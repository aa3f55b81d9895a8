package app.caseload.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import app.caseload.security.DashboardClient;
import app.caseload.support.Fixtures;
import app.caseload.support.Fixtures.Member;
import app.caseload.support.IntegrationTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A page offers an action only to someone who may take it (the same policy decides the button and
 * the request): no "Co-sign note" for someone who is not the author's supervisor, no "Schedule
 * session" for an On Hold member; and a client never assessed reads "Not assessed", not "None".
 */
class ActionsOfferedTest extends IntegrationTest {

    private DashboardClient browser(Member who, String address) {
        return DashboardClient.anonymous("http://127.0.0.1:" + port, address).signIn(who.email(), Fixtures.PASSWORD);
    }

    @Test
    void onlyTheAuthorsSupervisorIsOfferedCoSigningAndOnHoldIsOfferedNoBooking() {
        Member admin = fixtures().signup("Actions Offered Practice");
        Member sol = fixtures().join(admin, "Sol Supervisor", "Supervisor");
        Member ada = fixtures().join(admin, "Ada Associate", "Associate");
        api().as(admin.token())
                .patch("/api/v1/practice", Map.of("supervisionEnabled", true))
                .expect(200);
        api().as(admin.token())
                .post("/api/v1/therapists/" + ada.memberId() + "/supervisors", Map.of("supervisorId", sol.memberId()))
                .expect(201);
        String cleo = api().as(admin.token())
                .post(
                        "/api/v1/clients",
                        Map.of(
                                "fullName", "Cleo Cole",
                                "dateOfBirth", "1990-04-01",
                                "kind", "DIRECT",
                                "therapistId", ada.memberId()))
                .expect(201)
                .field("id");
        String session = api().as(admin.token())
                .post(
                        "/api/v1/sessions",
                        Map.of(
                                "clientId",
                                cleo,
                                "therapistId",
                                ada.memberId(),
                                "startsAt",
                                Instant.now()
                                        .truncatedTo(ChronoUnit.HOURS)
                                        .minus(3, ChronoUnit.DAYS)
                                        .toString(),
                                "durationMinutes",
                                50,
                                "serviceCode",
                                "90834"))
                .expect(201)
                .field("id");
        api().as(admin.token())
                .post("/api/v1/sessions/" + session + "/complete", null)
                .expect(200);
        api().as(ada.token())
                .put("/api/v1/sessions/" + session + "/note", Map.of("text", "Seen."))
                .expect(200);
        api().as(ada.token())
                .post("/api/v1/sessions/" + session + "/note/sign", null)
                .expect(200);

        // The admin sees the note awaiting co-signature but is not Ada's supervisor.
        assertThat(browser(admin, "10.9.1.1").get("/sessions/" + session).text())
                .contains("Awaiting co-signature")
                .doesNotContain("Co-sign note");
        api().as(admin.token())
                .post("/api/v1/sessions/" + session + "/note/cosign", null)
                .expect(403);
        assertThat(browser(sol, "10.9.1.2").get("/sessions/" + session).text()).contains("Co-sign note");

        String clientPage = browser(ada, "10.9.1.3").get("/clients/" + cleo).text();
        assertThat(clientPage).contains("Schedule session").contains("Risk: Not assessed");

        api().as(admin.token())
                .put("/api/v1/therapists/" + ada.memberId() + "/status", Map.of("status", "ON_HOLD"))
                .expect(200);
        String onHold = browser(ada, "10.9.1.4").get("/clients/" + cleo).text();
        assertThat(onHold).contains("Cleo Cole").doesNotContain("Schedule session", "Set risk level");
        assertThat(browser(ada, "10.9.1.6").get("/clients").text())
                .contains("Cleo Cole")
                .doesNotContain("Add client");
        assertThat(browser(admin, "10.9.1.7").get("/clients").text()).contains("Add client");

        api().as(sol.token())
                .put("/api/v1/clients/" + cleo + "/risk", Map.of("level", "LOW"))
                .expect(200);
        assertThat(browser(sol, "10.9.1.5").get("/clients/" + cleo).text())
                .contains("Risk: Low")
                .doesNotContain("Not assessed");
    }
}
