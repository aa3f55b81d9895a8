package app.caseload.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import app.caseload.security.DashboardClient;
import app.caseload.support.Fixtures;
import app.caseload.support.Fixtures.Member;
import app.caseload.support.IntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Error pages keep the signed-in header: a signed-in person who meets a 404 or a 403 still sees
 * their name, their practice and the sections, and is not offered "Sign in" as if they had been
 * signed out.
 */
class SignedInErrorPagesTest extends IntegrationTest {

    @Test
    void errorPagesOfASignedInPersonKeepTheirHeader() {
        Member admin = fixtures().signup("Error Header Practice");
        Member tia = fixtures().join(admin, "Tia Therapist", "Licensed Therapist");
        DashboardClient browser = DashboardClient.anonymous("http://127.0.0.1:" + port, "10.9.2.1")
                .signIn(tia.email(), Fixtures.PASSWORD);

        var unknownAddress = browser.get("/no/such/page");
        var invisibleClient = browser.get("/clients/" + UUID.randomUUID());
        var adminOnly = browser.get("/roles/new");
        assertThat(unknownAddress.status()).isEqualTo(404);
        assertThat(invisibleClient.status()).isEqualTo(404);
        assertThat(adminOnly.status()).isEqualTo(403);
        for (var page : java.util.List.of(unknownAddress, invisibleClient, adminOnly)) {
            assertThat(page.text())
                    .as(page.status() + " page")
                    .contains("Tia Therapist", "Error Header Practice", "Sign out", "Clients")
                    .doesNotContain("Sign in ");
        }

        var signedOut = DashboardClient.anonymous("http://127.0.0.1:" + port, "10.9.2.2")
                .get("/error");
        assertThat(signedOut.text()).contains("Sign in").doesNotContain("Tia Therapist");
    }
}
