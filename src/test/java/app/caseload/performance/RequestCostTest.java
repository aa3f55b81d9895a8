package app.caseload.performance;

import static org.assertj.core.api.Assertions.assertThat;

import app.caseload.support.Api;
import app.caseload.support.Fixtures.Member;
import app.caseload.support.IntegrationTest;
import app.caseload.support.StatementCounter;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * The cost of one authenticated API request around its query (issue 9, item 2): the statements and
 * commits a request sends to the database, counted on the request thread. The read audit is queued
 * and written in batches by a background thread, so it is not part of the count.
 *
 * <p>Counted before the change (commit 74dd374), a list request made 5 round trips, 6 when the
 * token's last use was over 15 s old: the token lookup, (its last-used update,) the member reload, a
 * commit, a role lookup with a member_count subquery (even for admins), then the query. Now the
 * token, its member and the member's role come in one statement, which also writes the last use
 * when it is over a minute old, with no transaction of its own; nothing else is read before the
 * query.
 */
class RequestCostTest extends IntegrationTest {

    @Test
    void aClientListIsTheTokenStatementAndItsQuery() {
        Member owner = fixtures().signup("Request Cost");
        Member tom = fixtures().join(owner, "Tom Therapist", "Licensed Therapist");
        Member sue = fixtures().join(owner, "Sue Supervisor", "Supervisor");
        for (Member therapist : List.of(tom, tom, sue)) {
            fixtures().directClient(owner, "Cleo Client", therapist);
        }
        warmUp(owner, tom, sue);

        // Before: 5 (token, member, COMMIT, role with member_count, query) for each of them.
        SoftAssertions.assertSoftly(soft -> {
            soft.assertThat(statements(owner, "/api/v1/clients"))
                    .as("admin list")
                    .hasSize(2);
            soft.assertThat(statements(tom, "/api/v1/clients"))
                    .as("therapist list")
                    .hasSize(2);
            soft.assertThat(statements(sue, "/api/v1/clients"))
                    .as("supervisor list")
                    .hasSize(2);
        });
    }

    /**
     * Round trips as the database sees them, not statements: PgJDBC adds one of its own before a
     * statement it has described (prepared on the server, after five uses on a connection) whose rows
     * have an unbounded column, when a parameter went untyped ({@code java.sql.Timestamp}, a null).
     * The token statement paid it on every request, the pending notes too (see {@code Timestamps}).
     * Each page is asked often enough first for every pooled connection to have prepared it.
     */
    @Test
    void theBenchmarkPagesMakeOneRoundTripPerStatement() {
        Member owner = fixtures().signup("Wire Cost");
        Member tom = fixtures().join(owner, "Tom Therapist", "Licensed Therapist");
        Member sue = fixtures().join(owner, "Sue Supervisor", "Supervisor");
        fixtures().directClient(owner, "Cleo Client", tom);
        String caseload = "/api/v1/therapists/" + tom.memberId() + "/caseload";
        Map<String, List<Object>> pages = new java.util.LinkedHashMap<>();
        pages.put("admin list", List.of(owner, "/api/v1/clients", 2));
        pages.put("admin search", List.of(owner, "/api/v1/clients?q=cle", 2));
        pages.put("therapist list", List.of(tom, "/api/v1/clients", 2));
        pages.put("supervisor list", List.of(sue, "/api/v1/clients", 2));
        pages.put("supervisor pending notes", List.of(sue, "/api/v1/notes/pending", 2));
        pages.put("admin pending notes", List.of(owner, "/api/v1/notes/pending", 2));
        // The clinical numbers (clients module), then the practice with its members by status.
        pages.put("admin practice", List.of(owner, "/api/v1/practice", 3));
        // Whether the caller may open the caseload, then its page.
        pages.put("admin caseload", List.of(owner, caseload, 3));
        for (int i = 0; i < 30; i++) {
            pages.values()
                    .forEach(page -> api().as(((Member) page.get(0)).token())
                            .get((String) page.get(1))
                            .expect(200));
        }
        SoftAssertions.assertSoftly(soft -> pages.forEach((name, page) -> {
            Member member = (Member) page.get(0);
            // The fewest of five: the pool checks a connection idle for over 500 ms with a round trip of
            // its own, which is not the request's (on a loaded machine three tries once all met one).
            StatementCounter.Traffic traffic = java.util.stream.Stream.generate(
                            () -> StatementCounter.trafficDuring(() -> api().as(member.token())
                                    .get((String) page.get(1))
                                    .expect(200)))
                    .limit(5)
                    .min(java.util.Comparator.comparingInt(StatementCounter.Traffic::roundTrips))
                    .orElseThrow();
            soft.assertThat(traffic.roundTrips())
                    .as(name + ": round trips on the wire for " + traffic.statements())
                    .isEqualTo(page.get(2));
            soft.assertThat(traffic.statements()).as(name + ": statements").hasSize((Integer) page.get(2));
        }));
    }

    @Test
    void meIsTheTokenStatementAndTwoReads() {
        Member owner = fixtures().signup("Me Cost");
        warmUp(owner);
        // Before: 6 (token, member, COMMIT, account, practice, role with member_count).
        // Now: the token statement (role included), the account and the practice.
        assertThat(statements(owner, "/api/v1/me")).as("/me").hasSize(3);
    }

    @Test
    void theLastUsedTouchIsWrittenAtMostOnceAMinute() {
        Member owner = fixtures().signup("Touch Cost");
        warmUp(owner);
        jdbc.sql("update auth_token set last_used_at = now() - interval '61 seconds' where member_id = ?::uuid")
                .param(owner.memberId())
                .update();
        java.sql.Timestamp stale = lastUsed(owner);
        statements(owner, "/api/v1/clients");
        java.sql.Timestamp touched = lastUsed(owner);
        assertThat(touched).isAfter(stale);
        statements(owner, "/api/v1/clients");
        assertThat(lastUsed(owner)).as("no second write within the minute").isEqualTo(touched);
    }

    private java.sql.Timestamp lastUsed(Member member) {
        return jdbc.sql("select max(last_used_at) from auth_token where member_id = ?::uuid")
                .param(member.memberId())
                .query(java.sql.Timestamp.class)
                .single();
    }

    /** The first requests pay for connections, caches and class loading; they are not counted. */
    private void warmUp(Member... members) {
        for (Member member : members) {
            api().as(member.token()).get("/api/v1/clients").expect(200);
            api().as(member.token()).get("/api/v1/me").expect(200);
        }
    }

    private List<String> statements(Member member, String path) {
        Api as = api().as(member.token());
        List<String> sent = StatementCounter.during(() -> as.get(path).expect(200));
        System.out.printf(
                "%s as %s: %d round trips%n  %s%n",
                path,
                member.email(),
                sent.size(),
                String.join(
                        "\n  ",
                        sent.stream()
                                .map(s -> s.length() > 160 ? s.substring(0, 160) + "…" : s)
                                .toList()));
        return sent;
    }
}
