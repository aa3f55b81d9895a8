package app.caseload.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import app.caseload.security.DashboardClient;
import app.caseload.support.Api;
import app.caseload.support.Fixtures;
import app.caseload.support.Fixtures.Member;
import app.caseload.support.IntegrationTest;
import app.caseload.support.StatementCounter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The client list says how many clients it holds (for a filtered list, how many match) and can be
 * sorted by name A–Z or Z–A, keyset-paged in either order. What each person is shown is compared
 * with what they may see: the total is the number of their visible clients, the rows are exactly
 * those clients, in the order asked for, across pages.
 */
class ClientListTotalsTest extends IntegrationTest {

    private static final Pattern ROW = Pattern.compile("data-client=\"([^\"]+)\"");
    private static final Pattern NEXT = Pattern.compile("href=\"([^\"]+)\" id=\"next-page\"");

    /** A practice: Tia holds four clients (one discharged), Olly two, the admin one practice client. */
    private record World(Member admin, Member tia, Member olly, List<String> tiasNames, List<String> allNames) {}

    private World world(String practice) {
        Member admin = fixtures().signup(practice);
        Member tia = fixtures().join(admin, "Tia Therapist", "Licensed Therapist");
        Member olly = fixtures().join(admin, "Olly Other", "Licensed Therapist");
        List<String> tias = List.of("Abe Alder", "Bea Birch", "Cal Cedar", "Dee Dogwood");
        for (String name : tias) {
            client(admin, name, "DIRECT", tia);
        }
        String dee = api().as(admin.token())
                .get("/api/v1/clients?q=Dee")
                .expect(200)
                .json()
                .path("items")
                .get(0)
                .path("id")
                .asString();
        api().as(admin.token())
                .patch("/api/v1/clients/" + dee, Map.of("status", "DISCHARGED"))
                .expect(200);
        client(admin, "Eve Elm", "DIRECT", olly);
        client(admin, "Fay Fir", "DIRECT", olly);
        client(admin, "Gus Gum", "PRACTICE", admin);
        List<String> all = new ArrayList<>(tias);
        all.addAll(List.of("Eve Elm", "Fay Fir", "Gus Gum"));
        return new World(admin, tia, olly, tias, all);
    }

    @Test
    void theTotalIsWhatThePersonMaySeeAndAFilterCountsItsMatches() {
        World w = world("Totals Practice");
        DashboardClient admin = browser(w.admin(), "10.9.4.1");
        DashboardClient tia = browser(w.tia(), "10.9.4.2");
        DashboardClient olly = browser(w.olly(), "10.9.4.3");

        // The admin's whole list: every client of the practice, Discharged too.
        DashboardClient.Answer all = admin.get("/clients");
        assertThat(rows(all)).containsExactlyElementsOf(sorted(w.allNames(), false));
        assertThat(total(all)).isEqualTo("7 clients");
        assertThat(total(admin.get("/clients?status=ACTIVE"))).isEqualTo("6 clients match");
        List<String> withA =
                w.allNames().stream().filter(n -> n.toLowerCase().contains("a")).toList();
        DashboardClient.Answer searched = admin.get("/clients?q=a");
        assertThat(rows(searched)).containsExactlyElementsOf(sorted(withA, false));
        assertThat(total(searched)).isEqualTo(withA.size() + " clients match");
        assertThat(total(admin.get("/clients?q=gum"))).isEqualTo("1 client matches");
        assertThat(total(admin.get("/clients?therapist=" + w.olly().memberId())))
                .isEqualTo("2 clients match");
        assertThat(admin.get("/clients?q=nobody").text())
                .contains("No client matches these filters.")
                .doesNotContain("0 clients");

        // A therapist's total counts their own caseload only, through the same rule as the rows.
        DashboardClient.Answer own = tia.get("/clients");
        assertThat(rows(own)).containsExactlyElementsOf(sorted(w.tiasNames(), false));
        assertThat(total(own)).isEqualTo("4 clients");
        assertThat(total(tia.get("/clients?status=ACTIVE"))).isEqualTo("3 clients match");
        assertThat(total(olly.get("/clients"))).isEqualTo("2 clients");
        assertThat(rows(olly.get("/clients"))).containsExactly("Eve Elm", "Fay Fir");
    }

