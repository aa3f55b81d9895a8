package app.caseload.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import app.caseload.support.Browser;
import app.caseload.support.Fixtures;
import app.caseload.support.IntegrationTest;
import app.caseload.support.TotpCodes;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The dashboard signs in through the same rules as the API: a member with a second factor needs a
 * code, and a member whom the practice requires to have one sets it up before anything else.
 */
class TwoStepSignInBrowserTest extends IntegrationTest {

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
    void aMemberWithASecondFactorNeedsTheCodeToSignIn() {
        Fixtures.Member owner = fixtures().signup("Two Step Practice");
        String secret = api().as(owner.token())
                .post("/api/v1/me/mfa/enrol", null)
                .expect(200)
                .field("secret");
        api().as(owner.token())
                .post("/api/v1/me/mfa/confirm", Map.of("code", code(secret, 0)))
                .expect(200);

        browser.open("/signin")
                .fill("Email", owner.email())
                .fill("Password", Fixtures.PASSWORD)
                .click("Sign in");
        browser.awaitText("Enter the 6-digit code");
        browser.open("/home").awaitPath("/signin"); // the password alone signed nobody in
        browser.fill("Email", owner.email()).fill("Password", Fixtures.PASSWORD).click("Sign in");
        browser.awaitText("Enter the 6-digit code").fill("Code", "000000").click("Sign in");
        browser.awaitText("The code is wrong");
        browser.screenshot("50-two-step-code");
        browser.fill("Code", code(secret, 1)).click("Sign in").awaitPath("/home");
    }

    @Test
    void aPracticeThatRequiresItHasMembersSetItUpFirst() {
        Fixtures.Member owner = fixtures().signup("Strict Practice");
        Fixtures.Member tom = fixtures().join(owner, "Tom Therapist", "Licensed Therapist");
        api().as(owner.token())
                .patch("/api/v1/practice", Map.of("mfaRequired", "EVERYONE"))
                .expect(200);

        browser.open("/signin")
                .fill("Email", tom.email())
                .fill("Password", Fixtures.PASSWORD)
                .click("Sign in");
        browser.awaitPath("/account/mfa").awaitText("Your practice requires two-step sign-in");
        browser.open("/therapists").awaitPath("/account/mfa"); // nothing else opens yet
        browser.click("Set up two-step sign-in").awaitText("Scan this code");
        assertThat(browser.find("img.qr").getAttribute("src")).startsWith("data:image/svg+xml");
        browser.screenshot("51-two-step-setup");
        String secret = browser.find(By.id("mfa-secret")).getText();
        browser.fill("Code from the app", code(secret, 0)).click("Turn on two-step sign-in");
        browser.awaitText("Your recovery codes");
        assertThat(browser.driver().findElements(By.cssSelector("#recovery-codes li")))
                .hasSizeGreaterThanOrEqualTo(8);
        browser.screenshot("52-two-step-recovery-codes");

        browser.click("Sign in again").awaitPath("/signin");
        browser.fill("Email", tom.email()).fill("Password", Fixtures.PASSWORD).click("Sign in");
        browser.awaitText("Enter the 6-digit code")
                .fill("Code", code(secret, 1))
                .click("Sign in");
        browser.awaitPath("/home").open("/therapists").awaitPath("/therapists");
    }

    private static String code(String base32Secret, int stepOffset) {
        return TotpCodes.now(base32Secret, stepOffset);
    }
}
