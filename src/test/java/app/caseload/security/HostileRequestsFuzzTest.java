package app.caseload.security;

import static org.assertj.core.api.Assertions.assertThat;

import app.caseload.support.Fixtures;
import app.caseload.support.IntegrationTest;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Sends 10,000 malformed and hostile requests, generated with a fixed seed, across every
 * registered API endpoint and as every kind of caller; asserts that none is answered with a 5xx
 * and that the database is unchanged (see {@link DatabaseDigest} for the few things excluded).
 *
 * <p>Every request is built so that it must be refused: a request body is always poisoned (broken
 * JSON, a wrong root, a wrong type, a wrong-typed scalar that must not be coerced, an unknown enum
 * value, a bad UUID, a duplicated field or an oversized string) except at doors that cannot succeed
 * without a secret the fuzzer does not have (sign-in, invitation links, MFA codes, password reset
 * links); path ids are never real ids when there is no body to poison; and body-less changes without
 * an id (logout, MFA enrolment) are sent only without a valid token. Reads (GET) may succeed: they
 * change nothing.
 */
class HostileRequestsFuzzTest extends IntegrationTest {

    static final long SEED = 20261127L;
    static final int REQUESTS = 10_000;
    /** One address for the whole run: the throttle soon answers 429, as it should, without hashing. */
    static final String ADDRESS = "192.0.2.77";

    static final Set<String> SECRET_DOORS = Set.of(
            "POST /api/v1/auth/login",
            "POST /api/v1/auth/login/mfa",
            "POST /api/v1/auth/password-reset/confirm",
            "POST /api/v1/invitations/preview",
            "POST /api/v1/invitations/accept",
            "POST /api/v1/invitations/decline",
            "POST /api/v1/me/mfa/confirm",
            "DELETE /api/v1/me/mfa");

    static final List<String> HOSTILE_STRINGS = List.of(
            "' OR '1'='1",
            "'; drop table account; --",
            "\" OR 1=1 --",
            "1; select pg_sleep(5)",
            "\\",
            "%",
            "_",
            "<script>alert(1)</script>",
            "\"><img src=x onerror=alert(1)>",
            "javascript:alert(1)",
            "{{7*7}}",
            "${jndi:ldap://x/a}",
            "\u202Eevil\u202C",
            "\uD83D\uDE00\uD83D\uDC4D",
            "Zoë Ångström",
            "\u0000",
            "a\u0000b",
            "\uFEFF",
            "\r\nSet-Cookie: x=y",
            "../../etc/passwd",
            "",
            " ",
            "null",
            "true",
            "-1",
            "NaN",
            "ACTIVE",
            "active",
            "\uDC00",
            "🙂".repeat(300));

    static final List<String> HOSTILE_IDS = List.of(
            "not-a-uuid",
            "00000000-0000-0000-0000-000000000000",
            "' OR 1=1 --",
            "-1",
            "99999999999999999999",
            "%00",
            "..",
            "<script>",
            "ffffffff-ffff-ffff-ffff-fffffffffffffff",
            "1e309",
            "\uD83D\uDE00");

    static final List<String> BROKEN_JSON = List.of(
            "{",
            "}",
            "{\"a\":}",
            "{\"a\" 1}",
            "{'a': 1}",
            "{\"a\": 1,}",
            "{\"a\": NaN}",
            "{\"a\": 01}",
            "/* c */ {}",
            "\uFEFF{\"a\": 1",
            "[",
            "{\"a\": \"\\x\"}",
            "{\"a\": \"unterminated}",
            "{\"a\": tru}",
            "nul",
            "{{}}",
            "{\"a\":1}{\"b\":2}garbage",
            "\u0000");

    static final List<String> WRONG_ROOTS = List.of("[]", "[{}]", "\"text\"", "42", "null", "true", "");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;

    enum Who {
        ANONYMOUS,
        BOGUS_TOKEN,
        ADMIN,
        THERAPIST,
        OTHER_ADMIN
    }

    record Fuzzed(String method, String path, String contentType, String body, Who who) {}

