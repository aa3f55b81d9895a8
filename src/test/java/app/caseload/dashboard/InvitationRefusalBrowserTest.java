package app.caseload.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import app.caseload.support.Browser;
import app.caseload.support.Fixtures;
import app.caseload.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Invitation links that cannot be used each say why, and change nothing. */
class InvitationRefusalBrowserTest extends IntegrationTest {

    private Browser browser;

    @BeforeEach
    void openBrowser() {
        browser = new Browser("http://127.0.0.1:" + port);
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    @Test
    void memberOfAnotherPracticeIsToldToLeaveFirst() {
        Fixtures.Member elsewhere = fixtures().signup("Other Practice");
        Fixtures.Member owner = fixtures().signup("Inviting Practice");
        fixtures().invite(owner, "Olivia Elsewhere", elsewhere.email(), "Associate");
        String token = fixtures().invitationToken(elsewhere.email());

        browser.open("/invitations/accept?token=" + token).awaitText("Join Inviting Practice");
        browser.awaitText("You already have a Caseload account with this email.");
        browser.fill("Your Caseload password", "not the password at all").click("Accept");
        browser.awaitText("That is not the password of this account.");
        browser.fill("Your Caseload password", Fixtures.PASSWORD).click("Accept");
        browser.awaitText("You belong to another practice");
        assertThat(browser.find("#invitation-problem").getText()).contains("Leave your current practice first");
        browser.screenshot("40-invitation-other-practice");

        // Nothing changed: the invitation is still pending.
        assertThat(api().as(owner.token())
                        .get("/api/v1/invitations")
                        .expect(200)
                        .json()
                        .path("items")
                        .get(0)
                        .path("status")
                        .asString())
                .isEqualTo("PENDING");
    }

    @Test
    void revokedUsedAndUnknownLinksEachSayWhy() {
        Fixtures.Member owner = fixtures().signup("Link Practice");
        String email = Fixtures.uniqueEmail("rita");
        String id = fixtures()
                .invite(owner, "Rita Revoked", email, "Intern")
                .path("id")
                .asString();
        String revoked = fixtures().invitationToken(email);
        api().as(owner.token())
                .post("/api/v1/invitations/" + id + "/revoke", null)
                .expect(200);

        browser.open("/invitations/accept?token=" + revoked).awaitText("This invitation was withdrawn");
        browser.screenshot("41-invitation-revoked");

        browser.open("/invitations/accept?token=not-a-real-token").awaitText("This invitation link does not work");

        Fixtures.Member joined = fixtures().join(owner, "Uma Used", "Intern");
        String used = fixtures().invitationToken(joined.email());
        browser.open("/invitations/accept?token=" + used).awaitText("This invitation was already accepted");
    }

    @Test
    void declineEndsTheInvitation() {
        Fixtures.Member owner = fixtures().signup("Decline Practice");
        String email = Fixtures.uniqueEmail("dora");
        fixtures().invite(owner, "Dora Decline", email, "Associate");
        String token = fixtures().invitationToken(email);

        browser.open("/invitations/accept?token=" + token).click("Decline").awaitText("Invitation declined");
        browser.open("/invitations/accept?token=" + token).awaitText("This invitation was declined");
    }
}
