package app.caseload.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import app.caseload.support.Browser;
import app.caseload.support.Fixtures;
import app.caseload.support.IntegrationTest;
import java.time.LocalDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The clinical half of the help article in a fresh practice, through the forms a person uses: add
 * direct and practice clients, schedule a walk-in session, complete it, the intern writes and signs
 * the note, the supervisor sees Direct / Primary / Walk-in and co-signs, and a colleague sees none
 * of the intern's direct clients.
 */
class ClinicalWalkBrowserTest extends IntegrationTest {

    @Test
    void clientsSessionsNotesAndSupervisionFromAFreshPractice() {
        Fixtures.Member owner = fixtures().signup("Cedar Family Therapy");
        Fixtures.Member sam = fixtures().join(owner, "Sam Supervisor", "Supervisor");
        Fixtures.Member ivy = fixtures().join(owner, "Ivy Intern", "Intern");
        Fixtures.Member leah = fixtures().join(owner, "Leah Licensed", "Licensed Therapist");
        api().as(owner.token())
                .patch("/api/v1/practice", Map.of("supervisionEnabled", true))
                .expect(200);
        api().as(owner.token())
                .post("/api/v1/therapists/" + ivy.memberId() + "/supervisors", Map.of("supervisorId", sam.memberId()))
                .expect(201);
        String base = "http://127.0.0.1:" + port;

        String directClient;
        String sessionPath;
        try (Browser admin = signIn(base, owner.email())) {
            // Add clients: one direct for Ivy, one practice client where Ivy is primary, one of Leah's.
            directClient = addClient(admin, "Dana Direct", "DIRECT", "Ivy Intern");
            admin.screenshot("60-client-added");
            addClient(admin, "Paula Primary", "PRACTICE", "Ivy Intern");
            addClient(admin, "Walt Walkin", "PRACTICE", "Leah Licensed");

            // A walk-in: Ivy sees Leah's practice client, yesterday.
            admin.open("/sessions/new").awaitText("Schedule session");
            selectContaining(admin, "Client", "Walt Walkin");
            selectContaining(admin, "Therapist", "Ivy Intern");
            // Typed in the practice's zone (the default, New York): yesterday at 10:00 there.
            LocalDateTime yesterday = java.time.LocalDate.now(java.time.ZoneId.of("America/New_York"))
                    .minusDays(1)
                    .atTime(10, 0);
            setValue(
                    admin,
                    admin.byLabel("Starts (America/New_York)"),
                    yesterday.toString().substring(0, 16));
            admin.fill("Length in minutes", "50");
            admin.click("Schedule session").awaitPath("/sessions/");
            sessionPath = admin.path();
            admin.click("Complete").awaitText("Write the note next");
            admin.screenshot("61-session-completed");
        }

        try (Browser intern = signIn(base, ivy.email())) {
            intern.open(sessionPath).awaitText("Clinical note");
            intern.byLabel("Clinical note").sendKeys("Walk-in for crisis support; safety plan reviewed.");
            intern.click("Sign note").awaitText("Awaiting co-signature");
            intern.screenshot("62-note-awaiting-cosign");
        }

        try (Browser supervisor = signIn(base, sam.email())) {
            supervisor.awaitText("Ivy Intern");
            supervisor
                    .await()
                    .until(d -> d.findElements(By.cssSelector("#supervisees [data-category]"))
                                    .size()
                            >= 3);
            assertThat(supervisor.driver().findElements(By.cssSelector("#supervisees [data-category]")).stream()
                            .map(e -> e.getAttribute("data-category")))
                    .contains("DIRECT", "PRIMARY", "WALK_IN");
            supervisor.screenshot("63-supervisor-three-categories");
            supervisor.open(sessionPath).awaitText("Awaiting co-signature");
            supervisor.click("Co-sign note").awaitText("Co-signed");
            supervisor.screenshot("64-note-cosigned");
        }

        try (Browser colleague = signIn(base, leah.email())) {
            colleague.open("/clients").awaitPath("/clients");
            assertThat(colleague.text()).contains("Walt Walkin").doesNotContain("Dana Direct", "Paula Primary");
            colleague.open(directClient);
            assertThat(colleague.text()).doesNotContain("Dana Direct");
            colleague.screenshot("65-colleague-cannot-open-direct-client");
        }
    }

    private static Browser signIn(String base, String email) {
        Browser browser = new Browser(base);
        browser.open("/signin")
                .fill("Email", email)
                .fill("Password", Fixtures.PASSWORD)
                .click("Sign in")
                .awaitPath("/home");
        return browser;
    }

    /** Adds a client through the form; answers the path of the client's page. */
    private static String addClient(Browser browser, String name, String kind, String therapist) {
        browser.open("/clients/new").awaitText("Add client");
        browser.fill("Full name", name);
        setValue(browser, browser.byLabel("Date of birth"), "1988-03-14");
        browser.clickCss("#kind-" + kind);
        selectContaining(browser, "Assigned or primary therapist", therapist);
        browser.click("Add client").awaitText(name);
        browser.await().until(d -> browser.path().matches("/clients/[0-9a-f-]{36}.*"));
        return browser.path();
    }

    private static void selectContaining(Browser browser, String label, String text) {
        Select select = new Select(browser.byLabel(label));
        WebElement option = select.getOptions().stream()
                .filter(o -> o.getText().contains(text))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No option '" + text + "' in " + label));
        select.selectByValue(option.getAttribute("value"));
    }

    /** Date and time inputs take typed text in the browser's locale; set the ISO value instead. */
    private static void setValue(Browser browser, WebElement input, String value) {
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].value = arguments[1];", input, value);
    }
}
