package app.caseload.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The bare-SQL floor: named statement files, parameters bound to the big practice's known members,
 * each file run N times at concurrency 1 (p50/p99 from the sorted latencies) and for a fixed time at
 * concurrency C (executions per second), over JDBC prepared statements (PgJDBC's defaults, as the
 * app's pool uses them: server-side prepared after 5 executions, then PostgreSQL's plan cache).
 *
 * <p>A file may hold several statements (separated by {@code ;}): they run in order, in autocommit,
 * and are timed together, as one request. Parameters are {@code :name}; each is bound by a
 * {@code -- @bind name = value} line, where value is a known name ({@code practice}, {@code admin},
 * {@code therapist}, {@code supervisor}, {@code supervisee}), an integer, {@code true}, {@code false}
 * or {@code null}. A {@code -- @title ...} line names the row of the table.
 */
final class Floor {

    private static final Pattern BIND = Pattern.compile("^--\\s*@bind\\s+(\\w+)\\s*=\\s*(\\S+)\\s*$");
    private static final Pattern TITLE = Pattern.compile("^--\\s*@title\\s+(.+)$");
    private static final Pattern EXECUTION_TIME = Pattern.compile("^Execution Time: ([0-9.]+) ms$");

    private final PrintStream out;

    Floor(PrintStream out) {
        this.out = out;
    }

    /**
     * {@code iterations} timed executions at concurrency 1 (fewer, but at least 20, when they would
     * take longer than {@code maxSeconds}), after {@code warmup}; then {@code seconds} of
     * {@code concurrency} threads.
     */
    record Options(
            List<Path> files,
            int iterations,
            int warmup,
            double maxSeconds,
            int concurrency,
            double seconds,
            boolean explain) {}

    /** One statement file, parsed. */
    record Script(String name, String title, List<SqlText.Jdbc> statements, Map<String, String> binds) {}

    record Result(Script script, int rows, int samples, double p50, double p99, double mean, double perSecond) {}

    static List<Path> files(Path dirOrFile, List<String> only) throws IOException {
        List<Path> files;
        if (Files.isDirectory(dirOrFile)) {
            try (Stream<Path> list = Files.list(dirOrFile)) {
                files = list.filter(p -> p.getFileName().toString().endsWith(".sql"))
                        .sorted()
                        .toList();
            }
        } else {
            files = List.of(dirOrFile);
        }
        if (only.isEmpty()) {
            return files;
        }
        return files.stream()
                .filter(f ->
                        only.stream().anyMatch(o -> f.getFileName().toString().startsWith(o)))
                .toList();
    }

    static Script parse(Path file) throws IOException {
        String text = Files.readString(file);
        Map<String, String> binds = new LinkedHashMap<>();
        String name = file.getFileName().toString().replaceFirst("\\.sql$", "");
        String title = name;
        for (String line : text.split("\n")) {
            Matcher bind = BIND.matcher(line.strip());
            if (bind.matches()) {
                binds.put(bind.group(1), bind.group(2));
            }
            Matcher t = TITLE.matcher(line.strip());
            if (t.matches()) {
                title = t.group(1).strip();
            }
        }
        List<SqlText.Jdbc> statements =
                SqlText.statements(text).stream().map(SqlText::jdbc).toList();
        for (SqlText.Jdbc statement : statements) {
            for (String param : statement.names()) {
                if (!binds.containsKey(param)) {
                    throw new IllegalArgumentException(file + ": no -- @bind line for :" + param);
                }
            }
        }
        return new Script(name, title, statements, binds);
    }

