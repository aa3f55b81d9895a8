package app.caseload.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import app.caseload.support.Browser;
import app.caseload.support.Fixtures;
import app.caseload.support.Fixtures.Member;
import app.caseload.support.IntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The audit page's client picker in headless Chromium: typing part of a name brings the matching
 * clients (htmx), choosing one and searching filters the trail by that client, named in the field.
 */
class AuditClientPickerBrowserTest extends IntegrationTest {

    @Test
    void anAdminFiltersTheTrailByAClientChosenByName() {
        Member admin = fixtures().signup("Picker Walk Practice");
        Member tia = fixtures().join(admin, "Tia Therapist", "Licensed Therapist");
        String ada = fixtures().directClient(admin, "Ada Alder", tia);
        fixtures().directClient(admin, "Adam Ash", tia);
        fixtures().directClient(admin, "Bea Birch", tia);

        try (Browser browser = new Browser("http://127.0.0.1:" + port)) {
            browser.open("/signin")
                    .fill("Email", admin.email())
                    .fill("Password", Fixtures.PASSWORD)
                    .click("Sign in")
                    .awaitPath("/home");
            browser.click("Audit").awaitPath("/audit").find("#audit-table");
            browser.byLabel("Client").sendKeys("ad");
            browser.awaitText("Choose the client");
            List<String> offered = browser.driver().findElements(By.cssSelector("#a-client-choices label")).stream()
                    .map(WebElement::getText)
                    .toList();
            assertThat(offered).hasSize(2);
            assertThat(offered.get(0)).startsWith("Ada Alder");
            assertThat(offered.get(1)).startsWith("Adam Ash");
            browser.screenshot("audit-picker-choices");

            browser.driver()
                    .findElement(By.cssSelector("#a-client-choices input[value='" + ada + "']"))
                    .click();
            browser.click("Search").awaitPath("/audit?").find("#audit-table");
            assertThat(browser.byLabel("Client").getAttribute("value")).isEqualTo("Ada Alder");
            assertThat(browser.path()).contains("client=" + ada);
            List<String> records =
                    browser.driver().findElements(By.cssSelector("#audit-table td[data-label=Record] a")).stream()
                            .map(a -> a.getAttribute("href"))
                            .distinct()
                            .toList();
            assertThat(records).isNotEmpty().allMatch(href -> href.endsWith("/clients/" + ada));
            browser.screenshot("audit-picker-filtered");
        }
    }
}
