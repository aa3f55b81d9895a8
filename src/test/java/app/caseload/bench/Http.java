package app.caseload.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.BasicHttpClientConnectionManager;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;

/**
 * The HTTP side of the benchmark: the app ({@link BenchApp}, a JVM of its own) asked over real HTTP for
 * the same pages whose SQL the floor runs, with the floor measured in the same minutes.
 *
 * <p>Latency at concurrency 1 alternates: for each page, a block of HTTP requests, then a block of its
 * bare SQL, {@code rounds} times, so that whatever else the shared machine does in those minutes falls
 * on both alike (measured one after the other, the same page's floor moved by up to 1.7× between runs).
 * Throughput at concurrency C: the HTTP callers, then the floor's, page by page.
 *
 * <p>The driver is Apache HttpClient's classic (blocking) client, one connection per caller thread: the
 * request is written and its answer read on the caller's own thread. The JDK's {@code HttpClient} hands
 * every exchange to its selector thread and back, which on this 2-core machine added about 1 ms (0.9–1.7) to each
 * request at concurrency 1 against the same app (docs/performance.md, sixth round): the driver's cost,
 * not the app's.
 */
final class Http {

    /** A page of the big practice, and who asks for it; its floor is the statement file named by its key. */
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
            new Endpoint("g", "admin: name search q=mar", "admin", "/api/v1/clients?limit=50&q=mar"),
            new Endpoint("h", "admin: pending notes", "admin", "/api/v1/notes/pending?limit=50"));

    /**
     * At least {@code warmupSeconds} of every page in turn, and on until the app's JIT compiler is quiet
     * or {@code warmupLimitSeconds} have passed ({@link #warmUp}), then {@code n} timed requests (and as many executions of the floor, after {@code warmup}
     * untimed ones) per page at concurrency 1, fewer past {@code maxSeconds}, in {@code rounds} alternating
     * blocks; then {@code seconds} of {@code concurrency} callers of each.
     */
    record Options(
            double warmupSeconds,
            double warmupLimitSeconds,
            int n,
            int warmup,
            double maxSeconds,
            int rounds,
            int concurrency,
            double seconds,
            List<String> only) {}

    /** One page: its HTTP figures and its floor's, measured in the same minutes. */
    record Result(
            Endpoint endpoint,
            int samples,
            double p50,
            double p99,
            double perSecond,
            double floorP50,
            double floorP99,
            double floorPerSecond) {

        /** Issue 9's target for a page: HTTP p50 at most 1.5 × its floor's + 1 ms. */
        double targetP50() {
            return 1.5 * floorP50 + 1;
        }
    }

    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");

    private final PrintStream out;

    Http(PrintStream out) {
        this.out = out;
    }

    List<Result> run(BenchDatabase db, BenchApp app, Map<String, UUID> known, Path sqlDir, Options options)
            throws Exception {
        String base = app.base();
        Map<String, String> tokens = new LinkedHashMap<>();
        try (Caller caller = new Caller(base)) {
            for (String member : List.of("admin", "therapist", "supervisor")) {
                tokens.put(member, caller.signIn(Generator.KNOWN_EMAILS.get(member)));
            }
        }
        Map<Endpoint, Floor.Script> pages = new LinkedHashMap<>();
        for (Endpoint e : ENDPOINTS) {
            if (!options.only().isEmpty() && !options.only().contains(e.key())) continue;
            List<Path> files = Floor.files(sqlDir, List.of(e.key() + "-"));
            if (files.size() != 1) {
                throw new IllegalStateException(sqlDir + " has " + files.size() + " files for page " + e.key());
            }
            pages.put(e, Floor.parse(files.get(0)));
        }
        String supervisee = known.get("supervisee").toString();
        Map<Endpoint, Request> requests = new LinkedHashMap<>();
        for (Endpoint e : pages.keySet()) {
            String uri = base + e.path().replace("{supervisee}", supervisee);
            requests.put(e, new Request(uri, tokens.get(e.member())));
        }
        List<Result> results = new ArrayList<>();
        try (Caller caller = new Caller(base)) {
            warmUp(app, caller, requests.values(), options.warmupSeconds(), options.warmupLimitSeconds());
            // Every latency first, then every throughput: a latency taken right after the previous page's
            // 16 callers measured their aftermath (audit rows to write, autovacuum) too.
            for (Map.Entry<Endpoint, Floor.Script> page : pages.entrySet()) {
                results.add(latency(
                        db, known, caller, page.getKey(), requests.get(page.getKey()), page.getValue(), options));
            }
        }
        List<Result> measured = new ArrayList<>();
        for (Result r : results) {
            Floor.Script script = pages.get(r.endpoint());
            double perSecond = throughput(base, requests.get(r.endpoint()), options.concurrency(), options.seconds());
            int threadWarmup = r.floorP50() > 20 ? 1 : 6; // PgJDBC prepares on the server at the 5th run
            double floorPerSecond =
                    Floor.concurrent(db, script, known, options.concurrency(), options.seconds(), threadWarmup);
            Result done = new Result(
                    r.endpoint(), r.samples(), r.p50(), r.p99(), perSecond, r.floorP50(), r.floorP99(), floorPerSecond);
            out.printf(
                    Locale.ROOT,
                    "  %s %-38s HTTP p50 %7.3f p99 %7.3f ms %7.1f/s | floor p50 %7.3f p99 %7.3f ms %7.1f/s (at %d)%n",
                    r.endpoint().key(),
                    r.endpoint().title(),
                    done.p50(),
                    done.p99(),
                    done.perSecond(),
                    done.floorP50(),
                    done.floorP99(),
                    done.floorPerSecond(),
                    options.concurrency());
            out.flush();
            measured.add(done);
        }
        return measured;
    }

    /**
     * Every page in turn, before any is timed, for at least {@code minSeconds} and then until the app's
     * JIT compilers used under 5 % of a core over the last 5 s (or {@code limitSeconds} passed): a fresh JVM compiles
     * its hot paths over minutes on two cores, and a page measured while the compiler holds one of them
     * is measured at up to twice its settled latency (docs/performance.md, sixth round).
     */
    private void warmUp(
            BenchApp app,
            Caller caller,
            java.util.Collection<Request> requests,
            double minSeconds,
            double limitSeconds) {
        long start = System.nanoTime();
        long windowStart = start;
        double windowCompiler = app.compilerCpuSeconds();
        double compilerShare = Double.NaN;
        while (true) {
            for (Request request : requests) {
                caller.get(request);
            }
            long now = System.nanoTime();
            if ((now - start) / 1e9 >= limitSeconds) {
                break;
            }
            if (now - windowStart >= 5_000_000_000L) {
                double compiler = app.compilerCpuSeconds();
                compilerShare = (compiler - windowCompiler) / ((now - windowStart) / 1e9);
                windowStart = now;
                windowCompiler = compiler;
                boolean quiet = Double.isNaN(compilerShare) || compilerShare < 0.05;
                if ((now - start) / 1e9 >= minSeconds && quiet) {
                    break;
                }
            }
        }
        out.printf(
                Locale.ROOT,
                "Warm-up: %.0f s of every page in turn; the JIT compilers used %.0f s of CPU so far, %s of a core"
                        + " in the last 5 s%n",
                (System.nanoTime() - start) / 1e9,
                app.compilerCpuSeconds(),
                Double.isNaN(compilerShare) ? "n/a" : String.format(Locale.ROOT, "%.0f %%", 100 * compilerShare));
        out.flush();
    }

    /** A page's latency at concurrency 1, HTTP and floor in alternating blocks (throughputs: NaN). */
    private static Result latency(
            BenchDatabase db,
            Map<String, UUID> known,
            Caller caller,
            Endpoint endpoint,
            Request request,
            Floor.Script script,
            Options options)
            throws Exception {
        long[] http = new long[options.n()];
        long[] floor = new long[options.n()];
        int count = 0;
        try (Connection c = db.connect();
                Floor.Prepared prepared = new Floor.Prepared(c, script, known)) {
            for (int i = 0; i < options.warmup(); i++) {
                prepared.execute();
            }
            int block = Math.max(1, (options.n() + options.rounds() - 1) / options.rounds());
            long start = System.nanoTime();
            while (count < options.n() && (count < 20 || (System.nanoTime() - start) / 1e9 < options.maxSeconds())) {
                int end = Math.min(options.n(), count + block);
                for (int i = count; i < end; i++) {
                    long t = System.nanoTime();
                    caller.get(request);
                    http[i] = System.nanoTime() - t;
                }
                for (int i = count; i < end; i++) {
                    long t = System.nanoTime();
                    prepared.execute();
                    floor[i] = System.nanoTime() - t;
                }
                count = end;
            }
        }
        http = Arrays.copyOf(http, count);
        floor = Arrays.copyOf(floor, count);
        Arrays.sort(http);
        Arrays.sort(floor);
        return new Result(
                endpoint,
                count,
                Floor.percentile(http, 0.50),
                Floor.percentile(http, 0.99),
                Double.NaN,
                Floor.percentile(floor, 0.50),
                Floor.percentile(floor, 0.99),
                Double.NaN);
    }

    /** Requests per second with {@code concurrency} caller threads, each with its own connection. */
    private static double throughput(String base, Request request, int concurrency, double seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        AtomicLong done = new AtomicLong();
        List<Caller> callers = new ArrayList<>();
        try {
            for (int i = 0; i < concurrency; i++) {
                Caller caller = new Caller(base);
                callers.add(caller);
                caller.get(request); // connected before the clock starts, as the floor's connections are
            }
            long start = System.nanoTime();
            long end = start + (long) (seconds * 1e9);
            List<Future<?>> workers = new ArrayList<>();
            for (Caller caller : callers) {
                workers.add(pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        caller.get(request);
                        done.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> w : workers) {
                w.get();
            }
            return done.get() / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdown();
            for (Caller caller : callers) {
                caller.close();
            }
        }
    }

    /** A GET of the benchmark: its whole URI and the bearer token it carries. */
    record Request(String uri, String token) {}

    /**
     * One HTTP/1.1 connection, kept alive, used by one thread at a time: Apache HttpClient's classic
     * client over a single-connection manager, no retries, no compression (the JDK client sent no
     * {@code Accept-Encoding} either).
     */
    static final class Caller implements AutoCloseable {

        private final String base;
        private final CloseableHttpClient client = HttpClients.custom()
                .setConnectionManager(new BasicHttpClientConnectionManager())
                .disableAutomaticRetries()
                .disableContentCompression()
                .disableCookieManagement()
                .disableRedirectHandling()
                .build();

        Caller(String base) {
            this.base = base;
        }

        /** GETs the page as JSON; anything but 200 stops the benchmark. */
        void get(Request request) {
            HttpGet get = new HttpGet(request.uri());
            get.addHeader("Authorization", "Bearer " + request.token());
            get.addHeader("Accept", "application/json");
            exchange(get, 200);
        }

        /** POSTs JSON with the token; answers the body of the 200 answer. */
        String post(String path, String token, String json) {
            HttpPost post = new HttpPost(base + path);
            post.addHeader("Authorization", "Bearer " + token);
            post.setEntity(new StringEntity(json, ContentType.APPLICATION_JSON));
            return exchange(post, 200);
        }

        /** Signs the member in with the generator's password; answers the API token. */
        String signIn(String email) {
            HttpPost login = new HttpPost(base + "/api/v1/auth/login");
            login.setEntity(new StringEntity(
                    "{\"email\":\"" + email + "\",\"password\":\"" + Generator.PASSWORD + "\"}",
                    ContentType.APPLICATION_JSON));
            var token = TOKEN.matcher(exchange(login, 200));
            if (!token.find()) {
                throw new IllegalStateException("No token in the sign-in answer of " + email);
            }
            return token.group(1);
        }

        private String exchange(HttpUriRequestBase request, int expected) {
            try {
                return client.execute(request, response -> {
                    String body = response.getEntity() == null
                            ? ""
                            : new String(EntityUtils.toByteArray(response.getEntity()), StandardCharsets.UTF_8);
                    if (response.getCode() != expected) {
                        throw new IllegalStateException(request.getMethod() + " " + request.getRequestUri()
                                + " answered " + response.getCode() + ": " + body);
                    }
                    return body;
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            client.close();
        }
    }

    /** The HTTP figures beside the floor of the same statements, one row per page, with issue 9's target. */
    static String table(List<Result> results, Options options) {
        StringBuilder t = new StringBuilder();
        int c = options.concurrency();
        t.append("| endpoint (big practice) | HTTP p50 ms | SQL floor p50 ms | target: 1.5 × floor + 1 | HTTP p99 ms"
                        + " | SQL floor p99 ms | HTTP req/s at ")
                .append(c)
                .append(" | SQL req/s at ")
                .append(c)
                .append(" | HTTP / SQL at ")
                .append(c)
                .append(" |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Result r : results) {
            t.append(String.format(
                    Locale.ROOT,
                    "| (%s) %s | %s | %s | %s %s | %s | %s | %,.0f | %,.0f | %.0f %% |%n",
                    r.endpoint().key(),
                    r.endpoint().title(),
                    Floor.ms(r.p50()),
                    Floor.ms(r.floorP50()),
                    Floor.ms(r.targetP50()),
                    r.p50() <= r.targetP50() ? "met" : "missed",
                    Floor.ms(r.p99()),
                    Floor.ms(r.floorP99()),
                    r.perSecond(),
                    r.floorPerSecond(),
                    100 * r.perSecond() / r.floorPerSecond()));
        }
        t.append(String.format(
                Locale.ROOT,
                "%nHTTP warm-up: every page in turn, at least %s s and on until the app's JIT is quiet (at most %s s). c=1: %d requests and %d floor executions per page"
                        + " (fewer past ~%s s), alternating in blocks of %d, the floor after %d warm-up executions;"
                        + " c=%d: %s s of HTTP, then %s s of floor, per page. Load average at the end: %s%n",
                Floor.ms(options.warmupSeconds()),
                Floor.ms(options.warmupLimitSeconds()),
                options.n(),
                options.n(),
                Floor.ms(options.maxSeconds()),
                Math.max(1, (options.n() + options.rounds() - 1) / options.rounds()),
                options.warmup(),
                c,
                Floor.ms(options.seconds()),
                Floor.ms(options.seconds()),
                Floor.loadAverage()));
        return t.toString();
    }
}
