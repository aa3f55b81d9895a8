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
 * The removal page says what removing does in words a practice owner reads: whose membership ends,
 * how much they still hold, that a choice is needed before it is refused, and what a refusal lists
 * (names and times, not record text).
 */
class RemovalPageWordingTest extends IntegrationTest {

    @Test
    void theRemovalPageSaysWhatIsHeldAndTheRefusalListsItInWords() {
        Member admin = fixtures().signup("Removal Wording Practice");
        Member rita = fixtures().join(admin, "Rita Gomez", "Licensed Therapist");
        Member nell = fixtures().join(admin, "Nell Nothing", "Licensed Therapist");
        String harper = fixtures().directClient(admin, "Harper Kim", rita);
        fixtures().directClient(admin, "Ian Lowe", rita);
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(40, ChronoUnit.DAYS);
        api().as(admin.token())
                .post(
                        "/api/v1/sessions",
                        Map.of(
                                "clientId",
                                harper,
                                "therapistId",
                                rita.memberId(),
                                "startsAt",
                                start.toString(),
                                "durationMinutes",
                                50,
                                "serviceCode",
                                "90834"))
                .expect(201);
        DashboardClient browser =
                DashboardClient.anonymous(base(), "10.9.0.1").signIn(admin.email(), Fixtures.PASSWORD);

        var page = browser.get("/therapists/" + rita.memberId() + "/remove");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text())
                .contains("Rita Gomez’s membership")
                .contains("Choose a therapist")
                .contains("They hold 2 clients and 1 future session")
                .doesNotContain("Nobody (they");

        var refused = browser.post("/therapists/" + rita.memberId() + "/remove", Map.of());
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.text())
                .contains("Rita Gomez still holds the clients and future sessions below")
                .contains("Harper Kim", "Ian Lowe")
                .doesNotContain("fullName=", "id=", "reassignTo", "ClientHolding", "SessionHolding");

        var empty = browser.get("/therapists/" + nell.memberId() + "/remove");
        assertThat(empty.text())
                .contains("Nobody (they hold no clients or future sessions)")
                .doesNotContain("Choose a therapist");
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }
}
