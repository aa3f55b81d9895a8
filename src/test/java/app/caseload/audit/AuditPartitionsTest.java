package app.caseload.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.caseload.audit.AuditPartitions.Outcome;
import app.caseload.security.DashboardClient;
import app.caseload.support.Fixtures;
import app.caseload.support.IntegrationTest;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The audit trail partitioned by month (V40, {@link AuditPartitions}): rows land in their UTC month's
 * partition, every partition is as append-only as the table, a row of a month without a partition
 * lands in the default and is found like any other, maintenance is idempotent and safe when two nodes
 * race, and retention is detaching and dropping a month. Months far from now are used for the
 * partitions the tests make, so that they never meet the rows of other tests.
 */
class AuditPartitionsTest extends IntegrationTest {

    @Autowired
    AuditPartitions partitions;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void rowsLandInTheirUtcMonthsPartition() {
        Fixtures.Member owner = fixtures().signup("Partition Landing");
        record Located(String partition, Instant at) {}
        List<Located> rows = jdbc.sql("select tableoid::regclass::text, at from audit_event where practice_id = ?")
                .param(UUID.fromString(owner.practiceId()))
                .query((rs, i) ->
                        new Located(rs.getString(1), rs.getTimestamp(2).toInstant()))
                .list();
        assertThat(rows).isNotEmpty();
        rows.forEach(row -> assertThat(row.partition())
                .isEqualTo(AuditPartitions.partitionOf(YearMonth.from(row.at().atZone(ZoneOffset.UTC)))));
    }

    @Test
    void thisMonthAndTheNextTwoExistAfterStartUpEachGuardedLikeTheTable() {
        YearMonth now = YearMonth.now(ZoneOffset.UTC);
        for (int i = 0; i <= AuditPartitions.MONTHS_AHEAD; i++) {
            String table = AuditPartitions.partitionOf(now.plusMonths(i));
            assertThat(triggersOn(table))
                    .as(table)
                    .containsExactlyInAnyOrder("audit_event_no_truncate", "audit_event_no_update_or_delete");
        }
        assertThat(triggersOn("audit_event_default"))
                .containsExactlyInAnyOrder("audit_event_no_truncate", "audit_event_no_update_or_delete");
    }

    @Test
    void aPartitionRefusesUpdateDeleteAndTruncateAsTheTableDoes() {
        Fixtures.Member owner = fixtures().signup("Partition Immutable");
        UUID practice = UUID.fromString(owner.practiceId());
        String month = AuditPartitions.partitionOf(YearMonth.now(ZoneOffset.UTC));
        // Row triggers fire only for rows: the default gets one of this practice (a month without partition).
        insertRead(owner, UUID.randomUUID(), Instant.parse("2098-06-01T00:00:00Z"));
        for (String table : List.of("audit_event", month, "audit_event_default")) {
            assertRefused("update " + table + " set action = 'x' where practice_id = '" + practice + "'");
            assertRefused("delete from " + table + " where practice_id = '" + practice + "'");
            assertRefused("truncate " + table);
        }
        for (String table : List.of(month, "audit_event_default")) {
            assertThat(count("select count(*) from " + table + " where practice_id = '" + practice + "'"))
                    .as(table)
                    .isPositive();
        }
    }

