package app.caseload.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import app.caseload.support.Browser;
import app.caseload.support.Fixtures;
import app.caseload.support.IntegrationTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Web sign-ins end through the same token as API sign-ins: idle timeout, Inactive, removal. */
class SessionEndBrowserTest extends IntegrationTest {

    private Browser browser;
    private Fixtures.Member owner;
    private Fixtures.Member therapist;

    @BeforeEach
    void signInAsATherapist() {
        owner = fixtures().signup("Stillwater Counseling");
        therapist = fixtures().join(owner, "Sam Session", "Associate");
        browser = new Browser("http://127.0.0.1:" + port);
        browser.open("/signin");
        String anonymousSession =
                browser.driver().manage().getCookieNamed("SESSION").getValue();
        browser.fill("Email", therapist.email())
                .fill("Password", Fixtures.PASSWORD)
                .click("Sign in")
                .awaitPath("/home");
        // Session fixation: signing in gives the browser a new session id.
        assertThat(browser.driver().manage().getCookieNamed("SESSION").getValue())
                .isNotEqualTo(anonymousSession);
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    @Test
    void idleSignInEndsWithAClearPage() {
        jdbc.sql("update auth_token set last_used_at = now() - interval '16 minutes' where member_id = ?")
                .param(UUID.fromString(therapist.memberId()))
                .update();

        browser.open("/therapists").awaitPath("/signed-out");
        assertThat(browser.find("#signed-out-reason").getText())
                .isEqualTo("You were signed out after 15 minutes without activity.");
        browser.screenshot("30-signed-out-idle");

        // The old session is gone for good: going back does not sign in again.
        browser.open("/home").awaitPath("/signin");
    }

    @Test
    void memberMadeInactiveIsSignedOutAtOnce() {
        api().as(owner.token())
                .put("/api/v1/therapists/" + therapist.memberId() + "/status", Map.of("status", "INACTIVE"))
                .expect(200);

        browser.open("/therapists").awaitPath("/signed-out");
        assertThat(browser.find("#signed-out-reason").getText()).contains("made inactive");
    }

    @Test
    void removedMemberIsSignedOutAtOnce() {
        api().as(owner.token())
                .delete("/api/v1/therapists/" + therapist.memberId())
                .expect(204);

        browser.open("/home").awaitPath("/signed-out");
        assertThat(browser.find("#signed-out-reason").getText()).contains("membership of the practice has ended");
    }

    @Test
    void signOutRevokesTheToken() {
        browser.click("Sign out").awaitPath("/signed-out");
        long live = jdbc.sql("select count(*) from auth_token where member_id = ? and revoked_at is null")
                .param(UUID.fromString(therapist.memberId()))
                .query(Long.class)
                .single();
        // The API token of the fixture stays; the web sign-in's token is revoked.
        assertThat(live).isEqualTo(1);
        browser.open("/home").awaitPath("/signin");
    }
}
