package app.caseload.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import app.caseload.support.Browser;
import app.caseload.support.Fixtures;
import app.caseload.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SignInBrowserTest extends IntegrationTest {

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
    void createsAPracticeSignsOutAndSignsInAgain() {
        String email = Fixtures.uniqueEmail("founder");
        browser.open("/").awaitText("Create your practice");
        browser.screenshot("01-start");
        browser.fill("Practice name", "Harbor Light Counseling")
                .fill("Your name", "Hannah Harbor")
                .fill("Email", email)
                .fill("Password", "short");
        browser.click("Create your practice").awaitText("Use between 12 and 256 characters.");
        browser.screenshot("02-start-field-error");
        browser.fill("Password", Fixtures.PASSWORD).click("Create your practice");
        browser.awaitPath("/home").awaitText("Members by status");
        assertThat(browser.text()).contains("Harbor Light Counseling", "Hannah Harbor");
        browser.screenshot("03-home-admin");

        browser.click("Sign out").awaitPath("/signed-out").awaitText("You signed out.");
        browser.open("/therapists").awaitPath("/signin");
        browser.fill("Email", email).fill("Password", "wrong password entirely").click("Sign in");
        browser.awaitText("Wrong email or password.");
        browser.screenshot("04-signin-refused");
        browser.fill("Email", email).fill("Password", Fixtures.PASSWORD).click("Sign in");
        browser.awaitPath("/home").awaitText("Hannah Harbor");
    }

    @Test
    void pagesWorkAtPhoneWidth() {
        Fixtures.Member owner = fixtures().signup("Pocket Practice");
        fixtures().join(owner, "Phil Phone", "Intern");
        try (Browser phone = new Browser("http://127.0.0.1:" + port, 390, 844)) {
            phone.open("/signin")
                    .fill("Email", owner.email())
                    .fill("Password", Fixtures.PASSWORD)
                    .click("Sign in")
                    .awaitPath("/home");
            // The sections are behind the menu button at phone width.
            phone.clickCss("#menu-button").click("Therapists").awaitText("Phil Phone");
            phone.screenshot("05-therapists-phone");
            // No sideways scrolling at phone width.
            Object overflow = ((org.openqa.selenium.JavascriptExecutor) phone.driver())
                    .executeScript("return document.documentElement.scrollWidth > window.innerWidth + 1");
            assertThat(overflow).isEqualTo(false);
        }
    }
}