    @Test
    void aRowOfAMonthWithoutPartitionLandsInTheDefaultAndIsFoundOnTheApiAndThePage() {
        Fixtures.Member owner = fixtures().signup("Partition Default");
        // A client the owner sees: the audit page filters only by a client the admin may choose.
        UUID client = UUID.fromString(api().as(owner.token())
                .post(
                        "/api/v1/clients",
                        Map.of(
                                "fullName", "Dora Default",
                                "dateOfBirth", "1990-04-01",
                                "kind", "DIRECT",
                                "therapistId", owner.memberId()))
                .expect(201)
                .json()
                .path("id")
                .asString());
        UUID id = insertRead(owner, client, Instant.parse("2099-03-15T10:00:00Z"));
        assertThat(partitionOfRow(id)).isEqualTo("audit_event_default");

        JsonNode byClient = api().as(owner.token())
                .get("/api/v1/audit?clientId=" + client)
                .expect(200)
                .json();
        assertThat(byClient.path("items"))
                .as("the 2099 read, then the registration")
                .hasSize(2);
        assertThat(byClient.path("items").get(0).path("id").asString()).isEqualTo(id.toString());
        JsonNode byMember = api().as(owner.token())
                .get("/api/v1/audit?limit=1&actorId=" + owner.memberId())
                .expect(200)
                .json();
        assertThat(byMember.path("items").get(0).path("id").asString())
                .as("newest first: the row of 2099 before today's")
                .isEqualTo(id.toString());
        var page = DashboardClient.anonymous("http://127.0.0.1:" + port, "10.9.8.1")
                .signIn(owner.email(), Fixtures.PASSWORD)
                .get("/audit?client=" + client);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text()).contains("2099");

