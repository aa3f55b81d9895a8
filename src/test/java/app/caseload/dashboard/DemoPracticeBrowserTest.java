package app.caseload.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import app.caseload.demo.DemoPractice;
import app.caseload.support.Browser;
import app.caseload.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The demo practice, toured as its owner, its supervisor and a therapist: every clinical page of
 * the dashboard renders real data, and each person sees what the visibility rules let them see.
 */
class DemoPracticeBrowserTest extends IntegrationTest {

    @Autowired
    DemoPractice demo;

    @Test
    void ownerSupervisorAndTherapistSeeTheirPartOfThePractice() {
        demo.seed();
        String base = "http://127.0.0.1:" + port;
        try (Browser owner = signIn(base, DemoPractice.OWNER)) {
            owner.awaitText("Members by status");
            owner.screenshot("30-demo-owner-home");

            // Clients: practice-wide list, filters, next page.
            owner.click("Clients").awaitPath("/clients").find("#client-table");
            owner.screenshot("31-clients-list");
            owner.clickCss("#next-page").awaitPath("/clients?cursor=");
            owner.find("#client-table");
            new Select(owner.byLabel("Risk level")).selectByValue("HIGH");
            owner.click("Show clients");
            owner.await().until(d -> owner.path().contains("risk=HIGH"));
            owner.find("#client-table");
            assertThat(owner.driver().findElements(By.cssSelector("#client-table tbody tr")))
                    .allSatisfy(row -> assertThat(row.getText()).contains("High"));
            owner.screenshot("32-clients-filtered-high-risk");

            // A client's page: set risk, reassign.
            owner.clickCss("#client-table tbody tr a").awaitPath("/clients/").find("#client-name");
            owner.screenshot("33-client-page");
            new Select(owner.byLabel("Risk level")).selectByValue("MODERATE");
            owner.fill("Note (optional)", "Safety plan reviewed.");
            owner.click("Set risk level").awaitText("risk level is now Moderate");
            assertThat(owner.find("#risk-history").getText()).contains("Safety plan reviewed.");
            new Select(owner.byLabel(owner.driver()
                            .findElement(By.cssSelector("label[for=reassign-to]"))
                            .getText()))
                    .selectByVisibleText("Leah Park — Licensed Therapist");
            owner.click("Reassign").awaitText("is now with Leah Park.");
            assertThat(owner.find("#assignment-history").getText()).contains("to Leah Park");

            // Schedule a session: server-side field errors, then a real one.
            owner.click("Schedule session").awaitPath("/sessions/new");
            ((JavascriptExecutor) owner.driver()).executeScript("document.getElementById('durationMinutes').value='';");
            owner.click("Schedule session").awaitText("Enter the date and time the session starts.");
            owner.awaitText("Enter the length in minutes.");
            owner.screenshot("34-schedule-field-errors");
            ((JavascriptExecutor) owner.driver())
                    .executeScript("document.getElementById('startsAt').value='2020-03-02T10:00';"
                            + "document.getElementById('durationMinutes').value='50';");
            owner.click("Schedule session").awaitPath("/sessions/").awaitText("The session was scheduled.");
            owner.screenshot("35-session-scheduled");
            owner.click("Complete").awaitText("The session is marked completed.");
            assertThat(owner.find("#note-status").getText()).isEqualTo("Not written");

            // Pending notes and the audit trail.
            owner.click("Pending notes").awaitPath("/notes/pending").find(".sessions-table");
            owner.screenshot("36-pending-notes");
            owner.click("Audit").awaitPath("/audit").find("#audit-table");
            owner.fill("Client", "Nobody Bythisname").click("Search").awaitText("No client you can see has");
            owner.screenshot("37-audit-field-error");
            owner.click("Clear").find("#audit-table");
            assertThat(owner.find("#export-csv").getAttribute("href")).contains("/audit/export");
            owner.screenshot("38-audit");

            // The supervisee's profile: caseload with the three categories, supervision, sessions.
            owner.click("Therapists").click("Ivy Chen").awaitText("Manage");
            owner.find("#caseload .caseload-table");
            owner.find("#session-history .sessions-table");
            owner.find("#current-supervisors");
            assertThat(owner.find("#caseload").getText()).contains("Direct", "Primary", "Walk-in");
            owner.screenshot("39-supervisee-profile");

            // Supervision from the profile: assign, then end.
            owner.click("Therapists").click("Noah Bennett").awaitText("Manage");
            owner.find("#no-supervisors");
            new Select(owner.byLabel("Assign a supervisor")).selectByVisibleText("Samuel Reyes — Supervisor");
            owner.click("Assign supervisor").awaitText("Samuel Reyes now supervises Noah Bennett.");
            owner.find("#current-supervisors");
            owner.screenshot("44-supervisor-assigned");
            owner.click("End supervision by Samuel Reyes").awaitText("Samuel Reyes no longer supervises Noah Bennett.");

            // Remove from practice: the held clients are listed and all reassigned in the same step.
            owner.click("Remove from practice").awaitText("Reassign their clients and future sessions to");
            owner.find("#held-clients li");
            owner.screenshot("45-remove-with-held-clients");
            new Select(owner.byLabel("Reassign their clients and future sessions to"))
                    .selectByVisibleText("Leah Park — Licensed Therapist");
            owner.click("Remove from practice").awaitText("Noah Bennett was removed from the practice.");
            // The roster may still be swapping in: read it once it has settled.
            String roster = owner.await()
                    .until(d -> d.findElement(org.openqa.selenium.By.id("roster-table"))
                            .getText());
            assertThat(roster).doesNotContain("Noah Bennett");
        }

        try (Browser supervisor = signIn(base, DemoPractice.SUPERVISOR)) {
            supervisor.find("#supervisees-panel [data-supervisee='Ivy Chen']");
            String ivy = supervisor.find("[data-supervisee='Ivy Chen']").getText();
            assertThat(ivy).contains("Direct", "Primary", "Walk-in");
            supervisor.screenshot("40-supervisor-home");
            supervisor.click("Pending notes").find(".sessions-table");
            supervisor.screenshot("41-supervisor-pending-notes");
        }

        try (Browser therapist = signIn(base, DemoPractice.THERAPIST)) {
            therapist.click("Therapists").click("Ivy Chen").find("h1");
            // A colleague's profile offers neither their caseload nor their sessions nor numbers.
            assertThat(therapist.driver().findElements(org.openqa.selenium.By.id("caseload")))
                    .isEmpty();
            assertThat(therapist.driver().findElements(org.openqa.selenium.By.id("session-history")))
                    .isEmpty();
            therapist.screenshot("42-colleague-sees-no-caseload");
            therapist.click("Clients").find("#client-table");
            therapist.screenshot("43-therapist-clients");
        }
    }

    static Browser signIn(String base, String email) {
        Browser browser = new Browser(base);
        browser.open("/signin")
                .fill("Email", email)
                .fill("Password", DemoPractice.PASSWORD)
                .click("Sign in")
                .awaitPath("/home");
        return browser;
    }
}
