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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Fills a fresh database with the benchmark's shape ({@code bench/sql/generate.sql}). The keys,
 * indexes and foreign keys of the filled tables are dropped first and recreated from their
 * catalogue definitions afterwards, which validates every generated row against them (the
 * pg_restore way: minutes instead of hours). Exclusion constraints stay in place during the load.
 * Practices, members and clients load in one transaction that writes no WAL (wal_level=minimal,
 * tables truncated in it); then the sessions load on one connection per core while another builds
 * the client side's keys and indexes; then the session side's.
 */
final class Generator {

    /** Every generated member signs in with this password (the known ones are listed in the README). */
    static final String PASSWORD = "bench-password-caseload";

    static final Map<String, String> KNOWN_EMAILS = Map.of(
            "admin", "admin@big.bench.test",
            "therapist", "therapist@big.bench.test",
            "supervisor", "supervisor@big.bench.test",
            "supervisee", "supervisee@big.bench.test");

    /**
     * The tables the script fills: truncated first (empty after the migrations; truncation lets the
     * load skip the WAL), their keys, indexes and foreign keys built after the load.
     */
    private static final List<String> FILLED_TABLES = List.of(
            "practice",
            "account",
            "role",
            "member",
            "account_membership",
            "supervision",
            "client",
            "client_assignment",
            "client_risk",
            "session");

    private final PrintStream out;

    Generator(PrintStream out) {
        this.out = out;
    }

    record Options(double scale, Path dataDir, boolean replace, Path script) {}

    /** Initialises the directory, migrates, generates, and stops the server again. */
    void run(Options options) throws Exception {
        Path dir = options.dataDir();
        if (Files.exists(dir) && !isEmpty(dir)) {
            if (!options.replace()) {
                throw new IllegalStateException(dir + " already holds data; pass --replace to generate it anew");
            }
            deleteRecursively(dir);
        }
        long start = System.nanoTime();
        out.printf("Generating scale %s into %s%n", BenchDatabase.formatScale(options.scale()), dir);
        try (BenchDatabase db = BenchDatabase.embedded(dir, BenchDatabase.LOAD_SETTINGS)) {
            lap("start embedded PostgreSQL", start);
            long t = System.nanoTime();
            int migrations = db.migrate();
            lap("Flyway migrations (" + migrations + ")", t);
            try (Connection c = db.connect()) {
                generate(c, db, options);
                lap("generated, indexed, validated, vacuumed and analyzed", t);
                summary(c);
            }
        }
        out.printf("Generated in %.1f s (data directory %s)%n", seconds(start), dir.toAbsolutePath());
    }

    /** A key, index or constraint of a filled table, dropped before the load and recreated after it. */
    record Structure(String table, char kind, String name, String create, String drop, String references) {

        /** Built with the client side (on the second connection) rather than with the sessions. */
        boolean clientSide(List<String> sessionSide) {
            return !sessionSide.contains(table) && (references == null || !sessionSide.contains(references));
        }
    }

