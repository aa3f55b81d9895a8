package app.caseload.clients;

import static org.assertj.core.api.Assertions.assertThat;

import app.caseload.shared.AccountId;
import app.caseload.shared.Caller;
import app.caseload.shared.Cursor;
import app.caseload.shared.MemberId;
import app.caseload.shared.MemberStatus;
import app.caseload.shared.PracticeId;
import app.caseload.shared.RoleId;
import app.caseload.support.Fixtures.Member;
import app.caseload.support.IntegrationTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Name Z–A is the A–Z indexes read backwards, for the whole practice (the client table's name index)
 * and for a lens (the relation's (member, sort name) index), first page and deep in the list: no
 * page sorts every visible client. And a list's total, counted, is exactly the visible clients.
 */
class ClientOrderPlanTest extends IntegrationTest {

    @Autowired
    ClientVisibility visibility;

    @Autowired
    Clients clients;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void zToAReadsTheNameIndexesBackwards() {
        Member owner = fixtures().signup("Backwards Practice");
        Member tom = fixtures().join(owner, "Tom Therapist", "Licensed Therapist");
        for (Member holder : List.of(owner, tom)) {
            jdbc.sql("""
                            insert into client (practice_id, id, full_name, date_of_birth, kind, therapist_id,
                                                created_by)
                            select cast(:practice as uuid), gen_random_uuid(), 'Client ' || md5(g::text || :holder),
                                   date '1990-01-01', 'DIRECT', cast(:holder as uuid), cast(:holder as uuid)
                            from generate_series(1, 3000) g""")
                    .param("practice", owner.practiceId())
                    .param("holder", holder.memberId())
                    .update();
        }
        jdbc.sql("analyze client").update();
        jdbc.sql("analyze caseload").update();
        Caller admin = caller(owner);
        Caller therapist = caller(tom);
        Cursor middle = new Cursor("client 8", new UUID(0, 0));

        for (Cursor after : new Cursor[] {null, middle}) {
            assertThat(plan(admin, after))
                    .as("admin, Z–A after " + after)
                    .contains("Index Scan Backward using client_name_idx")
                    .doesNotContainPattern("Seq Scan on client\\b"); // (client_numbers is tiny here)
            assertThat(plan(therapist, after))
                    .as("therapist, Z–A after " + after)
                    .containsPattern("Index (Only )?Scan Backward using caseload_member_name_idx")
                    .doesNotContainPattern("Seq Scan on client\\b"); // (client_numbers is tiny here)
        }

        assertThat(clients.total(therapist, Clients.Filter.NONE)).isEqualTo(new Clients.Total(3000, false));
        assertThat(clients.total(admin, Clients.Filter.NONE)).isEqualTo(new Clients.Total(6000, false));
        assertThat(clients.total(
                        admin,
                        new Clients.Filter(new MemberId(UUID.fromString(tom.memberId())), null, null, null, null)))
                .isEqualTo(new Clients.Total(3000, false));
    }

    /**
     * The plan with sorts and bitmap scans priced out. With a few thousand rows the planner may as well
     * fetch a lens member's rows and sort them: its estimate of rows per member comes from every
     * practice the other tests of this JVM made, so its choice flips with the suite around it. What this
     * test guards is that the statement lets the indexes be read backwards; priced out of the
     * alternatives, the planner takes that path if the statement allows it, and sorts if it does not (as
     * it does by itself at a million clients, docs/performance.md).
     */
    private String plan(Caller caller, Cursor after) {
        Clients.Query query = Clients.listQuery(
                page -> visibility.pagePredicate(caller, "c", page),
                Clients.Filter.NONE,
                ClientOrder.NAME_DESCENDING,
                after,
                25);
        return new TransactionTemplate(transactions).execute(status -> {
            jdbc.sql("set local enable_sort = off").update();
            jdbc.sql("set local enable_bitmapscan = off").update();
            return String.join(
                    "\n",
                    jdbc.sql("explain (costs off) " + query.sql())
                            .params(query.params())
                            .query(String.class)
                            .list());
        });
    }

    private Caller caller(Member member) {
        UUID practice = UUID.fromString(member.practiceId());
        UUID id = UUID.fromString(member.memberId());
        return jdbc.sql("select account_id, role_id, status, admin from member where practice_id = ? and id = ?")
                .params(practice, id)
                .query((rs, n) -> new Caller(
                        new AccountId(rs.getObject("account_id", UUID.class)),
                        new MemberId(id),
                        new PracticeId(practice),
                        new RoleId(rs.getObject("role_id", UUID.class)),
                        MemberStatus.valueOf(rs.getString("status")),
                        rs.getBoolean("admin")))
                .single();
    }
}
