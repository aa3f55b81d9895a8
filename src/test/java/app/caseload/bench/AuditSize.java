package app.caseload.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

/**
 * {@code bench/bench audit-size}: what an audit row costs on disk per typical shape, indexes included,
 * measured by {@code bench/sql/audit-size.sql} on a fresh embedded database migrated by the app's own
 * migrations (so the partitioned table of V40 is what is measured). The database lives in a temporary
 * folder under {@code target/} and is deleted afterwards unless {@code --data-dir} names one.
 */
final class AuditSize {

    record Options(int rows, Path script, Path dataDir) {}

    private final PrintStream out;

    AuditSize(PrintStream out) {
        this.out = out;
    }

    void run(Options options) throws Exception {
        boolean temporary = options.dataDir() == null;
        Path dir = temporary
                ? Files.createTempDirectory(Files.createDirectories(Path.of("target")), "audit-size-")
                : options.dataDir();
        try (BenchDatabase db = BenchDatabase.embedded(dir, Map.of())) {
            db.migrate();
            try (Connection c = db.connect()) {
                measure(c, options.rows(), options.script());
            }
        } finally {
            if (temporary) {
                Generator.deleteRecursively(dir);
            }
        }
    }

    /** Runs the script's steps on a migrated database (the smoke test's too) and prints the table. */
    void measure(Connection c, int rows, Path script) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("set bench.audit_rows = " + rows);
            for (Generator.Step step : Generator.steps(Files.readString(script))) {
                long start = System.nanoTime();
                if (step.name().equals("report")) {
                    report(s, step.sql(), rows);
                } else {
                    s.execute(step.sql());
                    out.printf("  %6.1f s  %s%n", (System.nanoTime() - start) / 1e9, step.name());
                }
            }
        }
    }

    private void report(Statement s, String sql, int rows) throws Exception {
        out.println();
        out.printf("Audit rows on disk, %,d rows per shape, bytes per row (PostgreSQL 17, after VACUUM)%n%n", rows);
        out.println(
                "| shape | rows | row (pg_column_size) | client_ids | heap | actor idx | clients GIN | pkey (id, at)"
                        + " | practice idx | target idx | total (pg_total_relation_size) |");
        out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.println(rs.getString(1));
            }
        }
    }
}