    /** The load itself, on a migrated database with empty tables. */
    void generate(Connection c, BenchDatabase db, Options options) throws Exception {
        String script = Files.readString(options.script());
        setUp(c);
        Cpu cpu = Cpu.of(c);
        boolean caseload = exists(c, "caseload");
        List<String> filled = new ArrayList<>(FILLED_TABLES);
        List<String> sessionSide = new ArrayList<>(List.of("session"));
        if (caseload) {
            filled.add("caseload");
            sessionSide.add("caseload");
        }
        c.setAutoCommit(false);
        // Exclusion constraints stay: PostgreSQL 17 builds their GiST index tuple by tuple in any
        // case, so they are filled by the parallel inserts instead of one long single-core build.
        List<Structure> structures =
                structures(c, filled).stream().filter(s -> s.kind() != 'x').toList();
        for (char kind : new char[] {'f', 'u', 'p', 'i'}) {
            for (Structure s : structures) {
                if (s.kind() == kind) {
                    exec(c, s.drop());
                }
            }
        }
        exec(c, "truncate " + String.join(", ", filled) + " cascade");
        exec(c, "drop schema if exists bench cascade");
        exec(c, "create schema bench");
        exec(c, "create unlogged table bench_settings (scale float8, password_hash text, anchor timestamptz)");
        try (PreparedStatement ps = c.prepareStatement("insert into bench_settings values (?, ?, now())")) {
            ps.setDouble(1, options.scale());
            ps.setString(
                    2, Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8().encode(PASSWORD));
            ps.executeUpdate();
        }
        List<Structure> clientSide =
                structures.stream().filter(s -> s.clientSide(sessionSide)).toList();
        List<Structure> sessionStructures =
                structures.stream().filter(s -> !s.clientSide(sessionSide)).toList();
        List<Step> steps = steps(script);
        int parts = Math.max(2, Runtime.getRuntime().availableProcessors());
        Background clientSideWork = null;
        List<Background> inserts = new ArrayList<>();
        for (Step step : steps) {
            if (step.commitBefore()) {
                long t = System.nanoTime();
                c.commit();
                c.setAutoCommit(true);
                lap("commit", t, cpu);
                clientSideWork = new Background(db, "client side", c2 -> {
                    Cpu cpu2 = Cpu.of(c2);
                    build(c2, clientSide, "  [c] ", cpu2);
                    for (String table : List.of(
                            "practice",
                            "account",
                            "role",
                            "member",
                            "account_membership",
                            "supervision",
                            "client",
                            "client_assignment",
                            "client_risk")) {
                        long t2 = System.nanoTime();
                        exec(c2, "vacuum (analyze) " + table);
                        lap("  [c] vacuum (analyze) " + table, t2, cpu2);
                    }
                });
            }
            if (step.parallel()) {
                for (int part = 0; part < parts; part++) {
                    String sql = SqlText.substitute(
                            step.sql(), Map.of("part", Integer.toString(part), "parts", Integer.toString(parts)));
                    String label = "  [" + part + "] " + step.name() + " (part " + (part + 1) + " of " + parts + ")";
                    inserts.add(new Background(db, label, c2 -> {
                        Cpu cpu2 = Cpu.of(c2);
                        long t2 = System.nanoTime();
                        for (String statement : SqlText.statements(sql)) {
                            exec(c2, statement);
                        }
                        lap(label, t2, cpu2);
                    }));
                }
                continue;
            }
            Background.joinAll(inserts);
            inserts.clear();
            long t = System.nanoTime();
            for (String statement : SqlText.statements(step.sql())) {
                exec(c, statement);
            }
            lap(step.name(), t, cpu);
        }
        Background.joinAll(inserts);
        c.setAutoCommit(true);
        // The session side: primary key alone (it locks the table), then the other indexes in parallel.
        List<Structure> sessionKeys = new ArrayList<>();
        List<Structure> sessionIndexes = new ArrayList<>();
        List<Structure> sessionForeignKeys = new ArrayList<>();
        for (Structure s : sessionStructures) {
            if (s.table().equals("caseload")) {
                continue;
            }
            (s.kind() == 'f' ? sessionForeignKeys : s.kind() == 'i' ? sessionIndexes : sessionKeys).add(s);
        }
        build(c, sessionKeys, "", cpu);
        List<Background> indexBuilds = new ArrayList<>();
        for (int part = 0; part < parts; part++) {
            List<Structure> share = new ArrayList<>();
            for (int i = part; i < sessionIndexes.size(); i += parts) {
                share.add(sessionIndexes.get(i));
            }
            String prefix = "  [" + part + "] ";
            indexBuilds.add(new Background(db, "session indexes", c2 -> build(c2, share, prefix, Cpu.of(c2))));
        }
        Background.joinAll(indexBuilds);
        if (caseload) {
            // Truncated and filled in one transaction: no WAL with wal_level=minimal.
            c.setAutoCommit(false);
            exec(c, "truncate caseload");
            long t = System.nanoTime();
            exec(c, "insert into caseload select * from caseload_expected");
            lap("caseload from caseload_expected", t, cpu);
            build(
                    c,
                    sessionStructures.stream()
                            .filter(s -> s.table().equals("caseload") && s.kind() != 'f')
                            .toList(),
                    "",
                    cpu);
            c.commit();
            c.setAutoCommit(true);
            sessionForeignKeys.addAll(sessionStructures.stream()
                    .filter(s -> s.table().equals("caseload") && s.kind() == 'f')
                    .toList());
        }
        if (clientSideWork != null) {
            clientSideWork.join();
        }
        build(c, sessionForeignKeys, "", cpu);
        if (exists(c, "public.practice_count")) {
            // The practice numbers are kept by triggers too (V33): one row per practice from a recount.
            long t = System.nanoTime();
            exec(c, "truncate practice_count");
            // Every client of the practice is kept too since V39.
            boolean allClients = hasColumn(c, "practice_count", "all_clients");
            exec(c, """
                    insert into practice_count (practice_id, active_clients, high_risk_clients, pending_notes%s)
                    select p.id,
                           (select coalesce(sum(k.active), 0) from client cl
                            cross join lateral practice_count_of_client(cl.status, cl.risk_level) k
                            where cl.practice_id = p.id),
                           (select coalesce(sum(k.high_risk), 0) from client cl
                            cross join lateral practice_count_of_client(cl.status, cl.risk_level) k
                            where cl.practice_id = p.id),
                           (select coalesce(sum(practice_count_of_session(s.status, s.note_status)), 0)
                            from session s where s.practice_id = p.id)%s
                    from practice p""".formatted(
                            allClients ? ", all_clients" : "",
                            allClients ? ", (select count(*) from client cl where cl.practice_id = p.id)" : ""));
            lap("practice_count from a recount", t, cpu);
        }
        if (exists(c, "public.client_numbers")) {
            // Each client's numbers are kept by triggers too (V38): one row per client with a completed session.
            long t = System.nanoTime();
            exec(c, "truncate client_numbers");
            exec(c, "insert into client_numbers select * from client_numbers_expected");
            lap("client_numbers from a recount", t, cpu);
        }
        if (caseload) {
            exec(c, "reset session_replication_role");
        }
        exec(c, "drop schema bench cascade");
        List<Background> vacuums = new ArrayList<>();
        for (String table : sessionSide) {
            vacuums.add(new Background(db, "vacuum " + table, c2 -> {
                Cpu cpu2 = Cpu.of(c2);
                long t2 = System.nanoTime();
                exec(c2, "vacuum (analyze) " + table);
                lap("vacuum (analyze) " + table, t2, cpu2);
            }));
        }
        Background.joinAll(vacuums);
    }

