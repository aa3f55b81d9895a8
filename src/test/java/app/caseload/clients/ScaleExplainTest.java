package app.caseload.clients;

import static org.assertj.core.api.Assertions.assertThat;

import app.caseload.shared.AccountId;
import app.caseload.shared.Caller;
import app.caseload.shared.Cursor;
import app.caseload.shared.MemberId;
import app.caseload.shared.MemberStatus;
import app.caseload.shared.PracticeId;
import app.caseload.shared.RoleId;
import app.caseload.shared.SecretTokens;
import app.caseload.support.Fixtures;
import app.caseload.support.IntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Generates 100k clients and 500k sessions in SQL and records EXPLAIN ANALYZE of the client list
 * and a supervisor's caseload, plus timings over HTTP, in {@code target/scale-explain.txt} (copied
 * into docs/performance.md). Not part of the default build: run with
 * {@code ./mvnw -B test -Dtest=ScaleExplainTest -Dcaseload.scale=true}.
 */
@EnabledIfSystemProperty(named = "caseload.scale", matches = "true")
class ScaleExplainTest extends IntegrationTest {

    @Autowired
    ClientVisibility visibility;

    private final List<String> report = new ArrayList<>();

    @Test
    void clientListAndSupervisorCaseloadStayOnIndexesAtOneHundredThousandClients() throws IOException {
        Fixtures.Member owner = fixtures().signup("Scale Practice");
        UUID practice = UUID.fromString(owner.practiceId());
        UUID admin = UUID.fromString(owner.memberId());
        long t0 = System.nanoTime();
        generate(practice, admin);
        report.add("Generated in " + (System.nanoTime() - t0) / 1_000_000 + " ms: "
                + count("select count(*) from client where practice_id = ?", practice) + " clients, "
                + count("select count(*) from session where practice_id = ?", practice) + " sessions");

        Caller adminCaller = caller(practice, admin);
        UUID supervisor = jdbc.sql("select supervisor_id from supervision where practice_id = ? limit 1")
                .param(practice)
                .query(UUID.class)
                .single();
        UUID supervisee = jdbc.sql("select supervisee_id from supervision where practice_id = ? and supervisor_id = ?"
                        + " limit 1")
                .params(practice, supervisor)
                .query(UUID.class)
                .single();
        Caller supervisorCaller = caller(practice, supervisor);
        Caller therapistCaller = caller(practice, supervisee);

        explain(
                "Admin: client list, first page",
                Clients.listQuery(
                        page -> visibility.pagePredicate(adminCaller, "c", page),
                        Clients.Filter.NONE,
                        ClientOrder.NAME,
                        null,
                        50));
        explain(
                "Admin: client list, a page deep in the alphabet (keyset)",
                Clients.listQuery(
                        page -> visibility.pagePredicate(adminCaller, "c", page),
                        Clients.Filter.NONE,
                        ClientOrder.NAME,
                        new Cursor("client 8", new UUID(0, 0)),
                        50));
        explain(
                "Admin: client list, name search q=ab1",
                Clients.listQuery(
                        page -> visibility.pagePredicate(adminCaller, "c", page),
                        new Clients.Filter(null, null, null, null, "ab1"),
                        ClientOrder.NAME,
                        null,
                        50));
        explain(
                "Admin: client list filtered by therapist and HIGH risk",
                Clients.listQuery(
                        page -> visibility.pagePredicate(adminCaller, "c", page),
                        new Clients.Filter(new MemberId(supervisee), null, RiskLevel.HIGH, null, null),
                        ClientOrder.NAME,
                        null,
                        50));
        explain(
                "Admin: client list, name Z–A, first page",
                Clients.listQuery(
                        page -> visibility.pagePredicate(adminCaller, "c", page),
                        Clients.Filter.NONE,
                        ClientOrder.NAME_DESCENDING,
                        null,
                        50));
        explain(
                "Therapist: own client list",
                Clients.listQuery(
                        page -> visibility.pagePredicate(therapistCaller, "c", page),
                        Clients.Filter.NONE,
                        ClientOrder.NAME,
                        null,
                        50));
        explain(
                "Supervisor: client list (own + 5 supervisees)",
                Clients.listQuery(
                        page -> visibility.pagePredicate(supervisorCaller, "c", page),
                        Clients.Filter.NONE,
                        ClientOrder.NAME,
                        null,
                        50));
        explain(
                "Supervisor: client list (own + 5 supervisees), name Z–A",
                Clients.listQuery(
                        page -> visibility.pagePredicate(supervisorCaller, "c", page),
                        Clients.Filter.NONE,
                        ClientOrder.NAME_DESCENDING,
                        null,
                        50));
        explain(
                "Supervisor: a supervisee's caseload",
                Clients.caseloadQuery(supervisorCaller.practiceId(), new MemberId(supervisee), null, 50));

        String adminToken = owner.token();
        String supervisorToken = token(practice, supervisor);
        time("GET /api/v1/clients (admin)", adminToken, "/api/v1/clients");
        time("GET /api/v1/clients?q=ab1 (admin)", adminToken, "/api/v1/clients?q=ab1");
        time("GET /api/v1/clients (supervisor)", supervisorToken, "/api/v1/clients");
        time(
                "GET /api/v1/therapists/{supervisee}/caseload (supervisor)",
                supervisorToken,
                "/api/v1/therapists/" + supervisee + "/caseload");
        time("GET /api/v1/notes/pending (supervisor)", supervisorToken, "/api/v1/notes/pending");
        time("GET /api/v1/practice (admin, metrics over all clients)", adminToken, "/api/v1/practice");

        Path out = Path.of("target/scale-explain.txt");
        Files.writeString(out, String.join("\n", report));
        System.out.println(String.join("\n", report));
        assertThat(report).isNotEmpty();
    }

