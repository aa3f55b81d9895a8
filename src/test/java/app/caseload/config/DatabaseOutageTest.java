package app.caseload.config;

import static org.assertj.core.api.Assertions.assertThat;

import app.caseload.CaseloadApplication;
import app.caseload.support.Api;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Kills the embedded PostgreSQL's postmaster with {@code kill -9} under write load, in an app of its
 * own (its own data directory, so the rest of the suite never sees the outage): requests during the
 * outage answer 503 quickly, never 500; health says DOWN and keeps answering; the watchdog brings
 * the server back on the same data; and every write that was acknowledged is still there.
 */
class DatabaseOutageTest {

    private static final Path DATA_DIR = Path.of("target/outage-db/" + UUID.randomUUID());
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static ConfigurableApplicationContext app;
    static String base;

    record Answer(long atMillis, int status, long millis, String contentType, String body) {}

    @BeforeAll
    static void start() {
        // As arguments, so they win over application.properties.
        app = new SpringApplicationBuilder(CaseloadApplication.class)
                .run(
                        "--server.port=0",
                        "--caseload.data-dir=" + DATA_DIR,
                        "--spring.mail.host=127.0.0.1",
                        "--spring.mail.port=9",
                        "--caseload.mail.poll-interval=1h");
        base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void aKilledPostmasterIsRestartedAndNothingAcknowledgedIsLost() throws Exception {
        Api api = new Api(base);
        String email = "owner-" + UUID.randomUUID() + "@example.test";
        var owner = api.post(
                        "/api/v1/signup",
                        Map.of(
                                "practiceName", "Outage Practice",
                                "fullName", "Olivia Owner",
                                "email", email,
                                "password", "correct horse battery staple"))
                .expect(201)
                .json();
        Api admin = api.as(owner.path("token").asString());
        String therapist = owner.path("memberId").asString();
        String practice = owner.path("practiceId").asString();

        long t0 = System.nanoTime();
        AtomicBoolean running = new AtomicBoolean(true);
        ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Answer> writes = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Answer> health = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Answer> pages = new ConcurrentLinkedQueue<>();

        Thread writer = new Thread(() -> {
            int n = 0;
            while (running.get()) {
                String name = "Outage Client " + n++;
                long started = System.nanoTime();
                var answer = admin.post(
                        "/api/v1/clients",
                        Map.of(
                                "fullName",
                                name,
                                "dateOfBirth",
                                "1990-01-01",
                                "kind",
                                "DIRECT",
                                "therapistId",
                                therapist));
                writes.add(new Answer(ms(t0), answer.status(), ms(started), answer.contentType(), answer.body()));
                if (answer.status() == 201) {
                    acknowledged.add(name);
                }
            }
        });
        Thread healthPoller = poller(HTTP, running, t0, "/actuator/health", "application/json", health);
        HttpClient browser = signedInBrowser(email);
        Thread pagePoller = poller(browser, running, t0, "/clients", "text/html", pages);
        writer.start();
        healthPoller.start();
        pagePoller.start();

        Thread.sleep(1500);
        long pid = Long.parseLong(
                Files.readAllLines(DATA_DIR.resolve("postmaster.pid")).get(0).trim());
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
        long killedAt = ms(t0);
        postmaster.destroyForcibly(); // SIGKILL, as kill -9

        // Back: the outage seen (a 503), and writes acknowledged again, which needs the restarted server.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline
                && !(Stream.concat(writes.stream(), health.stream())
                                .anyMatch(a -> a.atMillis() > killedAt && a.status() == 503)
                        && writes.stream().anyMatch(a -> a.atMillis() > killedAt && a.status() == 201))) {
            Thread.sleep(100);
        }
        Thread.sleep(1000); // some more writes on the restarted server
        running.set(false);
        writer.join(10_000);
        healthPoller.join(10_000);
        pagePoller.join(10_000);

        List<Answer> duringOutage =
                writes.stream().filter(a -> a.status() != 201).toList();
        assertThat(writes.stream().map(Answer::status).distinct())
                .as("writes answer 201, or 503 while the database is away; never 500")
                .containsOnly(201, 503)
                .contains(503);
        assertThat(duringOutage).allSatisfy(a -> {
            assertThat(a.contentType()).startsWith("application/problem+json");
            assertThat(a.body()).contains("database-unavailable");
            assertThat(a.millis()).as("a 503 comes quickly").isLessThan(3000);
        });
        assertThat(writes.stream().filter(a -> a.atMillis() > killedAt && a.status() == 201))
                .as("writes succeed again after the restart")
                .isNotEmpty();
        // The watchdog may have the server back within a quarter of a second, between two polls:
        // whether health was asked during the outage is timing. What it answered is not, and that it
        // says DOWN while the database is away is shown below, deterministically.
        assertThat(health.stream()
                        .filter(a -> a.atMillis() > killedAt)
                        .map(Answer::status)
                        .distinct())
                .isSubsetOf(200, 503);
        assertThat(health)
                .as("health keeps answering, quickly")
                .allSatisfy(a -> assertThat(a.millis()).isLessThan(3000));
        // Whether a page request falls into the outage at all is timing (the writes and health above
        // prove that one does); what every page answer must be is not.
        assertThat(pages.stream().map(Answer::status).distinct())
                .as("pages answer, or 503 while the database is away; never 500")
                .isSubsetOf(200, 503);
        pages.stream().filter(a -> a.status() == 503).forEach(a -> {
            assertThat(a.contentType()).startsWith("text/html");
            assertThat(a.body()).contains("back in a moment").contains("/css/app.css");
        });

        JdbcClient jdbc = app.getBean(JdbcClient.class);
        List<String> stored = jdbc.sql("select full_name from client where practice_id = ?")
                .param(UUID.fromString(practice))
                .query(String.class)
                .list();
        assertThat(acknowledged).isNotEmpty();
        assertThat(stored).as("every acknowledged write survived the crash").containsAll(acknowledged);
        assertThat(Files.readAllLines(DATA_DIR.resolve("postmaster.pid")).get(0).trim())
                .as("a new postmaster")
                .isNotEqualTo(Long.toString(pid));

        // Health says DOWN for as long as the database is away (as the watchdog marks it while it
        // restarts the server), and UP again after.
        DatabaseAvailability availability = app.getBean(DatabaseAvailability.class);
        availability.markAway("the embedded PostgreSQL stopped and is being restarted");
        try {
            HttpResponse<String> down = HTTP.send(
                    HttpRequest.newBuilder(URI.create(base + "/actuator/health"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.body()).contains("\"DOWN\"");
        } finally {
            availability.markBack();
        }
        HttpResponse<String> up = HTTP.send(
                HttpRequest.newBuilder(URI.create(base + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(up.statusCode()).isEqualTo(200);
        assertThat(up.body()).contains("\"UP\"");
    }

    /** A browser signed in to the dashboard through the sign-in form (its session cookie kept). */
    private static HttpClient signedInBrowser(String email) throws Exception {
        HttpClient browser = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        String form = browser.send(
                        HttpRequest.newBuilder(URI.create(base + "/signin")).build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form);
        assertThat(csrf.find()).isTrue();
        HttpResponse<String> signedIn = browser.send(
                HttpRequest.newBuilder(URI.create(base + "/signin"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("email="
                                + URLEncoder.encode(email, StandardCharsets.UTF_8)
                                + "&password=correct+horse+battery+staple&_csrf="
                                + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location").orElse("")).endsWith("/home");
        return browser;
    }

    private static Thread poller(
            HttpClient client,
            AtomicBoolean running,
            long t0,
            String path,
            String accept,
            ConcurrentLinkedQueue<Answer> answers) {
        return new Thread(() -> {
            while (running.get()) {
                long started = System.nanoTime();
                try {
                    HttpResponse<String> response = client.send(
                            HttpRequest.newBuilder(URI.create(base + path))
                                    .header("Accept", accept)
                                    .timeout(Duration.ofSeconds(30))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    answers.add(new Answer(
                            ms(t0),
                            response.statusCode(),
                            ms(started),
                            response.headers().firstValue("Content-Type").orElse(""),
                            response.body()));
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    answers.add(new Answer(ms(t0), -1, ms(started), "", e.toString()));
                }
            }
        });
    }

    private static long ms(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }
}