    @Test
    void theAdminsWholeListIsCountedFromThePracticesKeptNumbers() {
        World w = world("Kept Total Practice");
        DashboardClient admin = browser(w.admin(), "10.9.4.4");
        admin.get("/clients");
        List<String> whole = StatementCounter.during(
                () -> assertThat(total(admin.get("/clients"))).isEqualTo("7 clients"));
        assertThat(whole).anyMatch(sql -> sql.contains("from practice_count"));
        assertThat(whole).noneMatch(sql -> sql.contains("count(*) from (select 1 from client"));
        List<String> filtered = StatementCounter.during(
                () -> assertThat(total(admin.get("/clients?kind=DIRECT"))).isEqualTo("6 clients match"));
        assertThat(filtered).anyMatch(sql -> sql.contains("count(*) from (select 1 from client"));
    }

    @Test
    void namesRunZToAPageByPageAndACursorKeepsTheOrderItWasIssuedFor() {
        World w = world("Sorted Practice");
        List<String> all = new ArrayList<>(w.allNames());
        // More than a dashboard page (25) so that the Z–A order pages.
        for (int i = 1; i <= 22; i++) {
            String name = String.format("Zed %02d", i);
            client(w.admin(), name, "DIRECT", w.olly());
            all.add(name);
        }

        // API: walked two at a time, Z–A, each caller gets exactly their clients in reverse order.
        assertThat(walk(w.admin(), "sort=-name")).containsExactlyElementsOf(sorted(all, true));
        assertThat(walk(w.admin(), "sort=name")).containsExactlyElementsOf(sorted(all, false));
        assertThat(walk(w.admin(), "sort=-name&kind=PRACTICE")).containsExactly("Gus Gum");
        assertThat(walk(w.tia(), "sort=-name")).containsExactlyElementsOf(sorted(w.tiasNames(), true));
        assertThat(walk(w.tia(), "sort=-name&status=ACTIVE")).containsExactly("Cal Cedar", "Bea Birch", "Abe Alder");

        // A cursor is refused by another order, and an unknown order is refused with the field named.
        Api as = api().as(w.admin().token());
        String descending =
                as.get("/api/v1/clients?sort=-name&limit=2").expect(200).field("nextCursor");
        String ascending = as.get("/api/v1/clients?limit=2").expect(200).field("nextCursor");
        assertThat(as.get("/api/v1/clients?limit=2&cursor=" + enc(descending))
                        .expect(400)
                        .problemType())
                .endsWith("invalid-cursor");
        assertThat(as.get("/api/v1/clients?sort=-name&limit=2&cursor=" + enc(ascending))
                        .expect(400)
                        .problemType())
                .endsWith("invalid-cursor");
        Api.Response sideways = as.get("/api/v1/clients?sort=sideways").expect(400);
        assertThat(sideways.json().path("errors").get(0).path("field").asString())
                .isEqualTo("sort");
        // A cursor from before the list had orders (no order in front) still pages A–Z.
        String legacy = ascending.substring(ascending.indexOf('.') + 1);
        assertThat(as.get("/api/v1/clients?limit=2&cursor=" + enc(legacy))
                        .expect(200)
                        .json()
                        .path("items"))
                .hasSize(2);

        // Dashboard: Z–A over two pages, the next page link keeping the order.
        DashboardClient admin = browser(w.admin(), "10.9.4.5");
        DashboardClient.Answer first = admin.get("/clients?sort=-name");
        assertThat(first.status()).isEqualTo(200);
        assertThat(total(first)).isEqualTo("29 clients");
        assertThat(first.body()).contains("<option value=\"-name\" selected=\"selected\">Name Z–A</option>");
        Matcher next = NEXT.matcher(first.body());
        assertThat(next.find()).isTrue();
        String nextUrl = next.group(1).replace("&amp;", "&");
        assertThat(nextUrl).contains("sort=-name").contains("cursor=");
        DashboardClient.Answer second = admin.get(nextUrl);
        List<String> shown = new ArrayList<>(rows(first));
        shown.addAll(rows(second));
        assertThat(rows(first)).hasSize(25);
        assertThat(shown).containsExactlyElementsOf(sorted(all, true));
        assertThat(second.body()).doesNotContain("id=\"next-page\"");

        // The Name column heading turns the order around.
        assertThat(first.body()).contains("href=\"/clients\" id=\"sort-by-name\"");
        assertThat(admin.get("/clients").body()).contains("href=\"/clients?sort=-name\" id=\"sort-by-name\"");

        // A Z–A cursor in the A–Z list, or one this server never issued: 400, the list from the top.
        String zaCursor = nextUrl.substring(nextUrl.indexOf("cursor=") + "cursor=".length());
        for (String bad : List.of(
                "/clients?cursor=" + zaCursor, "/clients?sort=-name&cursor=bm90LWEtY3Vyc29y", "/clients?cursor=x.")) {
            DashboardClient.Answer refused = admin.get(bad);
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.text()).as(bad).contains("That page link is no longer valid");
            assertThat(rows(refused)).as(bad).hasSize(25);
        }
    }

    @Test
    void aCountStopsAfterTenThousandSoNoPageReadsAWholeBigPractice() {
        Member admin = fixtures().signup("Big Count Practice");
        jdbc.sql("""
                        insert into client (practice_id, id, full_name, date_of_birth, kind, therapist_id, created_by)
                        select cast(:practice as uuid), gen_random_uuid(), 'Bulk Client ' || g, date '1990-01-01',
                               'DIRECT', cast(:admin as uuid), cast(:admin as uuid)
                        from generate_series(1, 10001) g""")
                .param("practice", admin.practiceId())
                .param("admin", admin.memberId())
                .update();
        DashboardClient browser = browser(admin, "10.9.4.6");
        // The whole list is the kept number, exact however big; a search counts as far as 10,000.
        assertThat(total(browser.get("/clients"))).isEqualTo("10,001 clients");
        assertThat(total(browser.get("/clients?q=bulk"))).isEqualTo("More than 10,000 clients match");
        assertThat(total(browser.get("/clients?q=client%20999"))).isEqualTo("11 clients match");
        long counted = jdbc.sql("select count(*) from client where practice_id = cast(? as uuid)")
                .param(admin.practiceId())
                .query(Long.class)
                .single();
        assertThat(counted).isEqualTo(10_001);
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private DashboardClient browser(Member who, String address) {
        return DashboardClient.anonymous("http://127.0.0.1:" + port, address).signIn(who.email(), Fixtures.PASSWORD);
    }

    private void client(Member by, String name, String kind, Member therapist) {
        api().as(by.token())
                .post(
                        "/api/v1/clients",
                        Map.of(
                                "fullName",
                                name,
                                "dateOfBirth",
                                "1990-04-01",
                                "kind",
                                kind,
                                "therapistId",
                                therapist.memberId()))
                .expect(201);
    }

    private static List<String> sorted(List<String> names, boolean descending) {
        Comparator<String> byName = Comparator.comparing(String::toLowerCase);
        return names.stream().sorted(descending ? byName.reversed() : byName).toList();
    }

    private static List<String> rows(DashboardClient.Answer page) {
        List<String> names = new ArrayList<>();
        Matcher m = ROW.matcher(page.body());
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static String total(DashboardClient.Answer page) {
        Matcher m = Pattern.compile("id=\"client-total\">([^<]+)<").matcher(page.body());
        return m.find() ? m.group(1).strip() : null;
    }

    private List<String> walk(Member who, String query) {
        List<String> names = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 100; page++) {
            String url = "/api/v1/clients?" + query + "&limit=2" + (cursor == null ? "" : "&cursor=" + enc(cursor));
            JsonNode body = api().as(who.token()).get(url).expect(200).json();
            body.path("items").forEach(i -> names.add(i.path("fullName").asString()));
            JsonNode next = body.path("nextCursor");
            if (next.isNull() || next.isMissingNode()) {
                return names;
            }
            cursor = next.asString();
        }
        throw new AssertionError("paging never ends: " + query);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
