package app.caseload.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bench/bench startup}: how long Caseload takes from {@code java -jar} to {@code
 * /actuator/health} answering UP, on an empty data directory (initdb, 38 migrations) and again on the
 * same directory (a restart), each in a child JVM of its own so that class loading and JIT warm-up
 * count as they do for an operator. The embedded PostgreSQL's binaries are already unpacked (the
 * first start on a new machine also unpacks them once). The app listens on a port free at that
 * moment; the embedded PostgreSQL picks a free port itself.
 */
final class Startup {

    /**
     * {@code cds}: run the jar extracted ({@code -Djarmode=tools extract}) with a class data sharing
     * archive made by a training run ({@code -XX:ArchiveClassesAtExit}, {@code
     * -Dspring.context.exit=onRefresh}), as docs/performance.md describes for operators.
     */
    record Options(int runs, Path jar, List<String> jvmOptions, Duration timeout, boolean keepLogs, boolean cds) {}

    /**
     * One start: seconds until health said UP, the JVM's uptime when Spring Boot logged "Started …"
     * (its "process running for"), the CPU time the JVM had used by then (user and system, all its
     * threads; PostgreSQL's processes not included), and how long the app took to stop on SIGTERM.
     */
    record Start(double seconds, Double springSeconds, double cpuSeconds, double stopSeconds) {}

    record Run(Start first, Start restart) {}

    private static final Pattern STARTED =
            Pattern.compile("Started \\S+ in ([0-9.]+) seconds \\(process running for ([0-9.]+)\\)");

    private final PrintStream out;

    Startup(PrintStream out) {
        this.out = out;
    }