    @Test
    void tenThousandHostileRequestsGetNoServerErrorAndChangeNothing() throws Exception {
        Fixtures.Member admin = fixtures().signup("Fuzz Practice");
        Fixtures.Member therapist = fixtures().join(admin, "Tom Fuzzed", "Associate");
        Fixtures.Member otherAdmin = fixtures().signup("Fuzz Elsewhere");
        String invitationId = fixtures()
                .invite(admin, "Ivy Invited", Fixtures.uniqueEmail("ivy"), "Intern")
                .path("id")
                .asString();
        String roleId = fixtures().roleId(admin, "Intern");
        List<String> realIds =
                List.of(admin.memberId(), therapist.memberId(), otherAdmin.memberId(), invitationId, roleId);
        Map<Who, String> tokens =
                Map.of(Who.ADMIN, admin.token(), Who.THERAPIST, therapist.token(), Who.OTHER_ADMIN, otherAdmin.token());

        awaitOutboxDrained();
        Map<String, String> before = DatabaseDigest.of(jdbc);

        ApiEndpoints endpoints = ApiEndpoints.of(mapping);
        assertThat(endpoints.all()).hasSizeGreaterThan(20);
        List<Fuzzed> requests = new ArrayList<>(REQUESTS);
        for (int i = 0; i < REQUESTS; i++) {
            Random random = new Random(SEED * 31 + i);
            requests.add(
                    generate(random, endpoints.all().get(i % endpoints.all().size()), realIds));
        }

        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        List<String> serverErrors = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger sent = new AtomicInteger();
        Instant start = Instant.now();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<?>> done = new ArrayList<>();
        for (Fuzzed request : requests) {
            done.add(pool.submit(() -> {
                HttpResponse<String> response = send(http, request, tokens);
                sent.incrementAndGet();
                if (response != null && response.statusCode() >= 500) {
                    String body = response.body();
                    serverErrors.add(response.statusCode() + " " + request.method() + " " + request.path() + " as "
                            + request.who() + " body=" + abbreviate(request.body()) + " -> "
                            + abbreviate(body));
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(90, TimeUnit.SECONDS);
        }
        pool.shutdown();
        Duration took = Duration.between(start, Instant.now());
        System.out.printf(
                "Fuzz: %d requests over %d endpoints in %d ms%n",
                sent.get(), endpoints.all().size(), took.toMillis());

        assertThat(serverErrors).as("requests answered with 5xx").isEmpty();
        awaitOutboxDrained();
        assertThat(DatabaseDigest.of(jdbc)).as("database digest per table").isEqualTo(before);
        assertThat(sent.get()).isEqualTo(REQUESTS);
    }

    private HttpResponse<String> send(HttpClient http, Fuzzed request, Map<Who, String> tokens) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + request.path()))
                .timeout(Duration.ofSeconds(30))
                .header("X-Forwarded-For", ADDRESS)
                .header("Accept", "application/json, application/problem+json")
                .method(
                        request.method(),
                        request.body() == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(request.body()));
        if (request.contentType() != null) {
            builder.header("Content-Type", request.contentType());
        }
        switch (request.who()) {
            case ANONYMOUS -> {}
            case BOGUS_TOKEN -> builder.header("Authorization", "Bearer " + UUID.randomUUID());
            default -> builder.header("Authorization", "Bearer " + tokens.get(request.who()));
        }
        HttpRequest built = builder.build();
        try {
            return http.send(built, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            // JDK-8336655 (fixed in JDK 24): the JDK's client, taking a connection from its pool, can hand the
            // server's answer to the pool's idle watcher, which closes the connection ("header parser received
            // no bytes", "connection closed locally"). The answer is lost on the client's side; ask once more.
            // Whatever the server did with the first is still checked: no 5xx, and the database unchanged.
            if (e.getMessage() == null || !e.getMessage().contains("received no bytes")) {
                throw e;
            }
            return http.send(built, HttpResponse.BodyHandlers.ofString());
        }
    }

    private static Fuzzed generate(Random random, ApiEndpoints.Endpoint endpoint, List<String> realIds) {
        boolean hasBody = endpoint.bodyType() != null;
        boolean read = endpoint.method().equals("GET");
        Who who = Who.values()[random.nextInt(Who.values().length)];
        if (!read && !hasBody && endpoint.pathVariables().isEmpty()) {
            who = random.nextBoolean() ? Who.ANONYMOUS : Who.BOGUS_TOKEN;
        }

        String path = endpoint.pattern();
        for (String variable : endpoint.pathVariables()) {
            String value;
            int pick = random.nextInt(10);
            if (hasBody && pick < 4) {
                value = realIds.get(random.nextInt(realIds.size()));
            } else if (pick < 7) {
                value = UUID.randomUUID().toString();
            } else {
                value = HOSTILE_IDS.get(random.nextInt(HOSTILE_IDS.size()));
            }
            path = path.replace("{" + variable + "}", encode(value));
        }
        StringBuilder query = new StringBuilder();
        for (ApiEndpoints.Param param : endpoint.queryParams()) {
            if (random.nextInt(3) == 0) {
                continue;
            }
            query.append(query.isEmpty() ? "?" : "&")
                    .append(encode(param.name()))
                    .append('=')
                    .append(encode(queryValue(random, param.type(), read ? null : realIds)));
        }
        if (random.nextInt(5) == 0) {
            query.append(query.isEmpty() ? "?" : "&").append("unknown=").append(encode(hostileString(random)));
        }
        if (random.nextInt(8) == 0) {
            // A parameter given twice.
            query.append(query.isEmpty() ? "?" : "&").append("limit=1&limit=2");
        }

        if (!hasBody) {
            String body = random.nextInt(4) == 0 ? BROKEN_JSON.get(random.nextInt(BROKEN_JSON.size())) : null;
            return new Fuzzed(endpoint.method(), path + query, body == null ? null : "application/json", body, who);
        }
        boolean poison = !SECRET_DOORS.contains(endpoint.key()) || random.nextBoolean();
        String body = poison ? poisonedBody(random, endpoint) : hostileBody(random, endpoint.bodyFields());
        String contentType = random.nextInt(12) == 0
                ? List.of(
                                "text/plain",
                                "application/xml",
                                "application/x-www-form-urlencoded",
                                "application/json; charset=ISO-8859-1")
                        .get(random.nextInt(4))
                : "application/json";
        if (!poison && !contentType.startsWith("application/json")) {
            contentType = "application/json";
        }
        return new Fuzzed(endpoint.method(), path + query, contentType, body, who);
    }

    /** A body that cannot be accepted, whatever the endpoint: the poison is chosen among nine kinds. */
    private static String poisonedBody(Random random, ApiEndpoints.Endpoint endpoint) {
        List<RecordComponent> fields = endpoint.bodyFields();
        int kind = random.nextInt(9);
        if (fields.isEmpty() && kind >= 2) {
            kind = random.nextInt(2);
        }
        switch (kind) {
            case 0:
                return BROKEN_JSON.get(random.nextInt(BROKEN_JSON.size()));
            case 1:
                return WRONG_ROOTS.get(random.nextInt(WRONG_ROOTS.size()));
            case 2: {
                // A structurally wrong value for one field: an object or array for a scalar, text for the rest.
                RecordComponent target = fields.get(random.nextInt(fields.size()));
                return bodyWith(random, fields, target, wrongType(random, target));
            }
            case 3: {
                RecordComponent target = pick(random, fields, c -> c.getType().isEnum());
                return target == null
                        ? BROKEN_JSON.get(random.nextInt(BROKEN_JSON.size()))
                        : bodyWith(random, fields, target, "\"NOT_A_VALUE_" + random.nextInt(100) + "\"");
            }
            case 4: {
                RecordComponent target = pick(random, fields, c -> c.getType() == UUID.class);
                return target == null
                        ? WRONG_ROOTS.get(random.nextInt(WRONG_ROOTS.size()))
                        : bodyWith(random, fields, target, json(HOSTILE_IDS.get(random.nextInt(HOSTILE_IDS.size()))));
            }
            case 5: {
                // The same field twice: refused rather than "last one wins".
                RecordComponent target = fields.get(random.nextInt(fields.size()));
                String body = hostileBody(random, fields);
                String extra = "\"" + target.getName() + "\": " + value(random, target);
                return body.equals("{}")
                        ? "{" + extra + ", " + extra + "}"
                        : "{" + extra + ", " + extra + ", " + body.substring(1);
            }
            case 6: {
                RecordComponent target = pick(random, fields, c -> c.getType() == String.class);
                if (target == null) {
                    target = fields.get(random.nextInt(fields.size()));
                    return bodyWith(random, fields, target, wrongType(random, target));
                }
                return bodyWith(random, fields, target, json("A".repeat(5_000 + random.nextInt(20_000))));
            }
            case 7: {
                RecordComponent target = fields.get(random.nextInt(fields.size()));
                return bodyWith(random, fields, target, wrongType(random, target));
            }
            default: {
                // A scalar of the wrong JSON type, which Jackson would otherwise coerce: never converted.
                RecordComponent target = fields.get(random.nextInt(fields.size()));
                return bodyWith(random, fields, target, wrongScalar(random, target));
            }
        }
    }

    /** Wrong-typed scalars: numbers and booleans for text, text and fractions for numbers, and so on. */
    private static String wrongScalar(Random random, RecordComponent field) {
        Class<?> type = field.getType();
        List<String> shapes;
        if (type == String.class) {
            shapes = List.of("12345", "true", "false", "1.5", "0", "123456789012345");
        } else if (type == Boolean.class || type == boolean.class) {
            shapes = List.of("\"true\"", "\"false\"", "1", "0", "\"yes\"", "\"\"", "1.0");
        } else if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            shapes = List.of("\"50\"", "50.5", "50.0", "1e2", "true", "\"\"");
        } else if (type.isEnum()) {
            shapes = List.of("0", "1", "\"0\"", "true", "1.5");
        } else if (Map.class.isAssignableFrom(type)) {
            shapes = List.of(
                    "{\"clients.create\": \"true\"}", "{\"clients.create\": 1}", "{\"notes.sign_independently\": 0}");
        } else if (type == Instant.class || type == java.time.LocalDate.class) {
            shapes = List.of("1768489200", "1768489200.5", "7395", "true");
        } else {
            shapes = List.of("12", "true", "1.5");
        }
        return shapes.get(random.nextInt(shapes.size()));
    }

    private static String wrongType(Random random, RecordComponent field) {
        Class<?> type = field.getType();
        if (type == String.class) {
            return random.nextBoolean() ? "{\"$gt\": \"\"}" : "[\"a\", \"b\"]";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return random.nextBoolean() ? "\"twelve\"" : "99999999999999999999999";
        }
        if (Map.class.isAssignableFrom(type)) {
            return random.nextBoolean() ? "\"features\"" : "{\"clients.create\": {\"x\": 1}}";
        }
        if (List.class.isAssignableFrom(type)) {
            return "{\"not\": \"a list\"}";
        }
        return random.nextBoolean() ? "{\"nested\": true}" : "\"maybe-" + random.nextInt(9) + "\"";
    }

    private static String hostileBody(Random random, List<RecordComponent> fields) {
        StringBuilder body = new StringBuilder("{");
        for (RecordComponent field : fields) {
            if (random.nextInt(5) == 0) {
                continue; // missing field
            }
            if (body.length() > 1) {
                body.append(", ");
            }
            body.append('"').append(field.getName()).append("\": ").append(value(random, field));
        }
        if (random.nextInt(4) == 0) {
            body.append(body.length() > 1 ? ", " : "")
                    .append("\"practiceId\": \"")
                    .append(UUID.randomUUID())
                    .append('"');
        }
        return body.append('}').toString();
    }

    private static String bodyWith(Random random, List<RecordComponent> fields, RecordComponent target, String raw) {
        StringBuilder body = new StringBuilder("{");
        for (RecordComponent field : fields) {
            if (field != target && random.nextInt(4) == 0) {
                continue;
            }
            if (body.length() > 1) {
                body.append(", ");
            }
            body.append('"')
                    .append(field.getName())
                    .append("\": ")
                    .append(field == target ? raw : value(random, field));
        }
        return body.append('}').toString();
    }

    private static String value(Random random, RecordComponent field) {
        Class<?> type = field.getType();
        if (random.nextInt(10) == 0) {
            return "null";
        }
        if (type == String.class) {
            return json(hostileString(random));
        }
        if (type == UUID.class) {
            return json(
                    random.nextBoolean()
                            ? UUID.randomUUID().toString()
                            : HOSTILE_IDS.get(random.nextInt(HOSTILE_IDS.size())));
        }
        if (type == Boolean.class || type == boolean.class) {
            return random.nextBoolean() ? "true" : "false";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return List.of("-1", "0", "2147483648", "-9223372036854775809", "1e308", "1.5")
                    .get(random.nextInt(6));
        }
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            return random.nextBoolean()
                    ? json(constants[random.nextInt(constants.length)].toString())
                    : json(hostileString(random));
        }
        if (Map.class.isAssignableFrom(type)) {
            return "{" + json(hostileString(random)) + ": true, \"clients.view_practice\": true}";
        }
        if (field.getGenericType() instanceof ParameterizedType) {
            return "[]";
        }
        return json(hostileString(random));
    }

