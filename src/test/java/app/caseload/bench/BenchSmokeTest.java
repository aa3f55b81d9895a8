package app.caseload.bench;

import static org.assertj.core.api.Assertions.assertThat;

import app.caseload.support.IntegrationTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The benchmark at a tiny scale, in a database of its own on the test server: the generator fills
 * it through the real schema and puts back every key, index and constraint the migrations made,
 * and the floor runner measures every statement of {@code bench/sql/before}; the audit size script
 * runs at 200 rows a shape; and the app, started in a JVM of its own on that database, is asked for
 * every page of {@code bench/bench http} beside its floor and moves clients as {@code bench/bench
 * reassign} does, after which the caseload relation still equals its definition.
 */
class BenchSmokeTest extends IntegrationTest {

    private static final String STRUCTURES = """
            select c.conrelid::regclass || ' constraint ' || c.conname || ' ' || pg_get_constraintdef(c.oid)
            from pg_constraint c where c.connamespace = 'public'::regnamespace
            union all
            select i.indrelid::regclass || ' index ' || pg_get_indexdef(i.indexrelid)
            from pg_index i join pg_class t on t.oid = i.indrelid where t.relnamespace = 'public'::regnamespace
            order by 1""";

    @Autowired
    DataSource dataSource;

    @Test
    void generatesATinyShapeAndMeasuresTheFloorOfEveryBeforeAndAfterStatement() throws Exception {
        String database = "bench_smoke_" + UUID.randomUUID().toString().replace("-", "");
        String serverUrl;
        try (Connection c = dataSource.getConnection()) {
            serverUrl = c.getMetaData().getURL();
            exec(c, "create database " + database);
        }
        String url = serverUrl.replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1");
        try {
            BenchDatabase db = BenchDatabase.external(url, "postgres", null);
            db.migrate();
            List<String> migrated;
            try (Connection c = db.connect()) {
                migrated = strings(c, STRUCTURES);
            }
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
            try (Connection c = db.connect()) {
                new Generator(out)
                        .generate(c, db, new Generator.Options(0.0005, null, false, Path.of("bench/sql/generate.sql")));
                new Generator(out).summary(c);
                assertThat(strings(c, STRUCTURES))
                        .as("every key, index and constraint is back")
                        .isEqualTo(migrated);
                assertThat(strings(c, "select count(*)::text from practice")).containsExactly("8");
                assertThat(strings(c, "select count(*)::text from client")).containsExactly("500");
                assertThat(strings(c, """
                                select count(*)::text from supervision s join practice p on p.id = s.practice_id
                                where p.name = 'Big Bench Practice' and s.ended_at is null""")).containsExactly("100");
                assertThat(strings(c, "select to_regnamespace('bench')::text")).containsExactly((String) null);
                assertThat(strings(c, "select count(*)::text from caseload_differences()"))
                        .as("the caseload relation filled with the data")
                        .containsExactly("0");
                assertThat(strings(c, "select count(*)::text from practice_count_differences()"))
                        .as("the practice numbers filled with the data")
                        .containsExactly("0");
                assertThat(strings(c, "select count(*)::text from client_numbers_differences()"))
                        .as("the clients' numbers filled with the data")
                        .containsExactly("0");
                assertThat(Floor.knownMembers(c))
                        .containsOnlyKeys("practice", "admin", "therapist", "supervisor", "supervisee");
            }

            List<Path> before = Floor.files(Path.of("bench/sql/before"), List.of());
            List<Path> files = new ArrayList<>(before);
            files.addAll(Floor.files(Path.of("bench/sql/after"), List.of()));
            List<Floor.Result> results = new Floor(out).run(db, new Floor.Options(files, 5, 2, 5, 2, 0.2, false));
            assertThat(results).hasSize(files.size()).isNotEmpty();
            for (Floor.Result r : results) {
                assertThat(r.p50()).as(r.script().name()).isPositive();
                assertThat(r.perSecond()).as(r.script().name()).isPositive();
            }
            // At this scale the big practice has 25 clients for 217 holders: only the admin's list is sure to fill.
            assertThat(results.stream()
                            .filter(r -> r.script().name().startsWith("a-admin-client-list"))
                            .map(Floor.Result::rows))
                    .containsExactly(25, 25);
            // Before and after list the same number of rows (the practice numbers end differently).
            for (Floor.Result old : results.subList(0, before.size())) {
                if (old.script().name().startsWith("f-")) continue;
                assertThat(results.stream()
                                .filter(r ->
                                        r.script().name().equals(old.script().name()) && r != old)
                                .map(Floor.Result::rows))
                        .as(old.script().name())
                        .containsExactly(old.rows());
            }
            // The audit size script, at 200 rows a shape, on the same migrated database.
            try (Connection c = db.connect()) {
                new AuditSize(out).measure(c, 200, Path.of("bench/sql/audit-size.sql"));
            }
            // The HTTP drivers against the app in a JVM of its own: every page answers 200 (the driver
            // stops on anything else), beside its floor; a bulk move there and back, and the clients home.
            String therapists = "select id || ' ' || therapist_id from client order by id";
            List<String> assignedBefore;
            try (BenchApp app = BenchApp.start(db, Path.of("target/bench-smoke-app.log"))) {
                Map<String, UUID> known;
                try (Connection c = db.connect()) {
                    known = Floor.knownMembers(c);
                    assignedBefore = strings(c, therapists);
                }
                Http.Options options = new Http.Options(0, 0, 20, 2, 10, 2, 2, 0.3, List.of());
                List<Http.Result> pages = new Http(out).run(db, app, known, Path.of("bench/sql/after"), options);
                assertThat(pages)
                        .extracting(r -> r.endpoint().key())
                        .containsExactly("a", "b", "c", "d", "e", "f", "g", "h");
                for (Http.Result r : pages) {
                    assertThat(r.samples()).as(r.endpoint().key()).isEqualTo(20);
                    assertThat(List.of(r.p50(), r.floorP50(), r.perSecond(), r.floorPerSecond()))
                            .as(r.endpoint().key())
                            .allSatisfy(v -> assertThat(v).isPositive());
                }
                out.println(Http.table(pages, options));
                new BulkReassign(out).run(db, app.base(), known, new BulkReassign.Options(10, 2, false));
            }
            try (Connection c = db.connect()) {
                assertThat(strings(c, "select count(*)::text from caseload_differences()"))
                        .as("the caseload relation after the bulk moves")
                        .containsExactly("0");
                assertThat(strings(c, therapists))
                        .as("every client back with its therapist")
                        .isEqualTo(assignedBefore);
            }
            String printed = log.toString(StandardCharsets.UTF_8);
            System.out.println(printed);
            assertThat(printed.toLowerCase(Locale.ROOT)).contains("| statement | rows | runs (c=1) | p50 ms");
            assertThat(printed)
                    .contains("| (a) admin: client list, first page |")
                    .contains("| POST /api/v1/clients/reassign | 10 | 3 |")
                    .contains("| list read, 50 clients | 200 |")
                    .contains("| single-client read | 200 |")
                    .contains("| write (session.scheduled) | 200 |");
        } finally {
            try (Connection c = dataSource.getConnection()) {
                exec(c, "drop database if exists " + database + " with (force)");
            }
        }
    }

    private static void exec(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static List<String> strings(Connection c, String sql) throws Exception {
        List<String> result = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                result.add(rs.getString(1));
            }
        }
        return result;
    }
}