    List<Run> run(Options options) throws Exception {
        if (!Files.isRegularFile(options.jar())) {
            throw new IllegalStateException(options.jar() + " not found: ./mvnw package -DskipTests builds it");
        }
        if (options.cds()) {
            options = withClassDataSharing(options);
        }
        String before = loadAverage();
        List<Run> runs = new ArrayList<>();
        for (int i = 1; i <= options.runs(); i++) {
            Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "startup-");
            try {
                Path data = dir.resolve("data");
                Start first = start(options, data, dir.resolve("first.log"));
                Start restart = start(options, data, dir.resolve("restart.log"));
                runs.add(new Run(first, restart));
                out.printf(
                        Locale.ROOT,
                        "  run %d: first start %.1f s (JVM CPU %.1f s), stop %.1f s, restart %.1f s (JVM CPU %.1f s),"
                                + " load %s%n",
                        i,
                        first.seconds(),
                        first.cpuSeconds(),
                        first.stopSeconds(),
                        restart.seconds(),
                        restart.cpuSeconds(),
                        loadAverage());
            } finally {
                if (options.keepLogs()) {
                    out.println("  logs and data kept in " + dir);
                } else {
                    Generator.deleteRecursively(dir);
                }
            }
        }
        out.println();
        out.println(table(runs, options, before, loadAverage()));
        return runs;
    }

    /**
     * Extracts the jar into {@code target/startup-cds/app} and makes its archive with a training run
     * (the context is refreshed, on a data directory of its own, then the JVM exits and writes the
     * archive); answers the options that run the extracted jar with that archive.
     */
    private Options withClassDataSharing(Options options) throws Exception {
        Path home = Path.of("target", "startup-cds").toAbsolutePath();
        if (Files.exists(home)) {
            Generator.deleteRecursively(home);
        }
        Path app = home.resolve("app");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        long start = System.nanoTime();
        exec(
                home,
                List.of(
                        java,
                        "-Djarmode=tools",
                        "-jar",
                        options.jar().toAbsolutePath().toString(),
                        "extract",
                        "--destination",
                        app.toString()));
        Path jar = app.resolve(options.jar().getFileName());
        Path archive = app.resolve("caseload.jsa");
        List<String> training = new ArrayList<>(List.of(java));
        training.addAll(options.jvmOptions());
        training.addAll(List.of(
                "-XX:ArchiveClassesAtExit=" + archive,
                "-Dspring.context.exit=onRefresh",
                "-jar",
                jar.toString(),
                "--caseload.data-dir=" + home.resolve("training-data"),
                "--server.port=0"));
        exec(home, training);
        stopOrphanedPostmaster(home.resolve("training-data"));
        out.printf(
                Locale.ROOT,
                "  class data sharing: extracted and trained in %.1f s (%s, %d MB)%n",
                (System.nanoTime() - start) / 1e9,
                archive,
                Files.size(archive) >> 20);
        List<String> jvm = new ArrayList<>(options.jvmOptions());
        jvm.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off"));
        return new Options(options.runs(), jar, jvm, options.timeout(), options.keepLogs(), false);
    }

    /**
     * {@code spring.context.exit=onRefresh} ends the JVM with {@code Runtime.halt}: no shutdown hook,
     * no bean is destroyed, so the embedded PostgreSQL of the training run keeps running. Stops it
     * ("fast" shutdown, SIGINT) by the pid in its {@code postmaster.pid}.
     */
    private static void stopOrphanedPostmaster(Path dataDir) throws Exception {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        var postmaster = ProcessHandle.of(pid);
        if (postmaster.isEmpty()) {
            return;
        }
        new ProcessBuilder("kill", "-INT", Long.toString(pid)).start().waitFor();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (postmaster.get().isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        if (postmaster.get().isAlive()) {
            postmaster.get().destroyForcibly();
        }
    }

    private static void exec(Path dir, List<String> command) throws Exception {
        Files.createDirectories(dir);
        Path log = dir.resolve("build.log");
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(
                    String.join(" ", command) + " failed; see " + log + "\n" + BenchApp.tail(log));
        }
    }

    /** Starts the app on the data directory, waits for health UP, then stops it (SIGTERM) and waits. */
    private Start start(Options options, Path data, Path log) throws Exception {
        int port = BenchApp.freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options.jvmOptions());
        command.addAll(List.of(
                "-jar",
                options.jar().toAbsolutePath().toString(),
                "--caseload.data-dir=" + data.toAbsolutePath(),
                "--server.port=" + port,
                "--server.address=127.0.0.1"));
        long started = System.nanoTime();
        Process app = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            double seconds = BenchApp.awaitUp(app, port, started, options.timeout(), log);
            Double spring = springSeconds(log);
            double cpu = app.toHandle()
                            .info()
                            .totalCpuDuration()
                            .map(Duration::toMillis)
                            .orElse(-1L)
                    / 1000.0;
            long stopping = System.nanoTime();
            app.destroy(); // SIGTERM: Spring closes the context, which stops the embedded PostgreSQL
            if (!app.waitFor(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the app did not stop within 60 s after SIGTERM; see " + log);
            }
            return new Start(seconds, spring, cpu, (System.nanoTime() - stopping) / 1e9);
        } finally {
            if (app.isAlive()) {
                app.destroyForcibly();
            }
        }
    }

    private static Double springSeconds(Path log) throws IOException {
        Matcher m = STARTED.matcher(Files.readString(log));
        return m.find() ? Double.parseDouble(m.group(2)) : null;
    }

    static String table(List<Run> runs, Options options, String loadBefore, String loadAfter) {
        StringBuilder t = new StringBuilder();
        Path cwd = Path.of("").toAbsolutePath();
        Path jar = options.jar().toAbsolutePath();
        t.append("Start-up of java -jar ")
                .append(jar.startsWith(cwd) ? cwd.relativize(jar) : jar)
                .append(" to /actuator/health UP, ")
                .append(runs.size())
                .append(" runs, ")
                .append(
                        options.jvmOptions().isEmpty()
                                ? "no JVM options"
                                : String.join(" ", options.jvmOptions()).replace(cwd + "/", ""))
                .append("; load average (1, 5, 15 min) ")
                .append(loadBefore)
                .append(" before, ")
                .append(loadAfter)
                .append(" after, ")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" cores\n\n");
        t.append("| run | first start, empty data dir (s) | JVM uptime at \"Started\" (s) | JVM CPU (s) | restart (s) |"
                + " JVM uptime at \"Started\" (s) | JVM CPU (s) | stop after the first start (s) |\n");
        t.append("|---|---|---|---|---|---|---|---|\n");
        for (int i = 0; i < runs.size(); i++) {
            Run r = runs.get(i);
            t.append(String.format(
                    Locale.ROOT,
                    "| %d | %.1f | %s | %.1f | %.1f | %s | %.1f | %.1f |%n",
                    i + 1,
                    r.first().seconds(),
                    format(r.first().springSeconds()),
                    r.first().cpuSeconds(),
                    r.restart().seconds(),
                    format(r.restart().springSeconds()),
                    r.restart().cpuSeconds(),
                    r.first().stopSeconds()));
        }
        t.append(String.format(
                Locale.ROOT,
                "| **median** | **%.1f** | %s | %.1f | **%.1f** | %s | %.1f | %.1f |%n",
                median(runs.stream().mapToDouble(r -> r.first().seconds()).toArray()),
                format(medianOrNull(
                        runs.stream().map(r -> r.first().springSeconds()).toList())),
                median(runs.stream().mapToDouble(r -> r.first().cpuSeconds()).toArray()),
                median(runs.stream().mapToDouble(r -> r.restart().seconds()).toArray()),
                format(medianOrNull(
                        runs.stream().map(r -> r.restart().springSeconds()).toList())),
                median(runs.stream().mapToDouble(r -> r.restart().cpuSeconds()).toArray()),
                median(runs.stream().mapToDouble(r -> r.first().stopSeconds()).toArray())));
        return t.toString();
    }

    private static String format(Double seconds) {
        return seconds == null ? "–" : String.format(Locale.ROOT, "%.1f", seconds);
    }

    private static Double medianOrNull(List<Double> values) {
        if (values.stream().anyMatch(v -> v == null)) {
            return null;
        }
        return median(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The machine's load average, 1, 5 and 15 minutes (Linux; elsewhere the JVM's 1-minute figure). */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + ", " + parts[1] + ", " + parts[2];
        } catch (IOException | RuntimeException e) {
            return String.format(
                    Locale.ROOT,
                    "%.2f",
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                            .getSystemLoadAverage());
        }
    }
}
