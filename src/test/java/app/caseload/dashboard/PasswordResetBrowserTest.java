package app.caseload.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import app.caseload.support.Browser;
import app.caseload.support.Fixtures;
import app.caseload.support.IntegrationTest;
import jakarta.mail.internet.MimeMessage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * A therapist who forgot the password: "Forgot password?" on the sign-in page, the mail, the
 * new-password form, and signing in with it; the link works once, and a browser that was signed in
 * elsewhere is told why it was signed out.
 */
class PasswordResetBrowserTest extends IntegrationTest {

    private static final Pattern LINK = Pattern.compile("http\\S+/password-reset\\?token=[A-Za-z0-9_\\-]+");
    private static final String NEW_PASSWORD = "lighthouse keeper 1892";

    private Browser browser;
    private Browser elsewhere;

    @BeforeEach
    void openBrowsers() {
        browser = new Browser("http://127.0.0.1:" + port);
        elsewhere = new Browser("http://127.0.0.1:" + port);
    }

    @AfterEach
    void closeBrowsers() {
        browser.close();
        elsewhere.close();
    }

    @Test
    void aForgottenPasswordIsResetThroughTheMailedLink() {
        Fixtures.Member owner = fixtures().signup("Harbor Lights Counseling");
        Fixtures.Member tom = fixtures().join(owner, "Tom Forgetful", "Associate");
        // Signed in on another computer.
        elsewhere
                .open("/signin")
                .fill("Email", tom.email())
                .fill("Password", Fixtures.PASSWORD)
                .click("Sign in")
                .awaitPath("/home");

        browser.open("/signin").click("Forgot password?").awaitPath("/password-reset");
        browser.fill("Email", tom.email()).click("Send reset link");
        browser.awaitText("Check your email");
        assertThat(browser.find("#reset-sent").getText()).contains(tom.email());
        browser.screenshot("60-password-reset-sent");

        // An email without an account gets the very same page.
        browser.open("/password-reset")
                .fill("Email", Fixtures.uniqueEmail("nobody"))
                .click("Send reset link");
        browser.awaitText("Check your email");

        String link = link(fixtures().awaitMail(tom.email(), 2)); // the invitation, then the reset
        browser.open(link).awaitText("Choose a new password");
        browser.fill("New password", "too short")
                .fill("Repeat the new password", "too short")
                .click("Save new password");
        browser.awaitText("at least 12 characters");
        browser.fill("New password", NEW_PASSWORD)
                .fill("Repeat the new password", NEW_PASSWORD + "!")
                .click("Save new password");
        browser.awaitText("The two passwords differ");
        browser.screenshot("61-password-reset-choose");
        browser.fill("New password", NEW_PASSWORD)
                .fill("Repeat the new password", NEW_PASSWORD)
                .click("Save new password");
        browser.awaitPath("/signin");
        assertThat(browser.find("#signin-notice").getText()).contains("Your password was changed");
        browser.screenshot("62-password-reset-done");

        browser.fill("Email", tom.email()).fill("Password", Fixtures.PASSWORD).click("Sign in");
        browser.awaitText("Wrong email or password");
        browser.fill("Email", tom.email()).fill("Password", NEW_PASSWORD).click("Sign in");
        browser.awaitPath("/home");

        // The link works once.
        browser.open(link).awaitText("This link was used or has expired");
        assertThat(browser.driver().findElements(By.id("password"))).isEmpty();
        browser.screenshot("63-password-reset-used");

        // The other computer's sign-in ended, and it says why.
        elsewhere.open("/therapists").awaitPath("/signed-out");
        assertThat(elsewhere.find("#signed-out-reason").getText()).contains("password of your account was changed");
    }

    private static String link(MimeMessage mail) {
        try {
            Matcher m = LINK.matcher((String) mail.getContent());
            if (!m.find()) {
                throw new AssertionError("No reset link in the mail");
            }
            // The mail links to caseload.base-url (localhost); the browser uses 127.0.0.1.
            return m.group().replaceFirst("^http://localhost:", "http://127.0.0.1:");
        } catch (java.io.IOException | jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
