package app.caseload.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The benchmark's command line (run through {@code bench/bench}, see {@code bench/README.md}).
 *
 * <pre>
 * generate [--scale 1] [--data-dir DIR] [--replace]
 * floor    [--scale 1 | --data-dir DIR | --url JDBC_URL [--user U] [--password P]]
 *          [--sql bench/sql/before] [--only a,b] [--n 300] [--warmup 30] [--max-seconds 30] [--concurrency 16] [--seconds 10]
 *          [--explain] [--no-migrate]
 * explain  (the same options as floor: EXPLAIN (ANALYZE, BUFFERS) only, no timing)
 * http     (the options of floor, --sql defaulting to bench/sql/after, --n to 1000, and [--rounds 5]
 *          [--warmup-seconds 30] [--warmup-limit-seconds 600]): the app, in a JVM of its own, over HTTP
 *          beside the floor, their c=1 latencies in alternating blocks, after a warm-up of at least
 *          --warmup-seconds that goes on until the app's JIT compilers are quiet (or the limit)
 * reassign [--scale 1 | --data-dir DIR] [--clients 10000] [--runs 3] [--settle]
 *                                           POST /clients/reassign of that many clients, there and back, over HTTP
 *                                           (--settle: vacuum the tables a move writes before each move)
 * serve    [--scale 1 | --data-dir DIR]   starts the database and waits (psql against it; Ctrl-C stops it)
 * audit-size [--rows 100000] [--data-dir DIR]   bytes per audit row and shape, indexes included
 * startup  [--runs 3] [--jar target/caseload.jar] [--jvm-opts "..."] [--timeout 180] [--keep] [--cds]
 *          first start on an empty data directory and restart, each in a child JVM, to health UP
 * </pre>
 */
public final class Bench {

    private static final Set<String> FLAGS = Set.of("replace", "explain", "no-migrate", "keep", "cds", "settle");

