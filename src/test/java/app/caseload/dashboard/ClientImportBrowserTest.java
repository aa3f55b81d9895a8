package app.caseload.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import app.caseload.support.Browser;
import app.caseload.support.Fixtures;
import app.caseload.support.IntegrationTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * A practice owner moves in from another system: "Import clients" on the Clients page, a file
 * with mistakes is checked (every problem shown by line, nothing added), the corrected file is
 * checked and imported, and "Export CSV" hands the same columns back. A therapist whose role may
 * not import or export is offered neither.
 */
class ClientImportBrowserTest extends IntegrationTest {

    static final String HEADER = "full_name,date_of_birth,email,phone,kind,therapist_email,status\r\n";

    @Test
    void anOwnerChecksAFileSeesItsProblemsThenImportsTheCorrectedOne() throws IOException {
        Fixtures.Member owner = fixtures().signup("Birch Street Counseling");
        Fixtures.Member tess = fixtures().join(owner, "Tess Therapist", "Licensed Therapist");
        String base = "http://127.0.0.1:" + port;
        Path dir = Files.createTempDirectory("caseload-import-");
        Path withMistakes = dir.resolve("clients-with-mistakes.csv");
        Files.writeString(
                withMistakes,
                HEADER
                        + "Avery Stone,1984-07-21,avery@example.test,555-0101,DIRECT," + tess.email() + ",\r\n"
                        + "Blake Moss,21/07/1990,,,DIRECT," + tess.email() + ",\r\n"
                        + "Casey Fern,1979-02-03,,,GROUP,nobody@example.test,\r\n",
                StandardCharsets.UTF_8);
        Path corrected = dir.resolve("clients.csv");
        Files.writeString(
                corrected,
                HEADER
                        + "Avery Stone,1984-07-21,avery@example.test,555-0101,DIRECT," + tess.email() + ",\r\n"
                        + "Blake Moss,1990-07-21,,,DIRECT," + tess.email() + ",\r\n"
                        + "Casey Fern,1979-02-03,,,PRACTICE," + owner.email() + ",\r\n",
                StandardCharsets.UTF_8);

        try (Browser browser = signIn(base, owner.email())) {
            browser.open("/clients").awaitText("Clients");
            assertThat(browser.driver().findElements(By.id("export-clients"))).hasSize(1);
            browser.click("Import clients").awaitPath("/clients/import");
            browser.awaitText("Import clients");
            browser.screenshot("import-10-upload-page");

            // Choosing the file checks it at once: every problem by line, and no Import button.
            choose(browser, withMistakes);
            browser.awaitText("3 problems");
            String problems = browser.find("#problem-table").getText();
            assertThat(problems)
                    .contains("3 date_of_birth must be a date written YYYY-MM-DD")
                    .contains("4 kind must be DIRECT or PRACTICE")
                    .contains("4 therapist_email is not a therapist of this practice");
            assertThat(browser.find("#preview-table tr[data-line='3']").getAttribute("class"))
                    .contains("has-problem");
            assertThat(browser.driver().findElements(By.id("import-button"))).isEmpty();
            browser.screenshot("import-20-dry-run-with-problems");
            assertThat(clientCount(owner)).isZero();

            // The corrected file: a clean preview, then "Import 3 clients".
            choose(browser, corrected);
            browser.awaitText("The file holds 3 clients");
            assertThat(browser.find("#preview-table").getText()).contains("Avery Stone", "Blake Moss", "Casey Fern");
            browser.screenshot("import-30-dry-run-clean");
            assertThat(clientCount(owner)).isZero();
            browser.click("Import 3 clients").awaitPath("/clients");
            browser.awaitText("3 clients were imported.");
            assertThat(browser.find("#client-table").getText()).contains("Avery Stone", "Blake Moss", "Casey Fern");
            browser.screenshot("import-40-imported");
            assertThat(clientCount(owner)).isEqualTo(3);

            // "Export CSV" gives the same columns back, from the signed-in page.
            String exported = (String) ((JavascriptExecutor) browser.driver())
                    .executeAsyncScript("const done = arguments[arguments.length - 1];"
                            + "fetch(document.getElementById('export-clients').href)"
                            + ".then(r => r.text()).then(done, e => done('failed: ' + e));");
            // (Line ends as the driver hands the text over.)
            assertThat(exported.replace("\r\n", "\n"))
                    .startsWith(HEADER.replace("\r\n", "\n"))
                    .contains("Avery Stone,1984-07-21,avery@example.test,555-0101,DIRECT," + tess.email() + ",ACTIVE")
                    .contains("Casey Fern,1979-02-03,,,PRACTICE," + owner.email() + ",ACTIVE");
        }

        try (Browser browser = signIn(base, tess.email())) {
            // A Licensed Therapist may add clients but not export them: neither link, and the page refuses.
            browser.open("/clients").awaitText("Clients");
            assertThat(browser.driver().findElements(By.id("import-clients"))).isEmpty();
            assertThat(browser.driver().findElements(By.id("export-clients"))).isEmpty();
            browser.open("/clients/import").awaitText("You may not do this");
            browser.screenshot("import-50-therapist-refused");
        }
    }

    private static void choose(Browser browser, Path file) {
        WebElement input = browser.find("#file");
        input.clear();
        input.sendKeys(file.toAbsolutePath().toString());
    }

    private long clientCount(Fixtures.Member owner) {
        return jdbc.sql("select count(*) from client where practice_id = ?::uuid")
                .param(owner.practiceId())
                .query(Long.class)
                .single();
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
}