    /** Session settings of every loading connection (session level only; the server keeps its defaults). */
    private static void setUp(Connection c) throws SQLException {
        exec(c, "set search_path = bench, public");
        exec(c, "set work_mem = '256MB'");
        exec(c, "set maintenance_work_mem = '1GB'");
        exec(c, "set synchronous_commit = off");
        if (exists(c, "public.caseload")) {
            // The lead's caseload relation is kept by triggers on client and session: off during the
            // load, filled from its reference view at the end instead.
            exec(c, "set session_replication_role = replica");
        }
    }

    /** Work on a connection of its own, in a thread of its own. */
    private static final class Background {

        interface Work {
            void run(Connection c) throws Exception;
        }

        private final Thread thread;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final String name;

        Background(BenchDatabase db, String name, Work work) {
            this.name = name;
            this.thread = new Thread(
                    () -> {
                        try (Connection c = db.connect()) {
                            setUp(c);
                            work.run(c);
                        } catch (Throwable e) {
                            failure.set(e);
                        }
                    },
                    name);
            thread.start();
        }

        void join() throws InterruptedException {
            thread.join();
            if (failure.get() != null) {
                throw new IllegalStateException(
                        name + " failed: " + failure.get().getMessage(), failure.get());
            }
        }

        static void joinAll(List<Background> all) throws InterruptedException {
            for (Background b : all) {
                b.join();
            }
        }
    }

    /** Creates the structures in a safe order: keys, indexes, exclusion constraints, foreign keys. */
    private void build(Connection c, List<Structure> structures, String prefix, Cpu cpu) throws SQLException {
        for (char kind : new char[] {'p', 'u', 'i', 'x', 'f'}) {
            for (Structure s : structures) {
                if (s.kind() == kind) {
                    long t = System.nanoTime();
                    exec(c, s.create());
                    lap(prefix + describe(s), t, cpu);
                }
            }
        }
    }

    private static String describe(Structure s) {
        String what = switch (s.kind()) {
            case 'p' -> "primary key";
            case 'u' -> "unique constraint";
            case 'x' -> "exclusion constraint";
            case 'f' -> "foreign key";
            default -> "index";
        };
        return what + " " + s.table() + "." + s.name();
    }