    private Bench() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
            return;
        }
        Map<String, String> o = options(Arrays.copyOfRange(args, 1, args.length));
        double scale = Double.parseDouble(o.getOrDefault("scale", "1"));
        Path dataDir = Path.of(
                o.getOrDefault("data-dir", BenchDatabase.defaultDataDir(scale).toString()));
        switch (args[0]) {
            case "generate" ->
                new Generator(System.out)
                        .run(new Generator.Options(
                                scale,
                                dataDir,
                                o.containsKey("replace"),
                                Path.of(o.getOrDefault("script", "bench/sql/generate.sql"))));
            case "floor", "explain" -> {
                boolean explainOnly = args[0].equals("explain");
                List<String> only =
                        o.containsKey("only") ? List.of(o.get("only").split(",")) : List.of();
                Floor.Options options = new Floor.Options(
                        Floor.files(Path.of(o.getOrDefault("sql", "bench/sql/before")), only),
                        Integer.parseInt(o.getOrDefault("n", "300")),
                        Integer.parseInt(o.getOrDefault("warmup", "30")),
                        Double.parseDouble(o.getOrDefault("max-seconds", "30")),
                        Integer.parseInt(o.getOrDefault("concurrency", "16")),
                        Double.parseDouble(o.getOrDefault("seconds", "10")),
                        explainOnly || o.containsKey("explain"));
                try (BenchDatabase db = open(o, dataDir)) {
                    prepare(db, o);
                    Floor floor = new Floor(System.out);
                    if (explainOnly) {
                        try (Connection c = db.connect()) {
                            var known = Floor.knownMembers(c);
                            for (Path file : options.files()) {
                                floor.explain(c, Floor.parse(file), known);
                            }
                        }
                    } else {
                        floor.run(db, options);
                    }
                }
            }
            case "http" -> {
                // The app over HTTP and the bare SQL of the same pages, in one run, one table.
                List<String> only =
                        o.containsKey("only") ? List.of(o.get("only").split(",")) : List.of();
                int concurrency = Integer.parseInt(o.getOrDefault("concurrency", "16"));
                double seconds = Double.parseDouble(o.getOrDefault("seconds", "10"));
                int warmup = Integer.parseInt(o.getOrDefault("warmup", "30"));
                double maxSeconds = Double.parseDouble(o.getOrDefault("max-seconds", "30"));
                try (BenchDatabase db = open(o, dataDir)) {
                    prepare(db, o);
                    Map<String, java.util.UUID> known;
                    try (Connection c = db.connect()) {
                        known = Floor.knownMembers(c);
                    }
                    Http.Options options = new Http.Options(
                            Double.parseDouble(o.getOrDefault("warmup-seconds", "30")),
                            Double.parseDouble(o.getOrDefault("warmup-limit-seconds", "600")),
                            Integer.parseInt(o.getOrDefault("n", "1000")),
                            warmup,
                            maxSeconds,
                            Integer.parseInt(o.getOrDefault("rounds", "5")),
                            concurrency,
                            seconds,
                            only);
                    System.out.println(
                            "HTTP run " + java.time.Instant.now() + "; load average at start: " + Floor.loadAverage());
                    List<Http.Result> results;
                    try (BenchApp app = BenchApp.start(db, Path.of("target/bench-app.log"))) {
                        results = new Http(System.out)
                                .run(db, app, known, Path.of(o.getOrDefault("sql", "bench/sql/after")), options);
                    }
                    System.out.println();
                    System.out.println(Http.table(results, options));
                }
            }
            case "reassign" -> {
                // POST /clients/reassign of N clients over HTTP (issue 9: 10,000 in at most 1 s).
                try (BenchDatabase db = open(o, dataDir)) {
                    prepare(db, o);
                    Map<String, java.util.UUID> known;
                    try (Connection c = db.connect()) {
                        known = Floor.knownMembers(c);
                    }
                    try (BenchApp app = BenchApp.start(db, Path.of("target/bench-app.log"))) {
                        new BulkReassign(System.out)
                                .run(
                                        db,
                                        app.base(),
                                        known,
                                        new BulkReassign.Options(
                                                Integer.parseInt(o.getOrDefault("clients", "10000")),
                                                Integer.parseInt(o.getOrDefault("runs", "3")),
                                                o.containsKey("settle")));
                    }
                }
            }
            case "serve" -> {
                try (BenchDatabase db = open(o, dataDir)) {
                    prepare(db, o);
                    System.out.println("PostgreSQL is up: " + db.url() + "  (psql: psql -h localhost -p "
                            + db.url().replaceAll(".*:(\\d+)/.*", "$1") + " -U postgres postgres)");
                    System.out.println("Ctrl-C stops it.");
                    Thread.currentThread().join();
                }
            }
            case "audit-size" ->
                new AuditSize(System.out)
                        .run(new AuditSize.Options(
                                Integer.parseInt(o.getOrDefault("rows", "100000")),
                                Path.of(o.getOrDefault("script", "bench/sql/audit-size.sql")),
                                o.containsKey("data-dir") ? Path.of(o.get("data-dir")) : null));
            case "startup" ->
                new Startup(System.out)
                        .run(new Startup.Options(
                                Integer.parseInt(o.getOrDefault("runs", "3")),
                                Path.of(o.getOrDefault("jar", "target/caseload.jar")),
                                o.getOrDefault("jvm-opts", "").isBlank()
                                        ? List.of()
                                        : List.of(o.get("jvm-opts").trim().split("\\s+")),
                                java.time.Duration.ofSeconds(Long.parseLong(o.getOrDefault("timeout", "180"))),
                                o.containsKey("keep"),
                                o.containsKey("cds")));
            default -> usage();
        }
    }

    private static BenchDatabase open(Map<String, String> o, Path dataDir) throws Exception {
        if (o.containsKey("url")) {
            return BenchDatabase.external(o.get("url"), o.getOrDefault("user", "postgres"), o.get("password"));
        }
        if (!dataDir.resolve("PG_VERSION").toFile().exists()) {
            throw new IllegalStateException(dataDir + " holds no database: run bench/bench generate first");
        }
        return BenchDatabase.embedded(dataDir, Map.of());
    }

    /** Brings the schema up to the compiled migrations (e.g. a new caseload relation) and re-analyzes if any ran. */
    private static void prepare(BenchDatabase db, Map<String, String> o) throws Exception {
        if (o.containsKey("no-migrate")) {
            return;
        }
        int ran = db.migrate();
        if (ran > 0) {
            System.out.println("Applied " + ran + " new migration(s); running ANALYZE.");
            try (Connection c = db.connect();
                    Statement s = c.createStatement()) {
                s.execute("analyze");
            }
        }
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> o = new HashMap<>();
        List<String> rest = new ArrayList<>(List.of(args));
        for (int i = 0; i < rest.size(); i++) {
            String arg = rest.get(i);
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("Unexpected argument: " + arg);
            }
            String name = arg.substring(2);
            int eq = name.indexOf('=');
            if (eq >= 0) {
                o.put(name.substring(0, eq), name.substring(eq + 1));
            } else if (FLAGS.contains(name)) {
                o.put(name, "true");
            } else if (i + 1 < rest.size()) {
                o.put(name, rest.get(++i));
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
        }
        return o;
    }

    private static void usage() {
        System.out.println("""
                usage: bench/bench generate [--scale 1] [--data-dir DIR] [--replace]
                       bench/bench floor [--scale 1 | --data-dir DIR | --url JDBC_URL] [--sql bench/sql/before]
                                         [--only a,b] [--n 300] [--warmup 30] [--max-seconds 30] [--concurrency 16] [--seconds 10]
                                         [--explain] [--no-migrate]
                       bench/bench explain [same options as floor]
                       bench/bench http [same options as floor] [--rounds 5] [--warmup-seconds 30]
                                        [--warmup-limit-seconds 600]
                       bench/bench reassign [--scale 1 | --data-dir DIR] [--clients 10000] [--runs 3] [--settle]
                       bench/bench serve [--scale 1 | --data-dir DIR]
                       bench/bench audit-size [--rows 100000] [--data-dir DIR]
                       bench/bench startup [--runs 3] [--jar target/caseload.jar] [--jvm-opts "..."] [--timeout 180] [--keep]
                                           [--cds]""");
    }
}