    private void generate(UUID practice, UUID admin) {
        UUID licensed = role(practice, "Licensed Therapist");
        UUID supervising = role(practice, "Supervisor");
        jdbc.sql("update practice set supervision_enabled = true where id = ?")
                .param(practice)
                .update();
        jdbc.sql("""
                with a as (
                    insert into account (id, email, full_name, password_hash)
                    select gen_random_uuid(), 'scale-' || ? || '-' || i || '@example.test', 'Therapist ' || i, 'x'
                    from generate_series(1, 220) i returning id, full_name)
                insert into member (practice_id, id, account_id, role_id, status, admin)
                select ?, gen_random_uuid(), a.id,
                       case when substring(a.full_name from 11)::int > 200 then ?::uuid else ?::uuid end,
                       'ACTIVE', false
                from a""")
                .params(practice.toString(), practice, supervising, licensed)
                .update();
        // Each of the 20 supervisors supervises 5 of the first 100 therapists.
        jdbc.sql("""
                with t as (select m.id, row_number() over (order by m.id) - 1 as n from member m
                           where m.practice_id = ? and m.role_id = ?),
                     s as (select m.id, row_number() over (order by m.id) - 1 as n from member m
                           where m.practice_id = ? and m.role_id = ?)
                insert into supervision (practice_id, id, supervisee_id, supervisor_id, started_at, started_by)
                select ?, gen_random_uuid(), t.id, s.id, now(), ?
                from t join s on t.n / 5 = s.n where t.n < 100""")
                .params(practice, licensed, practice, supervising, practice, admin)
                .update();
        jdbc.sql("""
                with t as (select m.id, row_number() over (order by m.id) - 1 as n from member m
                           where m.practice_id = ? and m.role_id = ?)
                insert into client (practice_id, id, full_name, date_of_birth, kind, therapist_id, status, risk_level,
                                    created_by)
                select ?, gen_random_uuid(), 'Client ' || md5(i::text), date '1950-01-01' + (i % 20000),
                       case when i % 10 < 7 then 'DIRECT' else 'PRACTICE' end, t.id,
                       case when i % 20 = 0 then 'DISCHARGED' else 'ACTIVE' end,
                       (array['NONE', 'LOW', 'MODERATE', 'HIGH', 'IMMINENT'])[1 + i % 5], ?
                from generate_series(0, 99999) i join t on t.n = i % 200""").params(practice, licensed, practice, admin).update();
        // Five sessions per client, each in its own hour (no overlaps); the fifth of a practice client
        // is a walk-in with the next therapist.
        jdbc.sql("""
                with t as (select m.id, row_number() over (order by m.id) - 1 as n from member m
                           where m.practice_id = ? and m.role_id = ?),
                     c as (select c.id, c.kind, c.therapist_id, row_number() over (order by c.id) as rn
                           from client c where c.practice_id = ?)
                insert into session (practice_id, id, client_id, therapist_id, starts_at, ends_at, duration_minutes,
                                     service_code, charge_cents, status, billing_modifier, note_status, scheduled_by)
                select ?, gen_random_uuid(), c.id,
                       case when k = 5 and c.kind = 'PRACTICE'
                            then (select t2.id from t t1 join t t2 on t2.n = (t1.n + 1) % 200 where t1.id = c.therapist_id)
                            else c.therapist_id end,
                       timestamptz '2020-01-01' + ((c.rn * 5 + k) * interval '1 hour'),
                       timestamptz '2020-01-01' + ((c.rn * 5 + k) * interval '1 hour') + interval '50 minutes',
                       50, '90834', 13000,
                       case when k <= 4 then 'COMPLETED' else 'SCHEDULED' end, 'HO',
                       case when k <= 3 then 'SIGNED' else 'NONE' end, ?
                from c cross join generate_series(1, 5) k""").params(practice, licensed, practice, practice, admin).update();
        jdbc.sql("vacuum analyze client").update();
        jdbc.sql("vacuum analyze session").update();
    }

    private void explain(String title, Clients.Query query) {
        List<String> plan = jdbc.sql("explain (analyze, buffers, costs off) " + query.sql())
                .params(query.params())
                .query(String.class)
                .list();
        report.add("\n### " + title + "\n```");
        report.addAll(plan);
        report.add("```");
    }

    private void time(String title, String token, String path) {
        var api = api().as(token);
        api.get(path).expect(200);
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            api.get(path).expect(200);
            best = Math.min(best, System.nanoTime() - start);
        }
        report.add("- " + title + ": best of 5 = " + best / 100_000 / 10.0 + " ms");
    }

    private String token(UUID practice, UUID member) {
        String token = SecretTokens.generate();
        jdbc.sql("""
                insert into auth_token (token_hash, account_id, practice_id, member_id)
                select ?, account_id, practice_id, id from member where practice_id = ? and id = ?""").params(SecretTokens.hash(token), practice, member).update();
        return token;
    }

    private Caller caller(UUID practice, UUID member) {
        return jdbc.sql("select account_id, role_id, status, admin from member where practice_id = ? and id = ?")
                .params(practice, member)
                .query((rs, n) -> new Caller(
                        new AccountId(rs.getObject("account_id", UUID.class)),
                        new MemberId(member),
                        new PracticeId(practice),
                        new RoleId(rs.getObject("role_id", UUID.class)),
                        MemberStatus.valueOf(rs.getString("status")),
                        rs.getBoolean("admin")))
                .single();
    }

    private UUID role(UUID practice, String name) {
        return jdbc.sql("select id from role where practice_id = ? and name = ?")
                .params(practice, name)
                .query(UUID.class)
                .single();
    }

    private long count(String sql, UUID practice) {
        return jdbc.sql(sql).param(practice).query(Long.class).single();
    }
}