    /**
     * The tables' keys, unique and exclusion constraints, the indexes that back none of them,
     * and every foreign key from or to them.
     */
    private static List<Structure> structures(Connection c, List<String> tables) throws SQLException {
        String tableList = "array["
                + String.join(",", tables.stream().map(t -> "'" + t + "'").toList()) + "]";
        List<Structure> result = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("""
                        with bulk as (select to_regclass(t) as oid from unnest(%s) t)
                        select con.conrelid::regclass::text as tbl, con.conname, con.contype,
                               pg_get_constraintdef(con.oid) as def,
                               case when con.contype = 'f' then con.confrelid::regclass::text end as refs
                        from pg_constraint con
                        where (con.conrelid in (select oid from bulk) and con.contype in ('p', 'u', 'x', 'f'))
                           or (con.confrelid in (select oid from bulk) and con.contype = 'f')
                        order by con.conrelid::regclass::text, con.conname""".formatted(tableList))) {
            while (rs.next()) {
                String alter = "alter table " + rs.getString("tbl") + " ";
                String name = quoteIdent(rs.getString("conname"));
                result.add(new Structure(
                        rs.getString("tbl"),
                        rs.getString("contype").charAt(0),
                        rs.getString("conname"),
                        alter + "add constraint " + name + " " + rs.getString("def"),
                        alter + "drop constraint " + name,
                        rs.getString("refs")));
            }
        }
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("""
                        select i.indrelid::regclass::text as tbl, i.indexrelid::regclass::text as name,
                               pg_get_indexdef(i.indexrelid) as def
                        from pg_index i
                        where i.indrelid = any(array(select to_regclass(t) from unnest(%s) t))
                          and not exists (select 1 from pg_constraint con where con.conindid = i.indexrelid
                                          and con.conrelid = i.indrelid)
                        order by i.indrelid::regclass::text, i.indexrelid::regclass::text""".formatted(tableList))) {
            while (rs.next()) {
                result.add(new Structure(
                        rs.getString("tbl"),
                        'i',
                        rs.getString("name"),
                        rs.getString("def"),
                        "drop index " + rs.getString("name"),
                        null));
            }
        }
        return result;
    }

    /** What was made, and the known members of the big practice. */
    void summary(Connection c) throws SQLException {
        out.println();
        out.println("| what | count |");
        out.println("|---|---:|");
        for (String table :
                List.of("practice", "account", "member", "supervision", "client", "client_assignment", "session")) {
            out.printf("| %s | %,d |%n", table, count(c, "select count(*) from " + table));
        }
        if (exists(c, "caseload")) {
            out.printf("| caseload | %,d |%n", count(c, "select count(*) from caseload"));
        }
        String big = "(select id from practice where name = 'Big Bench Practice')";
        Map<String, String> bigCounts = new LinkedHashMap<>();
        bigCounts.put(
                "big practice: members (current)",
                "select count(*) from member where practice_id = " + big + " and removed_at is null");
        bigCounts.put(
                "big practice: current supervisions",
                "select count(*) from supervision where practice_id = " + big + " and ended_at is null");
        bigCounts.put(
                "big practice: clients (direct)",
                "select count(*) from client where practice_id = " + big + " and kind = 'DIRECT'");
        bigCounts.put(
                "big practice: clients (practice)",
                "select count(*) from client where practice_id = " + big + " and kind = 'PRACTICE'");
        bigCounts.put("big practice: sessions", "select count(*) from session where practice_id = " + big);
        bigCounts.put("big practice: walk-in sessions (not cancelled)", """
                select count(*) from session s join client c on c.practice_id = s.practice_id and c.id = s.client_id
                where s.practice_id = %s and c.kind = 'PRACTICE' and s.therapist_id <> c.therapist_id
                  and s.status <> 'CANCELLED'""".formatted(big));
        bigCounts.put(
                "big practice: sessions in the last 30 days",
                "select count(*) from session where practice_id = " + big
                        + " and starts_at between now() - interval '30 days' and now()");
        bigCounts.put(
                "big practice: pending notes (completed, not signed)",
                "select count(*) from session" + " where practice_id = " + big
                        + " and status = 'COMPLETED' and note_status <> 'SIGNED'");
        bigCounts.put("practices with 10k+ clients", """
                select count(*) from (select practice_id from client group by practice_id having count(*) >= 10000) x""");
        bigCounts.put("practices with 50-200 clients", """
                select count(*) from (select practice_id from client group by practice_id
                                      having count(*) between 50 and 200) x""");
        for (Map.Entry<String, String> e : bigCounts.entrySet()) {
            out.printf("| %s | %,d |%n", e.getKey(), count(c, e.getValue()));
        }
        out.println();
        out.println("Known members of the big practice (password: " + PASSWORD + "):");
        out.println();
        out.println("| who | email | member id | role | clients held | current supervisees |");
        out.println("|---|---|---|---|---:|---:|");
        for (Map.Entry<String, String> known : List.of(
                Map.entry("admin", KNOWN_EMAILS.get("admin")),
                Map.entry("therapist", KNOWN_EMAILS.get("therapist")),
                Map.entry("supervisor", KNOWN_EMAILS.get("supervisor")),
                Map.entry("supervisee", KNOWN_EMAILS.get("supervisee")))) {
            try (PreparedStatement ps = c.prepareStatement("""
                    select m.id, r.name,
                           (select count(*) from client c where c.practice_id = m.practice_id
                              and c.therapist_id = m.id) as clients,
                           (select count(*) from supervision s where s.practice_id = m.practice_id
                              and s.supervisor_id = m.id and s.ended_at is null) as supervisees
                    from account a join member m on m.account_id = a.id
                    join role r on r.practice_id = m.practice_id and r.id = m.role_id
                    where lower(a.email) = lower(?)""")) {
                ps.setString(1, known.getValue());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.printf(
                                "| %s | %s | %s | %s | %,d | %d |%n",
                                known.getKey(),
                                known.getValue(),
                                rs.getString("id"),
                                rs.getString("name"),
                                rs.getLong("clients"),
                                rs.getLong("supervisees"));
                    }
                }
            }
        }
        out.println();
    }

    /**
     * A named part of the script; {@code commitBefore} when a {@code -- @commit} line precedes it,
     * {@code parallel} for a {@code -- @parallel-step}, run once per part on connections of its own.
     */
    record Step(String name, String sql, boolean commitBefore, boolean parallel) {}

    /** The script's steps ({@code -- @step name} lines), in order. */
    static List<Step> steps(String script) {
        List<Step> steps = new ArrayList<>();
        String name = "preamble";
        boolean commit = false;
        boolean parallel = false;
        boolean pendingCommit = false;
        StringBuilder body = new StringBuilder();
        for (String line : script.split("\n", -1)) {
            boolean step = line.startsWith("-- @step ") || line.startsWith("-- @parallel-step ");
            if (step || line.strip().equals("-- @commit")) {
                if (!SqlText.isBlank(body.toString())) {
                    steps.add(new Step(name, body.toString(), commit, parallel));
                    commit = false;
                }
                body.setLength(0);
                if (step) {
                    parallel = line.startsWith("-- @parallel-step ");
                    name = line.substring(line.indexOf("step ") + "step ".length())
                            .strip();
                    commit = commit || pendingCommit;
                    pendingCommit = false;
                } else {
                    pendingCommit = true;
                }
            } else {
                body.append(line).append('\n');
            }
        }
        if (!SqlText.isBlank(body.toString())) {
            steps.add(new Step(name, body.toString(), commit, parallel));
        }
        return steps;
    }

    static boolean hasColumn(Connection c, String table, String column) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select exists (select 1 from information_schema.columns"
                + " where table_schema = 'public' and table_name = ? and column_name = ?)")) {
            ps.setString(1, table);
            ps.setString(2, column);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    static boolean exists(Connection c, String relation) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select to_regclass(?) is not null")) {
            ps.setString(1, relation);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new SQLException(e.getMessage() + "\n  in: " + sql, e.getSQLState(), e);
        }
    }

    private static String quoteIdent(String name) {
        return name.matches("[a-z_][a-z0-9_]*") ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private void lap(String what, long startNanos) {
        synchronized (out) {
            out.printf("  %6.1f s            %s%n", seconds(startNanos), what);
            out.flush();
        }
    }

    /** Wall time and the backend's CPU time (Linux; parallel workers not included) since the mark. */
    private void lap(String what, long startNanos, Cpu cpu) {
        synchronized (out) {
            out.printf("  %6.1f s  cpu %6.1f  %s%n", seconds(startNanos), cpu.lap(), what);
            out.flush();
        }
    }

    /** The CPU seconds a backend has used, read from /proc (NaN elsewhere). */
    static final class Cpu {

        private final Path stat;
        private double last;

        private Cpu(Path stat) {
            this.stat = stat;
            this.last = read();
        }

        static Cpu of(Connection c) throws SQLException {
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
                rs.next();
                return new Cpu(Path.of("/proc", rs.getString(1), "stat"));
            }
        }

        double lap() {
            double now = read();
            double used = now - last;
            last = now;
            return used;
        }

        private double read() {
            try {
                String text = Files.readString(stat);
                String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
                // utime and stime are fields 14 and 15 of /proc/<pid>/stat, in clock ticks (100 per second)
                return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
            } catch (IOException | RuntimeException e) {
                return Double.NaN;
            }
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