    private static String queryValue(Random random, Class<?> type, List<String> realIds) {
        int pick = random.nextInt(4);
        if (type == UUID.class && pick == 0) {
            return UUID.randomUUID().toString();
        }
        if (type == Instant.class && pick == 0) {
            return List.of("2026-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "0000-00-00")
                    .get(random.nextInt(3));
        }
        if (type == Integer.class && pick == 0) {
            return List.of("-1", "0", "501", "2147483648", "1e3").get(random.nextInt(5));
        }
        if (type.isEnum() && pick == 0) {
            Object[] constants = type.getEnumConstants();
            return constants[random.nextInt(constants.length)].toString();
        }
        return random.nextBoolean() ? hostileString(random) : HOSTILE_IDS.get(random.nextInt(HOSTILE_IDS.size()));
    }

    private static String hostileString(Random random) {
        return HOSTILE_STRINGS.get(random.nextInt(HOSTILE_STRINGS.size()));
    }

    private static RecordComponent pick(
            Random random, List<RecordComponent> fields, java.util.function.Predicate<RecordComponent> test) {
        List<RecordComponent> matching = fields.stream().filter(test).toList();
        return matching.isEmpty() ? null : matching.get(random.nextInt(matching.size()));
    }

    private static String json(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || Character.isSurrogate(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String text) {
        return text == null ? "null" : text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    private void awaitOutboxDrained() throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            Integer pending = jdbc.sql("select count(*) from mail_outbox where sent_at is null")
                    .query(Integer.class)
                    .single();
            if (pending == 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("The mail outbox did not drain");
    }
}
