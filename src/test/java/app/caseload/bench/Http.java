package app.caseload.bench;

import app.caseload.CaseloadApplication;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The HTTP side of the benchmark: the app itself, started in this JVM on the benchmark's database,
 * asked over real HTTP (the JDK client, one connection per thread) for the same pages whose SQL the
 * floor runs. Latency at concurrency 1 (p50, p99 from HdrHistogram), throughput at concurrency C; the
 * floor of the same statements is measured in the same run ({@link Bench}, {@code http}).
 */
final class Http {

    /** A page of the big practice, who asks for it, and the floor statement file that is its SQL. */
    record Endpoint(String key, String title, String member, String path) {}

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("a", "admin: client list, first page", "admin", "/api/v1/clients?limit=50"),
            new Endpoint("b", "plain therapist: own client list", "therapist", "/api/v1/clients?limit=50"),
            new Endpoint("c", "supervisor: client list", "supervisor", "/api/v1/clients?limit=50"),
            new Endpoint(
                    "d",
                    "supervisor: a supervisee's caseload",
                    "supervisor",
                    "/api/v1/therapists/{supervisee}/caseload?limit=50"),
            new Endpoint("e", "supervisor: pending notes", "supervisor", "/api/v1/notes/pending?limit=50"),
            new Endpoint("f", "admin: GET /practice (metrics)", "admin", "/api/v1/practice"),
            new Endpoint("g", "admin: name search q=mar", "admin", "/api/v1/clients?limit=50&q=mar"));

    record Options(int n, int warmup, double maxSeconds, int concurrency, double seconds, List<String> only) {}

    record Result(Endpoint endpoint, int samples, double p50, double p99, double perSecond) {}

    private final PrintStream out;

    Http(PrintStream out) {
        this.out = out;
    }

    /** Starts the app on the database (as an external database: its URL), on a free port. */
    static ConfigurableApplicationContext startApp(BenchDatabase db) {
        return new SpringApplicationBuilder(CaseloadApplication.class)
                .run(
                        "--spring.datasource.url=" + db.url(),
                        "--spring.datasource.username=postgres",
                        "--server.port=0",
                        "--logging.level.root=WARN");
    }

    List<Result> run(String base, Map<String, UUID> known, Options options) throws Exception {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        Map<String, String> tokens = new LinkedHashMap<>();
        for (String member : List.of("admin", "therapist", "supervisor")) {
            tokens.put(member, signIn(client, base, Generator.KNOWN_EMAILS.get(member)));
        }
        List<Result> results = new ArrayList<>();
        Map<Endpoint, HttpRequest> requests = new LinkedHashMap<>();
        for (Endpoint e : ENDPOINTS) {
            if (!options.only().isEmpty() && !options.only().contains(e.key())) continue;
            URI uri = URI.create(base
                    + e.path().replace("{supervisee}", known.get("supervisee").toString()));
            requests.put(
                    e,
                    HttpRequest.newBuilder(uri)
                            .header("Authorization", "Bearer " + tokens.get(e.member()))
                            .header("Accept", "application/json")
                            .timeout(Duration.ofSeconds(30))
                            .GET()
                            .build());
        }
        // Every page warmed up before any is timed: the code they share (filters, MVC, JSON) is
        // compiled by then, so the first page measured does not pay the JIT for the others.
        for (int i = 0; i < options.warmup(); i++) {
            for (HttpRequest request : requests.values()) {
                send(client, request);
            }
        }
        // Every latency first, then every throughput (as the floor does): a latency taken right after the
        // previous page's 16 callers measured their aftermath (audit rows to write, autovacuum) too.
        Map<Endpoint, Histogram> latencies = new LinkedHashMap<>();
        Map<Endpoint, Integer> counts = new LinkedHashMap<>();
        for (Map.Entry<Endpoint, HttpRequest> entry : requests.entrySet()) {
            HttpRequest request = entry.getValue();
            Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
            long deadline = System.nanoTime() + (long) (options.maxSeconds() * 1e9);
            int samples = 0;
            while (samples < options.n() && (samples < 20 || System.nanoTime() < deadline)) {
                long t = System.nanoTime();
                send(client, request);
                latency.recordValue(System.nanoTime() - t);
                samples++;
            }
            latencies.put(entry.getKey(), latency);
            counts.put(entry.getKey(), samples);
        }
        for (Map.Entry<Endpoint, HttpRequest> entry : requests.entrySet()) {
            Endpoint e = entry.getKey();
            Histogram latency = latencies.get(e);
            double perSecond = throughput(entry.getValue(), options.concurrency(), options.seconds());
            Result r = new Result(
                    e,
                    counts.get(e),
                    latency.getValueAtPercentile(50) / 1e6,
                    latency.getValueAtPercentile(99) / 1e6,
                    perSecond);
            out.printf(
                    Locale.ROOT,
                    "  http %s %-40s p50 %8.3f ms  p99 %8.3f ms  %8.1f/s at %d%n",
                    e.key(),
                    e.title(),
                    r.p50(),
                    r.p99(),
                    r.perSecond(),
                    options.concurrency());
            results.add(r);
        }
        return results;
    }

    /** Requests per second with {@code concurrency} threads, each with its own client (connection). */
    private static double throughput(HttpRequest request, int concurrency, double seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        AtomicLong done = new AtomicLong();
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        List<Future<?>> workers = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            workers.add(pool.submit(() -> {
                HttpClient own = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .build();
                while (System.nanoTime() < end) {
                    send(own, request);
                    done.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> w : workers) {
            w.get();
        }
        pool.shutdown();
        return done.get() / ((System.nanoTime() - start) / 1e9);
    }

    private static void send(HttpClient client, HttpRequest request) {
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": "
                        + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String signIn(HttpClient client, String base, String email) throws Exception {
        HttpRequest login = HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"email\":\"" + email + "\",\"password\":\"" + Generator.PASSWORD + "\"}"))
                .build();
        HttpResponse<String> response = client.send(login, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    "Sign-in of " + email + " answered " + response.statusCode() + ": " + response.body());
        }
        var token = java.util.regex.Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"")
                .matcher(response.body());
        if (!token.find()) {
            throw new IllegalStateException("No token in the sign-in answer of " + email);
        }
        return token.group(1);
    }

    /** The HTTP figures beside the floor of the same statements, one row per endpoint. */
    static String table(List<Result> http, List<Floor.Result> floor, int concurrency) {
        StringBuilder t = new StringBuilder();
        t.append("| endpoint (big practice) | HTTP p50 ms | HTTP p99 ms | SQL floor p50 ms | HTTP req/s at ")
                .append(concurrency)
                .append(" | SQL req/s at ")
                .append(concurrency)
                .append(" |\n|---|---:|---:|---:|---:|---:|\n");
        for (Result r : http) {
            Floor.Result f = floor.stream()
                    .filter(x -> x.script().name().startsWith(r.endpoint().key() + "-"))
                    .findFirst()
                    .orElse(null);
            t.append(String.format(
                    Locale.ROOT,
                    "| (%s) %s | %s | %s | %s | %,.0f | %s |%n",
                    r.endpoint().key(),
                    r.endpoint().title(),
                    Floor.ms(r.p50()),
                    Floor.ms(r.p99()),
                    f == null ? "" : Floor.ms(f.p50()),
                    r.perSecond(),
                    f == null ? "" : String.format(Locale.ROOT, "%,.0f", f.perSecond())));
        }
        return t.toString();
    }
}
