package app.caseload.clinical;

import static org.assertj.core.api.Assertions.assertThat;

import app.caseload.support.Api;
import app.caseload.support.Fixtures.Member;
import app.caseload.support.IntegrationTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * Runs the visibility matrix through every client-data endpoint over HTTP. The endpoints come from
 * Spring's registered handler mappings: a new endpoint under a client-data path without a probe
 * here fails the build. For a client the caller may not see, every endpoint must answer exactly
 * as it answers for a client id that does not exist (never a hint); for a visible one, reads
 * answer 200 and refused writes are refused for another reason than "not found".
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientDataEndpointMatrixTest extends IntegrationTest {

    /** Paths that carry client data: every mapping matching one of these needs a probe. */
    private static final List<Pattern> CLIENT_DATA = List.of(
            Pattern.compile("^/api/v1/clients($|/.*)"),
            Pattern.compile("^/api/v1/sessions($|/.*)"),
            Pattern.compile("^/api/v1/notes($|/.*)"),
            Pattern.compile("^/api/v1/claims($|/.*)"),
            Pattern.compile("^/api/v1/therapists/\\{[^}]+}/(caseload|sessions)$"));

    private static final String NOWHERE = UUID.randomUUID().toString();

    enum Kind {
        /** GET on one client: 200 when visible. */
        CLIENT_READ,
        /** A change to one client, harmless as sent: not 404 when visible. */
        CLIENT_WRITE,
        /** A change to one client that would really change it: probed for invisible clients only. */
        CLIENT_WRITE_INVISIBLE_ONLY,
        /** GET on one session: 200 when its client is visible. */
        SESSION_READ,
        /** A change to a session whose state refuses it anyway: not 404 when visible. */
        SESSION_WRITE,
        /** A request naming the client in its body (scheduling): invisible clients only. */
        BODY_CLIENT,
        /** A list of clients or sessions: exactly the visible ones. */
        LIST,
        /** A therapist's caseload or sessions: admins, self, supervisors; only visible clients. */
        THERAPIST,
        /** Creates data without reading existing client data; covered elsewhere (reason given). */
        EXEMPT
    }

    record Probe(Kind kind, Object body, String note) {}

    private static final Map<String, Probe> PROBES = new LinkedHashMap<>();

    static {
        PROBES.put("GET /api/v1/clients", new Probe(Kind.LIST, null, "client list"));
        PROBES.put("POST /api/v1/clients", new Probe(Kind.EXEMPT, null, "registers a new client only"));
        PROBES.put("GET /api/v1/clients/export", new Probe(Kind.LIST, null, "client export"));
        PROBES.put(
                "POST /api/v1/clients/import",
                new Probe(
                        Kind.EXEMPT,
                        null,
                        "creates clients only; its duplicate check compares visible clients only:"
                                + " ClientCsvApiTest.aClientTheImporterSeesCountsAsADuplicateOneTheyCannotSeeDoesNot"));
        PROBES.put("GET /api/v1/clients/{id}", new Probe(Kind.CLIENT_READ, null, null));
        PROBES.put("PATCH /api/v1/clients/{id}", new Probe(Kind.CLIENT_WRITE, Map.of(), null));
        PROBES.put("POST /api/v1/clients/{id}/reassign", new Probe(Kind.CLIENT_WRITE, "owner", null));
        PROBES.put(
                "POST /api/v1/clients/reassign",
                new Probe(Kind.EXEMPT, null, "ClinicalScenarioTest.bulkReassignMovesOnlyTheClientsTheCallerCanSee"));
        PROBES.put("GET /api/v1/clients/{id}/assignments", new Probe(Kind.CLIENT_READ, null, null));
        PROBES.put("GET /api/v1/clients/{id}/risk", new Probe(Kind.CLIENT_READ, null, null));
        PROBES.put(
                "PUT /api/v1/clients/{id}/risk",
                new Probe(Kind.CLIENT_WRITE_INVISIBLE_ONLY, Map.of("level", "HIGH"), null));
        PROBES.put("GET /api/v1/clients/{id}/sessions", new Probe(Kind.CLIENT_READ, null, null));
        PROBES.put("POST /api/v1/sessions", new Probe(Kind.BODY_CLIENT, null, null));
        PROBES.put("GET /api/v1/sessions/{id}", new Probe(Kind.SESSION_READ, null, null));
        PROBES.put("GET /api/v1/sessions/{id}/note", new Probe(Kind.SESSION_READ, null, null));
        PROBES.put("PUT /api/v1/sessions/{id}/note", new Probe(Kind.SESSION_WRITE, Map.of("text", "x"), null));
        PROBES.put("POST /api/v1/sessions/{id}/complete", new Probe(Kind.SESSION_WRITE, null, null));
        PROBES.put("POST /api/v1/sessions/{id}/cancel", new Probe(Kind.SESSION_WRITE, null, null));
        PROBES.put("POST /api/v1/sessions/{id}/no-show", new Probe(Kind.SESSION_WRITE, null, null));
        PROBES.put("POST /api/v1/sessions/{id}/note/sign", new Probe(Kind.SESSION_WRITE, null, null));
        PROBES.put("POST /api/v1/sessions/{id}/note/cosign", new Probe(Kind.SESSION_WRITE, null, null));
        PROBES.put("GET /api/v1/notes/pending", new Probe(Kind.LIST, null, "pending"));
        PROBES.put("GET /api/v1/claims", new Probe(Kind.LIST, null, "claims"));
        PROBES.put("GET /api/v1/claims/export", new Probe(Kind.LIST, null, "claims export"));
        PROBES.put("GET /api/v1/therapists/{id}/caseload", new Probe(Kind.THERAPIST, null, "caseload"));
        PROBES.put("GET /api/v1/therapists/{id}/sessions", new Probe(Kind.THERAPIST, null, "sessions"));
    }

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    VisibilityWorld world;

    @BeforeAll
    void buildWorld() {
        world = VisibilityWorld.build(api(), fixtures());
    }

    /** Every registered client-data endpoint, as "METHOD /pattern". */
    private Set<String> clientDataEndpoints() {
        Set<String> endpoints = new TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> {
            for (String pattern : info.getPatternValues()) {
                if (CLIENT_DATA.stream().anyMatch(p -> p.matcher(pattern).matches())) {
                    info.getMethodsCondition()
                            .getMethods()
                            .forEach(method -> endpoints.add(method.name() + " " + pattern));
                }
            }
        });
        return endpoints;
    }

    @Test
    void everyClientDataEndpointHasAMatrixEntry() {
        Set<String> endpoints = clientDataEndpoints();
        assertThat(endpoints).as("client-data endpoints without a probe").isSubsetOf(PROBES.keySet());
        assertThat(PROBES.keySet())
                .as("probes of endpoints that no longer exist")
                .isSubsetOf(endpoints);
    }

    @Test
    void everyEndpointAnswersEachCallerOnlyAboutTheClientsTheyMaySee() throws Exception {
        // Callers are independent: probe them in parallel, each collecting its own failures.
        var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            List<java.util.concurrent.Future<List<Throwable>>> results = new ArrayList<>();
            for (VisibilityWorld.Who who : world.callers.values()) {
                results.add(pool.submit(() -> probeEverything(who)));
            }
            List<String> failures = new ArrayList<>();
            for (var result : results) {
                result.get().forEach(t -> failures.add(t.getMessage()));
            }
            assertThat(failures).as("visibility leaks").isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }

    private List<Throwable> probeEverything(VisibilityWorld.Who who) {
        SoftAssertions soft = new SoftAssertions();
        Api api = api().as(who.member().token());
        for (String endpoint : clientDataEndpoints()) {
            Probe probe = PROBES.get(endpoint);
            if (probe == null || probe.kind() == Kind.EXEMPT) {
                continue;
            }
            String method = endpoint.substring(0, endpoint.indexOf(' '));
            String pattern = endpoint.substring(endpoint.indexOf(' ') + 1);
            switch (probe.kind()) {
                case CLIENT_READ, CLIENT_WRITE, CLIENT_WRITE_INVISIBLE_ONLY ->
                    probeClients(soft, api, who, method, pattern, probe);
                case SESSION_READ, SESSION_WRITE -> probeSessions(soft, api, who, method, pattern, probe);
                case BODY_CLIENT -> probeScheduling(soft, api, who, method, pattern);
                case LIST -> probeList(soft, api, who, probe.note());
                case THERAPIST -> probeTherapists(soft, api, who, pattern, probe.note());
                case EXEMPT -> {}
            }
        }
        return soft.errorsCollected();
    }

    /**
     * The practice's numbers are practice-wide for those who may see them (Active admins and roles
     * with {@code reports.view}, as {@code /me} reports the role's features) and null for everyone
     * else (SPEC §3); another practice's clients are never counted.
     */
    @Test
    void practiceMetricsArePracticeWideForReportsViewAndNullForOthers() {
        SoftAssertions soft = new SoftAssertions();
        for (VisibilityWorld.Who who : world.callers.values()) {
            Api.Response r = api().as(who.member().token()).get("/api/v1/practice");
            if (who.status() == VisibilityWorld.Status.INACTIVE || who.status() == VisibilityWorld.Status.REMOVED) {
                soft.assertThat(r.status()).as(who.name()).isEqualTo(401);
                continue;
            }
            JsonNode metrics = r.expect(200).json().path("metrics");
            boolean reportsView = api().as(who.member().token())
                    .get("/api/v1/me")
                    .expect(200)
                    .json()
                    .path("features")
                    .path("reports.view")
                    .asBoolean();
            boolean mayView = who.status() == VisibilityWorld.Status.ACTIVE && (who.admin() || reportsView);
            if (!mayView) {
                soft.assertThat(metrics.isNull()).as(who.name() + " metrics").isTrue();
                continue;
            }
            String practice = who.member().practiceId();
            long active = world.clients.stream()
                    .filter(x -> x.practiceId().equals(practice))
                    .count();
            long pending = world.clients.stream()
                    .filter(x -> x.practiceId().equals(practice) && x.pending())
                    .count();
            soft.assertThat(metrics.path("activeClients").asLong())
                    .as(who.name())
                    .isEqualTo(active);
            soft.assertThat(metrics.path("pendingNotes").asLong())
                    .as(who.name())
                    .isEqualTo(pending);
        }
        soft.assertAll();
    }

    // ---- probes ---------------------------------------------------------------------------------------

    private void probeClients(
            SoftAssertions soft, Api api, VisibilityWorld.Who who, String method, String pattern, Probe probe) {
        Api.Response nothing = null;
        for (VisibilityWorld.Client x : world.clients) {
            Object body = "owner".equals(probe.body()) ? Map.of("therapistId", x.owner()) : probe.body();
            boolean visible = world.visible(who, x);
            String label = who.name() + " " + method + " " + pattern + " on '" + x.label() + "'";
            if (visible && probe.kind() == Kind.CLIENT_WRITE_INVISIBLE_ONLY) {
                continue;
            }
            Api.Response r = api.send(method, path(pattern, x.id()), body);
            if (!visible) {
                if (nothing == null || "owner".equals(probe.body())) {
                    nothing = api.send(method, path(pattern, NOWHERE), body);
                }
                sameAsNothing(soft, label, r, nothing);
            } else if (probe.kind() == Kind.CLIENT_READ) {
                soft.assertThat(r.status()).as(label).isEqualTo(200);
                soft.assertThat(r.body()).as(label).doesNotContain(otherClientIds(x));
            } else {
                soft.assertThat(r.status()).as(label).isNotIn(404, 500);
            }
        }
    }

    private void probeSessions(
            SoftAssertions soft, Api api, VisibilityWorld.Who who, String method, String pattern, Probe probe) {
        Api.Response nothing = api.send(method, path(pattern, NOWHERE), probe.body());
        for (VisibilityWorld.Client x : world.clients) {
            if (x.probeSession() == null) {
                continue;
            }
            boolean visible = world.visible(who, x);
            String label = who.name() + " " + method + " " + pattern + " on '" + x.label() + "'";
            Api.Response r = api.send(method, path(pattern, x.probeSession()), probe.body());
            if (!visible) {
                sameAsNothing(soft, label, r, nothing);
            } else if (probe.kind() == Kind.SESSION_READ) {
                soft.assertThat(r.status()).as(label).isEqualTo(200);
            } else {
                // The probe session is signed or cancelled: the state refuses the change.
                soft.assertThat(r.status()).as(label).isIn(401, 403, 409);
            }
        }
    }

    private void probeScheduling(SoftAssertions soft, Api api, VisibilityWorld.Who who, String method, String pattern) {
        Api.Response nothing = null;
        for (VisibilityWorld.Client x : world.clients) {
            if (world.visible(who, x)) {
                continue;
            }
            String label = who.name() + " schedules for '" + x.label() + "'";
            String start = Clinic.futureSlot().toString();
            Map<String, Object> body = Map.of(
                    "clientId",
                    x.id(),
                    "therapistId",
                    who.member().memberId(),
                    "startsAt",
                    start,
                    "durationMinutes",
                    50,
                    "serviceCode",
                    "90834");
            if (nothing == null) {
                Map<String, Object> nowhere = new HashMap<>(body);
                nowhere.put("clientId", NOWHERE);
                nothing = api.send(method, pattern, nowhere);
            }
            sameAsNothing(soft, label, api.send(method, pattern, body), nothing);
        }
    }

    private void probeList(SoftAssertions soft, Api api, VisibilityWorld.Who who, String which) {
        String label = who.name() + " lists " + which;
        String path = switch (which) {
            case "client list" -> "/api/v1/clients?limit=500";
            case "pending" -> "/api/v1/notes/pending?limit=500";
            case "claims export" -> "/api/v1/claims/export?format=csv&from=2000-01-01&to=2100-01-01";
            case "client export" -> "/api/v1/clients/export";
            default -> "/api/v1/claims?from=2000-01-01&to=2100-01-01&limit=500";
        };
        Api.Response r = api.get(path);
        if (who.status() == VisibilityWorld.Status.INACTIVE || who.status() == VisibilityWorld.Status.REMOVED) {
            soft.assertThat(r.status()).as(label).isEqualTo(401);
            return;
        }
        if (which.startsWith("claims") && !(who.admin() || who.viewPractice())) {
            soft.assertThat(r.status()).as(label).isEqualTo(403);
            return;
        }
        if (which.equals("client export")
                && !(who.status() == VisibilityWorld.Status.ACTIVE && (who.admin() || who.viewPractice()))) {
            soft.assertThat(r.status()).as(label).isEqualTo(403);
            return;
        }
        soft.assertThat(r.status()).as(label).isEqualTo(200);
        Set<String> seen = new HashSet<>();
        if (which.equals("client export")) {
            // CSV without ids: the first column is the full name. The export holds exactly the client
            // list's clients (which the "client list" probe holds to the oracle).
            try (var parser =
                    org.apache.commons.csv.CSVParser.parse(r.body(), org.apache.commons.csv.CSVFormat.RFC4180)) {
                parser.stream().skip(1).forEach(row -> seen.add(row.get(0)));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            Set<String> listed = new HashSet<>();
            api.get("/api/v1/clients?limit=500")
                    .expect(200)
                    .json()
                    .path("items")
                    .forEach(item -> listed.add(item.path("fullName").asString()));
            soft.assertThat(seen).as(label).isEqualTo(listed);
            soft.assertThat(r.body().lines().count() - 1).as(label).isEqualTo(listed.size());
            return;
        }
        if (which.equals("claims export")) {
            // CSV: the third column is the client id.
            r.body().lines().skip(1).forEach(line -> seen.add(line.split(",")[2]));
        } else {
            for (JsonNode item : r.json().path("items")) {
                seen.add(
                        item.has("clientId")
                                ? item.path("clientId").asString()
                                : item.path("id").asString());
            }
        }
        Set<String> expected = new HashSet<>();
        for (VisibilityWorld.Client x : world.clients) {
            boolean relevant = switch (which) {
                case "client list" -> true;
                case "pending" -> x.pending();
                default -> x.claimable();
            };
            if (relevant && world.visible(who, x)) {
                expected.add(x.id());
            }
        }
        soft.assertThat(seen).as(label).isEqualTo(expected);
    }

    private void probeTherapists(SoftAssertions soft, Api api, VisibilityWorld.Who who, String pattern, String which) {
        Api.Response nothing = api.get(path(pattern, NOWHERE) + "?limit=500");
        Map<String, Member> targets = new LinkedHashMap<>(world.members);
        for (var target : targets.entrySet()) {
            Member m = target.getValue();
            boolean removed = world.callers.containsKey(target.getKey())
                    && world.callers.get(target.getKey()).status() == VisibilityWorld.Status.REMOVED;
            String label = who.name() + " opens " + which + " of " + target.getKey();
            Api.Response r = api.get(path(pattern, m.memberId()) + "?limit=500");
            if (!world.mayOpenTherapist(who, m, removed)) {
                sameAsNothing(soft, label, r, nothing);
                continue;
            }
            soft.assertThat(r.status()).as(label).isEqualTo(200);
            Set<String> seen = new HashSet<>();
            for (JsonNode item : r.json().path("items")) {
                seen.add(
                        item.has("client")
                                ? item.path("client").path("id").asString()
                                : item.path("clientId").asString());
            }
            Set<String> expected =
                    new HashSet<>(which.equals("caseload") ? world.caseloadOf(m) : world.withSessionsOf(m));
            expected.retainAll(world.visibleIds(who));
            soft.assertThat(seen).as(label).isEqualTo(expected);
        }
    }

    /** An invisible client must be indistinguishable from one that does not exist. */
    private static void sameAsNothing(SoftAssertions soft, String label, Api.Response actual, Api.Response nothing) {
        soft.assertThat(actual.status()).as(label + " (status)").isEqualTo(nothing.status());
        soft.assertThat(actual.status()).as(label + " (never a server error)").isNotEqualTo(500);
        if (nothing.status() >= 400) {
            soft.assertThat(actual.problemType()).as(label + " (problem type)").isEqualTo(nothing.problemType());
        }
    }

    private String[] otherClientIds(VisibilityWorld.Client x) {
        List<String> others = new ArrayList<>();
        world.clients.stream().filter(c -> !c.id().equals(x.id())).forEach(c -> others.add(c.id()));
        return others.toArray(String[]::new);
    }

    private static String path(String pattern, String id) {
        return pattern.replaceFirst("\\{[^}]+}", id);
    }
}
