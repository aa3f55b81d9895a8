package app.caseload.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import app.caseload.support.Browser;
import app.caseload.support.Fixtures;
import app.caseload.support.Fixtures.Member;
import app.caseload.support.IntegrationTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * The dashboard on a 390 × 844 phone, in headless Chromium: every main page fits the screen's width
 * (no sideways scrolling, with long names, addresses and notes in it), the sections sit behind a Menu
 * button that is closed on every page and opens when pressed, and error pages keep the signed-in
 * header. Screenshots of each page go to {@code target/screenshots/phone-*.png} and {@code
 * error-*.png}.
 */
class PhoneLayoutBrowserTest extends IntegrationTest {

    private static final int WIDTH = 390;
    private static final int HEIGHT = 844;

    /** Elements reaching past the right edge of the window, for a failure message that says where. */
    private static final String TOO_WIDE = """
            var w = window.innerWidth, out = [];
            document.querySelectorAll('body *').forEach(function (e) {
              var r = e.getBoundingClientRect();
              if (r.width > 0 && r.right > w + 0.5) {
                var c = typeof e.className === 'string' && e.className.trim() ? '.' + e.className.trim().split(/\\s+/).join('.') : '';
                out.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + c + ' (' + Math.round(r.right) + ')');
              }
            });
            return out.slice(0, 10).join(', ');""";

    @Test
    void everyMainPageFitsAPhoneAndTheMenuOpensWithItsButton() {
        World w = world();
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("home", "/home");
        pages.put("clients", "/clients");
        pages.put("client", "/clients/" + w.client());
        pages.put("therapists", "/therapists");
        pages.put("therapist", "/therapists/" + w.therapist().memberId());
        pages.put("caseload", "/therapists/" + w.therapist().memberId() + "/caseload");
        pages.put("roles", "/roles");
        pages.put("role", "/roles/" + w.roleId());
        pages.put("audit", "/audit");
        pages.put("settings", "/settings");
        pages.put("pending-notes", "/notes/pending");
        pages.put("session", "/sessions/" + w.session());
        pages.put("invitations", "/therapists/invitations");
        pages.put("add-client", "/clients/new");
        pages.put("schedule-session", "/sessions/new");
        pages.put("import-clients", "/clients/import");
        pages.put("two-step-sign-in", "/account/mfa");
        pages.put("not-found", "/clients/" + UUID.randomUUID());

        try (Browser phone = signIn(w.admin())) {
            List<String> tooWide = new ArrayList<>();
            int n = 0;
            for (var page : pages.entrySet()) {
                phone.open(page.getValue()).find("main");
                long scrollWidth = number(phone, "return document.documentElement.scrollWidth");
                long innerWidth = number(phone, "return window.innerWidth");
                assertThat(innerWidth).isEqualTo(WIDTH);
                if (scrollWidth > innerWidth) {
                    tooWide.add(page.getKey() + " is " + scrollWidth + " px wide: " + script(phone, TOO_WIDE));
                }
                // Closed on every page: the sections are not shown until the button is pressed.
                assertThat(menuOpen(phone)).as(page.getKey() + ": menu open").isFalse();
                assertThat(menuLinkShown(phone, "Clients"))
                        .as(page.getKey() + ": a section link shown with the menu closed")
                        .isFalse();
                assertThat(phone.find("#menu-button").isDisplayed()).isTrue();
                // The header (brand, Menu, the signed-in person) is a strip, not a third of the screen.
                long header = number(phone, "return document.querySelector('header.top').offsetHeight");
                assertThat(header).as(page.getKey() + ": header height").isLessThan(HEIGHT / 6);
                phone.screenshot(String.format("phone-%02d-%s", ++n, page.getKey()));
            }
            assertThat(tooWide).as("pages wider than a %d px phone", WIDTH).isEmpty();

            // The menu opens with its button, lists every section, and takes the person there.
            phone.open("/clients/" + w.client()).find("h1");
            phone.clickCss("#menu-button");
            assertThat(menuOpen(phone)).isTrue();
            for (String section :
                    List.of("Home", "Therapists", "Clients", "Pending notes", "Audit", "Roles", "Practice settings")) {
                assertThat(menuLinkShown(phone, section)).as(section).isTrue();
            }
            assertThat(number(phone, "return document.documentElement.scrollWidth"))
                    .as("width with the menu open")
                    .isLessThanOrEqualTo(WIDTH);
            phone.screenshot("phone-90-menu-open");
            phone.clickCss("#menu-button");
            assertThat(menuOpen(phone)).as("closed again by the same button").isFalse();
            phone.clickCss("#menu-button").click("Therapists").awaitPath("/therapists");
            phone.awaitText(w.therapistName());
            assertThat(menuOpen(phone)).as("closed on the page it led to").isFalse();
            phone.screenshot("phone-91-menu-followed");
        }
    }

