package app.caseload.audit;

import static org.assertj.core.api.Assertions.assertThat;

import app.caseload.security.DashboardClient;
import app.caseload.support.Fixtures;
import app.caseload.support.Fixtures.Member;
import app.caseload.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The audit page's client filter is chosen by name: typing offers the admin's visible clients whose
 * name fits (never another practice's), a name that fits one client filters by it, several are
 * offered to choose from, and every lookup is itself recorded as a read of those clients. Only
 * those who may open the audit page get the choices.
 */
class AuditClientPickerTest extends IntegrationTest {

    private static final Pattern CHOICE = Pattern.compile(
            "<input type=\"radio\" name=\"client\" value=\"([0-9a-f-]{36})\"([^>]*)>\\s*<span><span>([^<]+)</span>");
    private static final Pattern RECORD_LINK = Pattern.compile("href=\"/clients/([0-9a-f-]{36})\"");

    private record Picked(String id, String name, boolean checked) {}

    @Test
    void typedNamesOfferTheAdminsVisibleClientsAndEveryLookupIsRecorded() {
        Member admin = fixtures().signup("Picker Practice");
        Member tia = fixtures().join(admin, "Tia Therapist", "Licensed Therapist");
        Member elsewhere = fixtures().signup("Other Picker Practice");
        String ada = fixtures().directClient(admin, "Ada Alder", tia);
        String adam = fixtures().directClient(admin, "Adam Ash", tia);
        String bea = fixtures().directClient(admin, "Bea Birch", tia);
        String foreign = fixtures().directClient(elsewhere, "Ada Otherplace", elsewhere);
        for (int i = 1; i <= 12; i++) {
            fixtures().directClient(admin, String.format("Zoe Zed %02d", i), tia);
        }
        DashboardClient browser = DashboardClient.anonymous("http://127.0.0.1:" + port, "10.9.5.1")
                .signIn(admin.email(), Fixtures.PASSWORD);

        // As the admin types: the practice's clients whose name fits, by name; none of another practice.
        assertThat(choices(browser.get("/audit/clients?clientName=ad")))
                .containsExactly(new Picked(ada, "Ada Alder", false), new Picked(adam, "Adam Ash", false));
        DashboardClient.Answer many = browser.get("/audit/clients?clientName=zoe");
        assertThat(choices(many)).hasSize(10);
        assertThat(many.text()).contains("Only the first ten are listed: type more of the name.");
        assertThat(browser.get("/audit/clients?clientName=otherplace").text())
                .contains("No client you can see has “otherplace” in their name.")
                .doesNotContain("Ada Otherplace");
        assertThat(choices(browser.get("/audit/clients?clientName="))).isEmpty();

        // A name that fits one client filters by it: the field shows the client, the trail is theirs.
        DashboardClient.Answer beas = browser.get("/audit?clientName=bea");
        assertThat(beas.status()).isEqualTo(200);
        assertThat(choices(beas)).containsExactly(new Picked(bea, "Bea Birch", true));
        assertThat(beas.body()).contains("value=\"Bea Birch\"");
        assertThat(recordLinks(beas)).isNotEmpty().containsOnly(bea);
        assertThat(beas.text()).contains("added a client");
        // The export and the next page keep the client chosen.
        assertThat(beas.body()).contains("/audit/export?client=" + bea);

        // Several fit: none is chosen, they are offered; nothing fits: the field says so.
        DashboardClient.Answer several = browser.get("/audit?clientName=ad");
        assertThat(several.text()).contains("Several clients match “ad”: choose one, then search.");
        assertThat(choices(several))
                .containsExactly(new Picked(ada, "Ada Alder", false), new Picked(adam, "Adam Ash", false));
        assertThat(browser.get("/audit?clientName=otherplace").text())
                .contains("No client you can see has “otherplace” in their name.")
                .doesNotContain("Ada Otherplace");

        // A client from a link (or a choice) is shown by name; one this admin cannot see is not there.
        DashboardClient.Answer linked = browser.get("/audit?client=" + ada);
        assertThat(linked.body()).contains("value=\"Ada Alder\"");
        assertThat(choices(linked)).containsExactly(new Picked(ada, "Ada Alder", true));
        for (String unseen : List.of(foreign, UUID.randomUUID().toString(), "not-an-id")) {
            DashboardClient.Answer refused = browser.get("/audit?client=" + unseen);
            assertThat(refused.text()).as(unseen).contains("Choose a client from the list.");
            assertThat(refused.text()).as(unseen).doesNotContain("Ada Otherplace");
        }
        // A name typed since the choice wins over it.
        assertThat(choices(browser.get("/audit?client=" + ada + "&clientName=bea")))
                .containsExactly(new Picked(bea, "Bea Birch", true));

        // Every lookup was recorded as a read of the clients it showed (an audit search writes the
        // queued reads first).
        assertThat(browser.get("/audit?actor=" + admin.memberId()).text()).contains("looked up clients by name");
        Set<String> lookedUp = new TreeSet<>();
        jdbc.sql("select unnest(client_ids)::text from audit_event where practice_id = ?::uuid"
                        + " and action = 'client.lookup' and actor_member_id = ?::uuid")
                .params(admin.practiceId(), admin.memberId())
                .query(String.class)
                .list()
                .forEach(lookedUp::add);
        assertThat(lookedUp).contains(ada, adam, bea).doesNotContain(foreign);
    }

    @Test
    void onlyThoseWhoMayOpenTheAuditPageGetTheChoices() {
        Member admin = fixtures().signup("Picker Gate Practice");
        Member tia = fixtures().join(admin, "Tia Therapist", "Licensed Therapist");
        fixtures().directClient(admin, "Cleo Cole", tia);
        DashboardClient therapist = DashboardClient.anonymous("http://127.0.0.1:" + port, "10.9.5.2")
                .signIn(tia.email(), Fixtures.PASSWORD);
        DashboardClient.Answer refused = therapist.get("/audit/clients?clientName=cleo");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.text()).doesNotContain("Cleo Cole");
        assertThat(therapist.get("/audit?clientName=cleo").status()).isEqualTo(403);
        long recorded = jdbc.sql("select count(*) from audit_event where practice_id = ?::uuid"
                        + " and action = 'client.lookup'")
                .param(admin.practiceId())
                .query(Long.class)
                .single();
        assertThat(recorded).isZero();
    }

    private static List<Picked> choices(DashboardClient.Answer page) {
        List<Picked> found = new ArrayList<>();
        Matcher m = CHOICE.matcher(page.body());
        while (m.find()) {
            found.add(new Picked(m.group(1), m.group(3).strip(), m.group(2).contains("checked")));
        }
        return found;
    }

    /** The clients the trail's rows link to. */
    private static Set<String> recordLinks(DashboardClient.Answer page) {
        String body = page.body();
        int table = body.indexOf("id=\"audit-table\"");
        Set<String> ids = new TreeSet<>();
        if (table < 0) {
            return ids;
        }
        Matcher m = RECORD_LINK.matcher(body.substring(table));
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }
}
