package app.caseload.bench;

import app.caseload.CaseloadApplication;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The app the benchmark asks over HTTP, in a JVM of its own, as an operator runs it: its own heap,
 * garbage collector and JIT, none of them shared with the load driver (which measured its own
 * allocation and compilation as the app's when both ran in one JVM). Started from this JVM's classes
 * on the benchmark's database (as an external database: its URL), on a free loopback port, and
 * stopped by SIGTERM on {@link #close()}.
 */
final class BenchApp implements AutoCloseable {

    private static final HttpClient HEALTH = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofMillis(500))
            .build();

    private final Process process;
    private final int port;
    private final Path log;

    private BenchApp(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts the app on the database and waits until its health says UP (its output goes to {@code log}).
     * The child JVM gets this JVM's class path (under Maven's test runner, a jar whose manifest lists it).
     */
    static BenchApp start(BenchDatabase db, Path log) throws Exception {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                CaseloadApplication.class.getName(),
                "--spring.datasource.url=" + db.url(),
                "--spring.datasource.username=" + db.user(),
                "--server.port=" + port,
                "--server.address=127.0.0.1",
                "--logging.level.root=WARN"));
        if (db.password() != null) {
            command.add("--spring.datasource.password=" + db.password());
        }
        Files.createDirectories(log.toAbsolutePath().getParent());
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        BenchApp app = new BenchApp(process, port, log);
        try {
            awaitUp(process, port, started, Duration.ofMinutes(3), log);
            return app;
        } catch (Exception | Error e) {
            app.close();
            throw e;
        }
    }

    /**
     * CPU seconds the app's JIT compiler threads have used so far (Linux: their {@code /proc} stat, at
     * 100 ticks a second), or NaN where that cannot be read. The JIT keeps compiling for minutes after
     * start-up on two cores (48 s of C2 CPU in one warm-up, docs/performance.md): until it is quiet, one
     * core is the compiler's and every latency pays for it.
     */
    double compilerCpuSeconds() {
        Path tasks = Path.of("/proc", Long.toString(process.pid()), "task");
        double ticks = 0;
        try (var list = Files.list(tasks)) {
            for (Path task : list.toList()) {
                String name = Files.readString(task.resolve("comm")).strip();
                if (!name.startsWith("C1 Compiler") && !name.startsWith("C2 Compiler")) continue;
                String stat = Files.readString(task.resolve("stat"));
                // After "(comm)": state is field 3; utime and stime are fields 14 and 15.
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            }
        } catch (IOException | RuntimeException unreadable) {
            return Double.NaN;
        }
        return ticks / 100.0;
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() throws Exception {
        process.destroy(); // SIGTERM: the app closes its context (its pool) and exits
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the app did not stop within 60 s after SIGTERM; see " + log);
        }
    }

    /** Seconds from {@code startedNanos} until {@code /actuator/health} answers UP, polled every 50 ms. */
    static double awaitUp(Process app, int port, long startedNanos, Duration timeout, Path log) throws Exception {
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(2))
                .build();
        long deadline = startedNanos + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!app.isAlive()) {
                throw new IllegalStateException(
                        "the app exited with " + app.exitValue() + " before it was up; see " + log + "\n" + tail(log));
            }
            try {
                HttpResponse<String> answer = HEALTH.send(health, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200 && answer.body().contains("\"UP\"")) {
                    return (System.nanoTime() - startedNanos) / 1e9;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("not UP within " + timeout + "; see " + log + "\n" + tail(log));
    }

    static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
