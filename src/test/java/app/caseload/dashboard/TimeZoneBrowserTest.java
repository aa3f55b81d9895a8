package app.caseload.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import app.caseload.support.Browser;
import app.caseload.support.Fixtures;
import app.caseload.support.IntegrationTest;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.ChromiumDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * A practice owner in Chicago signs up (the page proposes the browser's zone) and books a session
 * in local time; the session page shows it in Chicago time, the API in UTC.
 */
class TimeZoneBrowserTest extends IntegrationTest {

    private Browser browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void signUpProposesTheBrowsersZoneAndBookingIsInLocalTime() {
        browser = new Browser("http://127.0.0.1:" + port);
        // The browser is in Chicago, whatever the machine's zone.
        ((ChromiumDriver) browser.driver())
                .executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", "America/Chicago"));
        String email = Fixtures.uniqueEmail("chicago");

        browser.open("/start");
        Select zone = new Select(browser.byLabel("Time zone"));
        browser.await()
                .until(d ->
                        "America/Chicago".equals(zone.getFirstSelectedOption().getAttribute("value")));
        browser.fill("Practice name", "Lakeshore Counseling")
                .fill("Your name", "Olivia Owens")
                .fill("Email", email)
                .fill("Password", Fixtures.PASSWORD);
        browser.screenshot("tz-10-sign-up-proposes-chicago");
        browser.click("Create your practice").awaitPath("/home");

        String token = api().post("/api/v1/auth/login", Map.of("email", email, "password", Fixtures.PASSWORD))
                .expect(200)
                .field("token");
        assertThat(api().as(token).get("/api/v1/practice").expect(200).field("timeZone"))
                .isEqualTo("America/Chicago");
        String me = api().as(token).get("/api/v1/me").expect(200).field("memberId");
        String client = api().as(token)
                .post(
                        "/api/v1/clients",
                        Map.of(
                                "fullName",
                                "Casey Local",
                                "dateOfBirth",
                                "1988-02-03",
                                "kind",
                                "DIRECT",
                                "therapistId",
                                me))
                .expect(201)
                .field("id");

        browser.open("/sessions/new?client=" + client);
        WebElement startsAt = browser.byLabel("Starts (America/Chicago)");
        ((JavascriptExecutor) browser.driver())
                .executeScript("arguments[0].value = arguments[1];", startsAt, "2026-03-09T10:00");
        browser.screenshot("tz-20-book-in-local-time");
        browser.click("Schedule session").awaitText("The session was scheduled.");
        browser.awaitText("March 9, 2026 at 10:00 CDT");
        browser.screenshot("tz-30-session-in-chicago-time");

        String sessionPath = browser.path();
        String id = sessionPath.substring(sessionPath.lastIndexOf('/') + 1);
        assertThat(Instant.parse(api().as(token)
                        .get("/api/v1/sessions/" + id)
                        .expect(200)
                        .field("startsAt")))
                .isEqualTo(Instant.parse("2026-03-09T15:00:00Z"));

        // Moving the practice to Berlin in Settings: the same moment, shown in Berlin time.
        browser.open("/settings");
        new Select(browser.byLabel("Time zone")).selectByValue("Europe/Berlin");
        browser.click("Save settings").awaitText("Practice settings saved.");
        assertThat(new Select(browser.byLabel("Time zone"))
                        .getFirstSelectedOption()
                        .getAttribute("value"))
                .isEqualTo("Europe/Berlin");
        browser.open(sessionPath).awaitText("March 9, 2026 at 16:00 CET");
        browser.screenshot("tz-40-same-session-in-berlin-time");
    }
}