    @Test
    void errorPagesKeepTheSignedInHeaderAndSayWhatHappened() {
        Member admin = fixtures().signup("Error Walk Practice");
        Member tia = fixtures().join(admin, "Tia Therapist", "Licensed Therapist");
        String base = "http://127.0.0.1:" + port;
        record Case(String name, String path, String heading, String says) {}
        List<Case> cases = List.of(
                new Case(
                        "404-unknown-address",
                        "/no/such/page",
                        "This page does not exist",
                        "The page you asked for is not here, or you may not see it."),
                new Case(
                        "404-invisible-client",
                        "/clients/" + UUID.randomUUID(),
                        "This page does not exist",
                        "This client does not exist."),
                new Case("403-admins-only", "/roles/new", "You may not do this", "Only practice admins may do this."));
        for (int[] size : new int[][] {{1280, 900}, {WIDTH, HEIGHT}}) {
            try (Browser browser = new Browser(base, size[0], size[1])) {
                browser.open("/signin")
                        .fill("Email", tia.email())
                        .fill("Password", Fixtures.PASSWORD)
                        .click("Sign in")
                        .awaitPath("/home");
                for (Case c : cases) {
                    browser.open(c.path());
                    assertThat(browser.find("h1").getText()).as(c.name()).isEqualTo(c.heading());
                    assertThat(browser.find("main").getText()).as(c.name()).contains(c.says());
                    // The header is still the signed-in one: the person's name and Sign out, no Sign in.
                    WebElement header = browser.find("header.top");
                    assertThat(browser.find("header.top .who-name").getText())
                            .as(c.name())
                            .isEqualTo("Tia Therapist");
                    assertThat(browser.find("#sign-out").isDisplayed()).isTrue();
                    assertThat(header.getText()).as(c.name()).doesNotContain("Sign in");
                    assertThat(header.getText()).contains("Error Walk Practice");
                    assertThat(number(browser, "return document.documentElement.scrollWidth"))
                            .as(c.name() + " width")
                            .isLessThanOrEqualTo(size[0]);
                    browser.screenshot("error-" + c.name() + "-" + size[0]);
                }
                // Still signed in after them: Home opens, not the sign-in page.
                browser.click("Go to Home").awaitPath("/home").awaitText("Tia Therapist");
            }
        }
    }

    // ---- the world ------------------------------------------------------------------------------------

    /** A practice with long names, a long address and a long note: what makes a phone page too wide. */
    private record World(
            Member admin, Member therapist, String therapistName, String client, String session, String roleId) {}

    private World world() {
        Member admin = fixtures().signup("Riverbend Family and Couples Counseling Collective");
        String maxName = "Maximiliana Featherstonehaugh-Worthington";
        Member max = fixtures().join(admin, maxName, "Licensed Therapist");
        Member ivy = fixtures().join(admin, "Ivy Intern", "Intern");
        var as = api().as(admin.token());
        String client = as.post(
                        "/api/v1/clients",
                        Map.of(
                                "fullName", "Alexandria Constantinopoulou-Vandersteen",
                                "dateOfBirth", "1987-02-14",
                                "email", "alexandria.constantinopoulou-vandersteen@riverbend-counseling-collective.org",
                                "phone", "+1 (555) 010-0199 extension 4412",
                                "kind", "DIRECT",
                                "therapistId", ivy.memberId()))
                .expect(201)
                .field("id");
        as.post("/api/v1/clients/" + client + "/reassign", Map.of("therapistId", max.memberId()))
                .expect(200);
        as.put(
                        "/api/v1/clients/" + client + "/risk",
                        Map.of(
                                "level",
                                "MODERATE",
                                "note",
                                "Reported-sleeplessness-and-withdrawal-since-the-move;-safety-plan-reviewed-and-agreed"
                                        + "-with-family-members-present-at-the-intake-appointment."))
                .expect(200);
        String session = as.post(
                        "/api/v1/sessions",
                        Map.of(
                                "clientId",
                                client,
                                "therapistId",
                                max.memberId(),
                                "startsAt",
                                Instant.now()
                                        .truncatedTo(ChronoUnit.HOURS)
                                        .minus(2, ChronoUnit.DAYS)
                                        .toString(),
                                "durationMinutes",
                                50,
                                "serviceCode",
                                "90834"))
                .expect(201)
                .field("id");
        as.post("/api/v1/sessions/" + session + "/complete", null).expect(200);
        api().as(max.token())
                .put(
                        "/api/v1/sessions/" + session + "/note",
                        Map.of("text", "Discussed-the-transition-plan-in-detail;-homework:-sleep-diary-for-two-weeks."))
                .expect(200);
        String roleId = fixtures().roleId(admin, "Intern");
        return new World(admin, max, maxName, client, session, roleId);
    }

    // ---- helpers --------------------------------------------------------------------------------------

    private Browser signIn(Member who) {
        Browser phone = new Browser("http://127.0.0.1:" + port, WIDTH, HEIGHT);
        phone.open("/signin")
                .fill("Email", who.email())
                .fill("Password", Fixtures.PASSWORD)
                .click("Sign in")
                .awaitPath("/home");
        return phone;
    }

    private static boolean menuOpen(Browser browser) {
        return browser.driver().findElement(By.id("menu")).getAttribute("open") != null;
    }

    private static boolean menuLinkShown(Browser browser, String text) {
        return browser.driver().findElements(By.cssSelector("#menu nav a")).stream()
                .anyMatch(a -> a.isDisplayed() && a.getText().strip().equals(text));
    }

    private static long number(Browser browser, String script) {
        return ((Number) ((JavascriptExecutor) browser.driver()).executeScript(script)).longValue();
    }

    private static Object script(Browser browser, String script) {
        return ((JavascriptExecutor) browser.driver()).executeScript(script);
    }
}