    /** The big practice and its known members, by the generator's emails. */
    static Map<String, UUID> knownMembers(Connection c) throws SQLException {
        Map<String, UUID> known = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select m.practice_id, m.id from account a join member m on m.account_id = a.id
                where lower(a.email) = lower(?) and m.removed_at is null""")) {
            for (Map.Entry<String, String> e : Generator.KNOWN_EMAILS.entrySet()) {
                ps.setString(1, e.getValue());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException(
                                "No member " + e.getValue() + ": is this a database made by bench/bench generate?");
                    }
                    known.put("practice", rs.getObject(1, UUID.class));
                    known.put(e.getKey(), rs.getObject(2, UUID.class));
                }
            }
        }
        return known;
    }

    /** A file's statements prepared on one connection, bound once, executed again and again. */
    static final class Prepared implements AutoCloseable {

        private final List<PreparedStatement> statements = new ArrayList<>();

        Prepared(Connection c, Script script, Map<String, UUID> known) throws SQLException {
            for (SqlText.Jdbc jdbc : script.statements()) {
                PreparedStatement ps = c.prepareStatement(jdbc.sql());
                for (int i = 0; i < jdbc.names().size(); i++) {
                    bind(ps, i + 1, script.binds().get(jdbc.names().get(i)), known);
                }
                statements.add(ps);
            }
        }

        /** Runs every statement, reading every row; answers the row count (or update count) of the last one. */
        int execute() throws SQLException {
            int rows = 0;
            for (PreparedStatement ps : statements) {
                rows = 0;
                if (!ps.execute()) {
                    // A write (bench/sql/writes) or a setting: no rows to read.
                    rows = Math.max(0, ps.getUpdateCount());
                    continue;
                }
                try (ResultSet rs = ps.getResultSet()) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            rs.getObject(i);
                        }
                        rows++;
                    }
                }
            }
            return rows;
        }

        @Override
        public void close() throws SQLException {
            for (PreparedStatement ps : statements) {
                ps.close();
            }
        }
    }

    static void bind(PreparedStatement ps, int index, String value, Map<String, UUID> known) throws SQLException {
        if (known.containsKey(value)) {
            ps.setObject(index, known.get(value));
        } else if (value.equals("true") || value.equals("false")) {
            ps.setBoolean(index, Boolean.parseBoolean(value));
        } else if (value.equals("null")) {
            ps.setNull(index, Types.OTHER);
        } else if (value.matches("-?\\d+")) {
            ps.setInt(index, Integer.parseInt(value));
        } else {
            throw new IllegalArgumentException(
                    "Cannot bind '" + value + "': not a known member, integer, boolean or null");
        }
    }

    List<Result> run(BenchDatabase db, Options options) throws Exception {
        List<Script> scripts = new ArrayList<>();
        for (Path file : options.files()) {
            scripts.add(parse(file));
        }
        Map<String, UUID> known;
        String header;
        try (Connection c = db.connect()) {
            known = knownMembers(c);
            header = describe(c);
        }
        out.println(header);
        // Every latency first, then every throughput: a latency taken right after 16 callers' storm of the
        // previous file (its autovacuum, its checkpoint) measured that storm as much as the statement.
        List<Result> latencies = new ArrayList<>();
        for (Script script : scripts) {
            latencies.add(latency(db, script, known, options));
        }
        List<Result> results = new ArrayList<>();
        for (Result latency : latencies) {
            // Each thread runs a statement at least 6 times first (PgJDBC prepares it on the server at
            // the 5th), unless that would take long.
            int threadWarmup = latency.mean() > 20 ? 1 : 6;
            double perSecond =
                    concurrent(db, latency.script(), known, options.concurrency(), options.seconds(), threadWarmup);
            Result result = new Result(
                    latency.script(),
                    latency.rows(),
                    latency.samples(),
                    latency.p50(),
                    latency.p99(),
                    latency.mean(),
                    perSecond);
            Script script = result.script();
            results.add(result);
            out.printf(
                    Locale.ROOT,
                    "  %-40s p50 %8.3f ms  p99 %8.3f ms  %8.1f/s at %d%n",
                    script.name(),
                    result.p50(),
                    result.p99(),
                    result.perSecond(),
                    options.concurrency());
            out.flush();
        }
        out.println();
        out.printf(
                Locale.ROOT,
                "| statement | rows | runs (c=1) | p50 ms (c=1) | p99 ms (c=1) | mean ms (c=1) | executions/s (c=%d) |%n",
                options.concurrency());
        out.println("|---|---:|---:|---:|---:|---:|---:|");
        for (Result r : results) {
            out.printf(
                    Locale.ROOT,
                    "| %s | %d | %d | %s | %s | %s | %s |%n",
                    r.script().title(),
                    r.rows(),
                    r.samples(),
                    ms(r.p50()),
                    ms(r.p99()),
                    ms(r.mean()),
                    perSecond(r.perSecond()));
        }
        out.println();
        out.printf(
                Locale.ROOT,
                "c=1: %d executions per file (fewer, but at least %d, past ~%s s) after up to %d warm-up; c=%d:"
                        + " %s s per file, one connection per thread. Rows: of the file's last statement."
                        + " Load average at the end: %s%n",
                options.iterations(),
                Math.min(20, options.iterations()),
                ms(options.maxSeconds()),
                options.warmup(),
                options.concurrency(),
                ms(options.seconds()),
                loadAverage());
        if (options.explain()) {
            out.println();
            try (Connection c = db.connect()) {
                for (Script script : scripts) {
                    explain(c, script, known);
                }
            }
        }
        return results;
    }

    /** The statement's latency at concurrency 1 (its throughput is not measured yet: NaN). */
    private Result latency(BenchDatabase db, Script script, Map<String, UUID> known, Options options) throws Exception {
        long[] nanos = new long[options.iterations()];
        int count = 0;
        int rows;
        try (Connection c = db.connect();
                Prepared prepared = new Prepared(c, script, known)) {
            long warmupStart = System.nanoTime();
            for (int i = 0; i < options.warmup() && seconds(warmupStart) < options.maxSeconds() / 2; i++) {
                prepared.execute();
            }
            rows = prepared.execute();
            long start = System.nanoTime();
            while (count < nanos.length && (count < 20 || seconds(start) < options.maxSeconds())) {
                long t = System.nanoTime();
                prepared.execute();
                nanos[count++] = System.nanoTime() - t;
            }
        }
        nanos = Arrays.copyOf(nanos, count);
        Arrays.sort(nanos);
        double mean = Arrays.stream(nanos).average().orElse(0) / 1e6;
        return new Result(script, rows, count, percentile(nanos, 0.50), percentile(nanos, 0.99), mean, Double.NaN);
    }

    /** Executions per second with {@code threads} threads, each on its own connection, for {@code seconds}. */
    static double concurrent(
            BenchDatabase db, Script script, Map<String, UUID> known, int threads, double seconds, int warmup)
            throws Exception {
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long[] counts = new long[threads];
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            int id = w;
            Thread thread = new Thread(
                    () -> {
                        try (Connection c = db.connect();
                                Prepared prepared = new Prepared(c, script, known)) {
                            for (int i = 0; i < warmup; i++) {
                                prepared.execute();
                            }
                            ready.countDown();
                            go.await();
                            long n = 0;
                            while (!stop.get()) {
                                prepared.execute();
                                n++;
                            }
                            counts[id] = n;
                        } catch (Throwable e) {
                            failure.compareAndSet(null, e);
                            ready.countDown();
                        }
                    },
                    "floor-" + w);
            workers.add(thread);
            thread.start();
        }
        ready.await();
        long start = System.nanoTime();
        go.countDown();
        Thread.sleep((long) (seconds * 1000));
        stop.set(true);
        for (Thread t : workers) {
            t.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (failure.get() != null) {
            throw new IllegalStateException(script.name() + " failed at concurrency " + threads, failure.get());
        }
        return Arrays.stream(counts).sum() / elapsed;
    }

    /**
     * EXPLAIN (ANALYZE, BUFFERS) of each statement of the file: after 5 warm-up runs of the whole
     * file, three explained runs, of which the one with the median total execution time is printed.
     */
    void explain(Connection c, Script script, Map<String, UUID> known) throws SQLException {
        try (Prepared prepared = new Prepared(c, script, known)) {
            for (int i = 0; i < 5; i++) {
                prepared.execute();
            }
        }
        List<List<List<String>>> runs = new ArrayList<>();
        List<Double> totals = new ArrayList<>();
        for (int run = 0; run < 3; run++) {
            List<List<String>> plans = new ArrayList<>();
            double total = 0;
            for (SqlText.Jdbc jdbc : script.statements()) {
                List<String> plan = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("explain (analyze, buffers) " + jdbc.sql())) {
                    for (int i = 0; i < jdbc.names().size(); i++) {
                        bind(ps, i + 1, script.binds().get(jdbc.names().get(i)), known);
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            String line = rs.getString(1);
                            plan.add(line);
                            Matcher time = EXECUTION_TIME.matcher(line);
                            if (time.matches()) {
                                total += Double.parseDouble(time.group(1));
                            }
                        }
                    }
                }
                plans.add(plan);
            }
            runs.add(plans);
            totals.add(total);
        }
        List<Double> sorted = totals.stream().sorted().toList();
        List<List<String>> median = runs.get(totals.indexOf(sorted.get(1)));
        out.println("### " + script.title());
        out.println();
        out.printf(
                Locale.ROOT,
                "Execution time of the three explained runs: %s ms (the median one shown).%n%n",
                String.join(", ", totals.stream().map(Floor::ms).toList()));
        for (List<String> plan : median) {
            out.println("```");
            plan.forEach(out::println);
            out.println("```");
            out.println();
        }
    }

    static String ms(double value) {
        return String.format(Locale.ROOT, value < 10 ? "%.2f" : value < 100 ? "%.1f" : "%,.0f", value);
    }

    private static String perSecond(double value) {
        return String.format(Locale.ROOT, value < 10 ? "%.1f" : "%,.0f", value);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    static double percentile(long[] sortedNanos, double q) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(q * sortedNanos.length) - 1;
        return sortedNanos[Math.max(0, Math.min(index, sortedNanos.length - 1))] / 1e6;
    }

    private static String describe(Connection c) throws SQLException {
        StringBuilder b = new StringBuilder();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("""
                        select current_setting('server_version'), current_setting('shared_buffers'),
                               current_setting('work_mem'), current_setting('fsync'),
                               (select count(*) from client), (select count(*) from session),
                               pg_size_pretty(pg_database_size(current_database()))""")) {
            rs.next();
            b.append(String.format(
                    Locale.ROOT,
                    "Floor run %s: PostgreSQL %s (shared_buffers %s, work_mem %s, fsync %s), %,d clients,"
                            + " %,d sessions, database %s; load average at start: %s",
                    Instant.now(),
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getLong(5),
                    rs.getLong(6),
                    rs.getString(7),
                    loadAverage()));
        }
        return b.toString();
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }
}
