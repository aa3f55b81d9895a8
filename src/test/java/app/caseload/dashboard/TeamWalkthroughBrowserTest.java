package app.caseload.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import app.caseload.support.Browser;
import app.caseload.support.Fixtures;
import app.caseload.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The help article, walked as a practice owner and a new therapist would: create a practice, go to
 * the Therapists section, Invite Therapist, accept from the emailed link, see them Active in the
 * roster, put them On Hold, define a role with a feature override, sign out and in again.
 */
class TeamWalkthroughBrowserTest extends IntegrationTest {

    @Test
    void ownerInvitesATherapistWhoAcceptsAndIsManagedFromTheTherapistsSection() {
        String ownerEmail = Fixtures.uniqueEmail("owner");
        String therapistEmail = Fixtures.uniqueEmail("tara");
        String base = "http://127.0.0.1:" + port;
        try (Browser owner = new Browser(base)) {
            // Start: create the practice.
            owner.open("/").awaitText("Create your practice");
            owner.fill("Practice name", "Quiet Harbor Therapy")
                    .fill("Your name", "Olivia Owner")
                    .fill("Email", ownerEmail)
                    .fill("Password", Fixtures.PASSWORD)
                    .click("Create your practice")
                    .awaitPath("/home");

            // 1. Go to the Therapists section; click Invite Therapist; full name, email and role.
            owner.click("Therapists").awaitPath("/therapists").awaitText("Olivia Owner");
            owner.screenshot("10-therapists-roster-founder");
            owner.click("Invite Therapist").awaitPath("/therapists/invite");
            owner.click("Send invitation").awaitText("Enter the therapist’s full name.");
            owner.screenshot("11-invite-field-errors");
            owner.fill("Full name", "Tara Therapist").fill("Email", therapistEmail);
            new Select(owner.byLabel("Role")).selectByVisibleText("Associate");
            owner.click("Send invitation").awaitPath("/therapists").awaitText("Invitation sent to Tara Therapist");
            owner.find("#invitation-list").isDisplayed();
            owner.awaitText("Pending");
            owner.screenshot("12-therapists-with-pending-invitation");

            // Resend (an htmx request carrying the CSRF token): a new link; the first one stops working.
            fixtures().awaitMail(therapistEmail, 1);
            owner.click("Resend").awaitText("A new invitation link was sent to " + therapistEmail);
            fixtures().awaitMail(therapistEmail, 2);

            // They receive an email invitation and can accept or decline.
            String token = fixtures().invitationToken(therapistEmail);
            try (Browser invitee = new Browser(base)) {
                invitee.open("/invitations/accept?token=" + token).awaitText("Join Quiet Harbor Therapy");
                assertThat(invitee.find("#invitation-role").getText()).isEqualTo("Associate");
                assertThat(invitee.find("#invitation-inviter").getText()).isEqualTo("Olivia Owner");
                invitee.screenshot("13-invitation-page");
                invitee.fill("Choose a password", Fixtures.PASSWORD)
                        .fill("Repeat the password", "something else entirely")
                        .click("Accept")
                        .awaitText("The two passwords differ.");
                invitee.fill("Choose a password", Fixtures.PASSWORD)
                        .fill("Repeat the password", Fixtures.PASSWORD)
                        .click("Accept")
                        .awaitPath("/home")
                        .awaitText("Welcome to Quiet Harbor Therapy");
                invitee.screenshot("14-therapist-home");
                assertThat(invitee.text()).doesNotContain("Members by status", "Practice settings");
            }

            // Once accepted, the therapist appears in the roster, Active.
            owner.click("Therapists").awaitText("Tara Therapist");
            assertThat(statusOf(owner, therapistEmail)).isEqualTo("Active");
            owner.awaitText("Accepted");

            // 2. Managing therapist status: On Hold, with a confirmation that says what it does.
            WebElement row = rowOf(owner, therapistEmail);
            new Select(row.findElement(By.name("to"))).selectByVisibleText("On Hold");
            row.findElement(By.xpath(".//button[normalize-space()='Change status']"))
                    .click();
            owner.find("#status-confirmation");
            assertThat(owner.find("#status-effect").getText()).contains("take no new sessions");
            owner.screenshot("15-status-confirmation");
            owner.click("Put On Hold").awaitText("Tara Therapist is now On Hold.");
            assertThat(statusOf(owner, therapistEmail)).isEqualTo("On Hold");

            // Filter the roster by status.
            new Select(owner.byLabel("Status")).selectByVisibleText("On Hold");
            owner.await().until(d -> rowCount(owner) == 1);
            assertThat(owner.find("#roster-table").getText()).contains("Tara Therapist");

            // 3. Assigning roles: a custom role with a feature override, assigned from the profile.
            owner.click("Roles").awaitPath("/roles").awaitText("Licensed Therapist");
            owner.click("Create role").awaitPath("/roles/new");
            owner.fill("Display name", "Senior Associate")
                    .fill("Description", "Associate trusted to see all practice clients.");
            owner.byLabel("See all practice clients (never other therapists' direct clients)")
                    .click();
            new Select(owner.byLabel("Billing modifier")).selectByValue("HO");
            owner.byLabel("Requires supervision").click();
            owner.screenshot("16-role-form");
            owner.click("Save role").awaitPath("/roles").awaitText("Senior Associate");
            owner.screenshot("17-roles");

            owner.click("Therapists").click("Tara Therapist").awaitText("Manage");
            new Select(owner.byLabel("Role")).selectByVisibleText("Senior Associate");
            owner.click("Change role").awaitText("Tara Therapist's role is now Senior Associate.");
            assertThat(owner.find("#profile-role").getText()).isEqualTo("Senior Associate");
            owner.screenshot("18-therapist-profile");

            // Practice settings: switch supervision on.
            owner.click("Practice settings").awaitPath("/settings");
            owner.byLabel("Supervision").click();
            owner.click("Save settings").awaitText("Practice settings saved.");
            assertThat(owner.byLabel("Supervision").isSelected()).isTrue();

            // Remove from practice (Tara holds no clients, so nobody needs to take them over).
            owner.click("Therapists").click("Tara Therapist").click("Remove from practice");
            owner.awaitPath("/therapists/").awaitText("Reassign their clients and future sessions to");
            owner.screenshot("20-remove-confirmation");
            owner.click("Remove from practice").awaitText("Tara Therapist was removed from the practice.");
            assertThat(owner.find("#roster-table").getText()).doesNotContain("Tara Therapist");

            // Sign out and back in.
            owner.click("Sign out").awaitText("You signed out.");
            owner.open("/signin")
                    .fill("Email", ownerEmail)
                    .fill("Password", Fixtures.PASSWORD)
                    .click("Sign in")
                    .awaitPath("/home");
            owner.awaitText("Members by status");
            owner.screenshot("19-home-after-team-changes");
        }
    }

    private static WebElement rowOf(Browser browser, String email) {
        return browser.find("#roster-table tr[data-email='" + email + "']");
    }

    private static String statusOf(Browser browser, String email) {
        return rowOf(browser, email)
                .findElement(By.cssSelector(".badge.status"))
                .getText();
    }

    private static int rowCount(Browser browser) {
        return browser.driver()
                .findElements(By.cssSelector("#roster-table tbody tr"))
                .size();
    }
}