        // Its month's partition can no longer be made (PostgreSQL would have to move the row): a
        // warning, not a failure, and the row stays where it is, still found.
        assertThat(partitions.ensure(YearMonth.of(2099, 3), 0))
                .containsExactly(Map.entry(YearMonth.of(2099, 3), Outcome.DEFAULT_HOLDS_ROWS));
        assertThat(exists("audit_event_2099_03")).isFalse();
        assertThat(partitionOfRow(id)).isEqualTo("audit_event_default");
        assertThat(partitions.ensure(YearMonth.of(2099, 4), 0))
                .as("other months are not held up")
                .containsExactly(Map.entry(YearMonth.of(2099, 4), Outcome.CREATED));
    }

    @Test
    void maintenanceIsIdempotentAndTwoNodesRacingCreateEachMonthOnce() throws Exception {
        YearMonth first = YearMonth.of(2150, 1);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            List<Future<Map<YearMonth, Outcome>>> runs = new ArrayList<>();
            for (int node = 0; node < 2; node++) {
                runs.add(nodes.submit(() -> {
                    start.await();
                    return partitions.ensure(first, 2);
                }));
            }
            start.countDown();
            Map<YearMonth, Outcome> one = runs.get(0).get();
            Map<YearMonth, Outcome> other = runs.get(1).get();
            for (int i = 0; i <= 2; i++) {
                YearMonth month = first.plusMonths(i);
                assertThat(List.of(one.get(month), other.get(month)))
                        .as(month.toString())
                        .containsExactlyInAnyOrder(Outcome.CREATED, Outcome.EXISTED);
                assertThat(triggersOn(AuditPartitions.partitionOf(month)))
                        .containsExactlyInAnyOrder("audit_event_no_truncate", "audit_event_no_update_or_delete");
            }
        } finally {
            nodes.shutdownNow();
        }
        assertThat(partitions.ensure(first, 2).values()).containsOnly(Outcome.EXISTED);
        assertThat(count("""
                        select count(*) from pg_inherits
                        where inhparent = 'audit_event'::regclass and inhrelid::regclass::text like 'audit_event_2150_%'""")).isEqualTo(3);
    }

    @Test
    void aPartitionMadeWithoutTheTruncateGuardGetsIt() {
        jdbc.sql("create table audit_event_2160_01 partition of audit_event"
                        + " for values from ('2160-01-01 00:00:00+00') to ('2160-02-01 00:00:00+00')")
                .update();
        assertThat(triggersOn("audit_event_2160_01")).containsExactly("audit_event_no_update_or_delete");

        partitions.ensure(YearMonth.of(2160, 1), 0);

        assertThat(triggersOn("audit_event_2160_01"))
                .containsExactlyInAnyOrder("audit_event_no_truncate", "audit_event_no_update_or_delete");
    }

    /**
     * On an external database the app should not own audit_event (docs/security.md): through V40's
     * SECURITY DEFINER function it still makes months ahead, and it cannot drop them or make them
     * any other way.
     */
    @Test
    void anApplicationRoleThatDoesNotOwnTheTableCreatesMonthsButCannotDropThem() {
        jdbc.sql("""
                        do $$ begin
                            if not exists (select from pg_roles where rolname = 'caseload_app_test') then
                                create role caseload_app_test;
                            end if;
                        end $$""").update();
        jdbc.sql("grant select, insert on audit_event to caseload_app_test").update();

        assertThat(asApplicationRole("select audit_event_create_partition(date '2170-01-01')"))
                .isEqualTo("CREATED");
        assertThat(triggersOn("audit_event_2170_01"))
                .containsExactlyInAnyOrder("audit_event_no_truncate", "audit_event_no_update_or_delete");
        assertThatThrownBy(() -> asApplicationRole("drop table audit_event_2170_01"))
                .rootCause()
                .hasMessageContaining("must be owner");
        // Refused for want of CREATE on the schema (PostgreSQL 15+) or, given that, of owning the table.
        assertThatThrownBy(() -> asApplicationRole("create table audit_event_2170_02 partition of audit_event"
                        + " for values from ('2170-02-01 00:00:00+00') to ('2170-03-01 00:00:00+00')"))
                .rootCause()
                .hasMessageMatching("(?s).*(permission denied for schema|must be owner).*");
    }

    /** The retention path of docs/security.md: a month past retention is detached and dropped. */
    @Test
    void retentionDetachesAndDropsAMonthWhileTheRestStaysAppendOnly() {
        Fixtures.Member owner = fixtures().signup("Partition Retention");
        assertThat(partitions.ensure(YearMonth.of(2001, 1), 0).values()).containsOnly(Outcome.CREATED);
        UUID old = insertRead(owner, UUID.randomUUID(), Instant.parse("2001-01-15T08:00:00Z"));
        assertThat(partitionOfRow(old)).isEqualTo("audit_event_2001_01");
        long before = count("select count(*) from audit_event where practice_id = '" + owner.practiceId() + "'");

        jdbc.sql("alter table audit_event detach partition audit_event_2001_01").update();
        jdbc.sql("drop table audit_event_2001_01").update();

        assertThat(exists("audit_event_2001_01")).isFalse();
        assertThat(count("select count(*) from audit_event where practice_id = '" + owner.practiceId() + "'"))
                .isEqualTo(before - 1);
        assertRefused("delete from audit_event where practice_id = '" + owner.practiceId() + "'");
        assertRefused("truncate audit_event");
    }

    private String asApplicationRole(String sql) {
        return transactions.execute(status -> {
            jdbc.sql("set local role caseload_app_test").update();
            return sql.startsWith("select")
                    ? jdbc.sql(sql).query(String.class).single()
                    : String.valueOf(jdbc.sql(sql).update());
        });
    }

    private UUID insertRead(Fixtures.Member owner, UUID client, Instant at) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into audit_event (id, at, practice_id, actor_member_id, action, target_type, target_id,
                                                 client_ids, detail)
                        values (?, ?, ?, ?, 'client.detail', 'CLIENT', ?, array[?::uuid], '{"read": "true"}')""")
                .params(
                        id,
                        Timestamp.from(at),
                        UUID.fromString(owner.practiceId()),
                        UUID.fromString(owner.memberId()),
                        client,
                        client)
                .update();
        return id;
    }

    private String partitionOfRow(UUID id) {
        return jdbc.sql("select tableoid::regclass::text from audit_event where id = ?")
                .param(id)
                .query(String.class)
                .single();
    }

    private List<String> triggersOn(String table) {
        return jdbc.sql("select tgname::text from pg_trigger where tgrelid = ?::regclass and not tgisinternal")
                .param(table)
                .query(String.class)
                .list();
    }

    private boolean exists(String table) {
        return jdbc.sql("select to_regclass(?) is not null")
                .param(table)
                .query(Boolean.class)
                .single();
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private void assertRefused(String sql) {
        assertThatThrownBy(() -> jdbc.sql(sql).update()).as(sql).rootCause().hasMessageContaining("append-only");
    }
}
