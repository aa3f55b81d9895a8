package app.caseload.security;

import static app.caseload.security.AuthorizationMatrixTest.Target.COLLEAGUE;
import static app.caseload.security.AuthorizationMatrixTest.Target.NONE;
import static app.caseload.security.AuthorizationMatrixTest.Target.OTHER_PRACTICE;
import static app.caseload.security.AuthorizationMatrixTest.Target.SELF;
import static app.caseload.security.AuthorizationMatrixTest.Target.SUPERVISED;
import static org.assertj.core.api.Assertions.assertThat;

import app.caseload.security.AuthorizationMatrixTest.Target;
import app.caseload.security.AuthorizationMatrixTest.Who;
import app.caseload.support.Api;
import app.caseload.support.Fixtures;
import app.caseload.support.Fixtures.Member;
import app.caseload.support.IntegrationTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * Every {@code /fhir/r4} route × every kind of caller × every kind of target, with the answer the
 * rules give: reads 200 or 404 by the same visibility as the JSON API ({@link
 * AuthorizationMatrixTest#sees}), searches 200 with the target in the Bundle exactly when it is
 * visible, 401 without a usable token (Inactive and removed members' old tokens included), 405 for
 * any write, the CapabilityStatement to anyone. A route registered without an entry here fails.
 */
class FhirAuthorizationMatrixTest extends IntegrationTest {

    /** A cell's expected answer: the status, and for searches whether the target is in the Bundle. */
    record Answer(int status, Boolean listed) {
        static Answer of(int status) {
            return new Answer(status, null);
        }
    }

    interface Expect {
        Answer answer(Who who, Target target);
    }

    record Entry(
            String method,
            String pattern,
            String label,
            List<Target> targets,
            BiFunction<Who, Target, String> path,
            Expect expect,
            BiFunction<Who, Target, String> listedId) {}

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;

    static final List<Target> CLINICAL = List.of(SELF, SUPERVISED, COLLEAGUE, OTHER_PRACTICE);

    static boolean signedOut(Who who) {
        return AuthorizationMatrixTest.signedOut(who);
    }

    static Expect clinicalRead() {
        return (who, target) -> Answer.of(signedOut(who) ? 401 : AuthorizationMatrixTest.sees(who, target) ? 200 : 404);
    }

    static Expect clinicalSearch() {
        return (who, target) ->
                signedOut(who) ? Answer.of(401) : new Answer(200, AuthorizationMatrixTest.sees(who, target));
    }

    /** Members of the caller's practice are Practitioners to every member of it (the roster). */
    static Expect memberRead() {
        return (who, target) ->
                Answer.of(signedOut(who) ? 401 : AuthorizationMatrixTest.ownPractice(who, target) ? 200 : 404);
    }

    static Expect memberSearch() {
        return (who, target) ->
                signedOut(who) ? Answer.of(401) : new Answer(200, AuthorizationMatrixTest.ownPractice(who, target));
    }

    List<Entry> matrix(World w) {
        List<Entry> m = new ArrayList<>();
        m.add(new Entry(
                "GET",
                "/fhir/r4/metadata",
                "metadata",
                List.of(NONE),
                (who, t) -> "/fhir/r4/metadata",
                (who, t) -> Answer.of(200),
                null));
        String read = "/fhir/r4/{type}/{id}";
        String search = "/fhir/r4/{type}";
        m.add(new Entry(
                "GET",
                read,
                "Patient read",
                CLINICAL,
                (who, t) -> "/fhir/r4/Patient/" + w.client(who, t),
                clinicalRead(),
                null));
        m.add(new Entry(
                "GET",
                read,
                "CareTeam read",
                CLINICAL,
                (who, t) -> "/fhir/r4/CareTeam/" + w.client(who, t),
                clinicalRead(),
                null));
        m.add(new Entry(
                "GET",
                read,
                "Encounter read",
                CLINICAL,
                (who, t) -> "/fhir/r4/Encounter/" + w.session(who, t),
                clinicalRead(),
                null));
        m.add(new Entry(
                "GET",
                read,
                "Practitioner read",
                CLINICAL,
                (who, t) -> "/fhir/r4/Practitioner/" + w.member(who, t),
                memberRead(),
                null));
        m.add(new Entry(
                "GET",
                read,
                "PractitionerRole read",
                CLINICAL,
                (who, t) -> "/fhir/r4/PractitionerRole/" + w.member(who, t),
                memberRead(),
                null));
        m.add(new Entry(
                "GET",
                search,
                "Patient search",
                CLINICAL,
                (who, t) -> "/fhir/r4/Patient?_id=" + w.client(who, t),
                clinicalSearch(),
                w::client));
        m.add(new Entry(
                "GET",
                search,
                "CareTeam search",
                CLINICAL,
                (who, t) -> "/fhir/r4/CareTeam?patient=Patient/" + w.client(who, t),
                clinicalSearch(),
                w::client));
        m.add(new Entry(
                "GET",
                search,
                "Encounter search",
                CLINICAL,
                (who, t) -> "/fhir/r4/Encounter?subject=" + w.client(who, t),
                clinicalSearch(),
                w::session));
        m.add(new Entry(
                "GET",
                search,
                "Practitioner search",
                CLINICAL,
                (who, t) -> "/fhir/r4/Practitioner?_id=" + w.member(who, t),
                memberSearch(),
                w::member));
        m.add(new Entry(
                "GET",
                search,
                "PractitionerRole search",
                CLINICAL,
                (who, t) -> "/fhir/r4/PractitionerRole?practitioner=" + w.member(who, t),
                memberSearch(),
                w::member));
        // Everything else: not served. Unknown types and interactions 404, writes 405, after sign-in.
        Expect notServed = (who, t) -> Answer.of(signedOut(who) ? 401 : 404);
        Expect readOnly = (who, t) -> Answer.of(signedOut(who) ? 401 : 405);
        String rest = "/fhir/r4/**";
        m.add(new Entry(
                "GET", rest, "unknown type", List.of(NONE), (who, t) -> "/fhir/r4/Observation", notServed, null));
        m.add(new Entry(
                "GET",
                rest,
                "history",
                List.of(SELF),
                (who, t) -> "/fhir/r4/Patient/" + w.client(who, t) + "/_history",
                notServed,
                null));
        for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
            m.add(new Entry(
                    method,
                    rest,
                    method + " Patient",
                    List.of(SELF),
                    (who, t) -> "/fhir/r4/Patient" + (method.equals("POST") ? "" : "/" + w.client(who, t)),
                    readOnly,
                    null));
        }
        return m;
    }

    @Test
    void everyFhirRouteAnswersEveryCallerAsPromised() {
        World world = new World();
        List<Entry> matrix = matrix(world);

        Set<String> registered = new LinkedHashSet<>();
        for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
            if (info.getPathPatternsCondition() != null) {
                info.getPathPatternsCondition().getPatternValues().stream()
                        .filter(p -> p.startsWith("/fhir/"))
                        .forEach(registered::add);
            }
        }
        Set<String> covered = new LinkedHashSet<>();
        matrix.forEach(e -> covered.add(e.pattern()));
        assertThat(registered).as("FHIR routes without an entry in the matrix").isSubsetOf(covered);
        assertThat(covered).as("matrix entries for routes that do not exist").isSubsetOf(registered);

        List<String> wrong = new ArrayList<>();
        int cells = 0;
        for (Entry entry : matrix) {
            for (Who who : Who.values()) {
                for (Target target : entry.targets()) {
                    Answer expected = entry.expect().answer(who, target);
                    String token = world.token(who);
                    Api api = token == null ? api() : api().as(token);
                    Api.Response response = api.send(
                            entry.method(),
                            entry.path().apply(who, target),
                            entry.method().equals("GET") || entry.method().equals("DELETE") ? null : "{}");
                    cells++;
                    Boolean listed = null;
                    if (expected.listed() != null && response.status() == 200) {
                        String id = entry.listedId().apply(who, target);
                        listed = false;
                        for (JsonNode e : response.json().path("entry")) {
                            listed |= e.path("resource").path("id").asString().equals(id);
                        }
                    }
                    boolean fhirJson = response.contentType().startsWith("application/fhir+json");
                    if (response.status() != expected.status()
                            || !java.util.Objects.equals(listed, expected.listed())
                            || !fhirJson) {
                        wrong.add(entry.label() + " " + entry.method() + " as " + who + " on " + target + ": expected "
                                + expected + " but got " + response.status()
                                + (listed == null ? "" : " listed=" + listed)
                                + " " + response.contentType() + " " + response.body());
                    }
                }
            }
        }
        System.out.println("FHIR authorization matrix: " + matrix.size() + " entries, " + cells + " cells");
        assertThat(wrong).as("cells answered differently from the matrix").isEmpty();
    }

    /**
     * Practice A (admin, therapist, supervisor of a supervisee, a member whose role has {@code
     * clients.view_practice}, a colleague with a practice client, On Hold, Inactive and removed
     * members) and practice B (its admin). Each of A's callers, the supervisee and B's admin has a
     * direct client with a completed session; the colleague's client is a practice client.
     */
    final class World {
        private final AtomicLong slot = new AtomicLong();
        private final Instant past = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(900, ChronoUnit.DAYS);
        final Map<Who, Member> byWho = new EnumMap<>(Who.class);
        final Map<String, String> clients = new HashMap<>();
        final Map<String, String> sessions = new HashMap<>();
        final Member admin;
        final Member therapist;
        final Member supervisee;
        final Member colleague;
        final Member otherAdmin;

        World() {
            Fixtures f = fixtures();
            admin = f.signup("Fhir Matrix A");
            therapist = f.join(admin, "Tom Matrix", "Licensed Therapist");
            Member supervisor = f.join(admin, "Sam Supervisor", "Supervisor");
            Member viewer = f.join(admin, "Vic Viewer", "Licensed Therapist");
            Member onHold = f.join(admin, "Olga Paused", "Licensed Therapist");
            Member inactive = f.join(admin, "Ian Inactive", "Associate");
            Member removed = f.join(admin, "Rita Removed", "Associate");
            colleague = f.join(admin, "Zoe Colleague", "Licensed Therapist");
            supervisee = f.join(admin, "Sue Supervisee", "Associate");
            otherAdmin = f.signup("Fhir Matrix B");
            Api asAdmin = api().as(admin.token());
            String viewRole = asAdmin.post(
                            "/api/v1/roles",
                            Map.of("name", "Practice viewer", "features", Map.of("clients.view_practice", true)))
                    .expect(201)
                    .field("id");
            asAdmin.put("/api/v1/therapists/" + viewer.memberId() + "/role", Map.of("roleId", viewRole))
                    .expect(200);
            asAdmin.patch("/api/v1/practice", Map.of("supervisionEnabled", true))
                    .expect(200);
            asAdmin.post(
                            "/api/v1/therapists/" + supervisee.memberId() + "/supervisors",
                            Map.of("supervisorId", supervisor.memberId()))
                    .expect(201);
            for (Member m : List.of(admin, therapist, supervisor, viewer, onHold, supervisee)) {
                ownClient(admin, m, "DIRECT");
            }
            ownClient(admin, colleague, "PRACTICE");
            ownClient(otherAdmin, otherAdmin, "DIRECT");
            asAdmin.put("/api/v1/therapists/" + onHold.memberId() + "/status", Map.of("status", "ON_HOLD"))
                    .expect(200);
            asAdmin.put("/api/v1/therapists/" + inactive.memberId() + "/status", Map.of("status", "INACTIVE"))
                    .expect(200);
            asAdmin.delete("/api/v1/therapists/" + removed.memberId()).expect(204);
            byWho.put(Who.ADMIN, admin);
            byWho.put(Who.THERAPIST, therapist);
            byWho.put(Who.SUPERVISOR, supervisor);
            byWho.put(Who.VIEW_PRACTICE, viewer);
            byWho.put(Who.ON_HOLD, onHold);
            byWho.put(Who.INACTIVE, inactive);
            byWho.put(Who.REMOVED, removed);
            byWho.put(Who.OTHER_ADMIN, otherAdmin);
        }

        private void ownClient(Member by, Member therapist, String kind) {
            Api as = api().as(by.token());
            String client = as.post(
                            "/api/v1/clients",
                            Map.of(
                                    "fullName",
                                    "Client of " + therapist.memberId().substring(0, 8),
                                    "dateOfBirth",
                                    "1990-04-01",
                                    "kind",
                                    kind,
                                    "therapistId",
                                    therapist.memberId()))
                    .expect(201)
                    .field("id");
            String session = as.post(
                            "/api/v1/sessions",
                            Map.of(
                                    "clientId",
                                    client,
                                    "therapistId",
                                    therapist.memberId(),
                                    "startsAt",
                                    past.plus(2 * slot.incrementAndGet(), ChronoUnit.HOURS)
                                            .toString(),
                                    "durationMinutes",
                                    50,
                                    "serviceCode",
                                    "90834"))
                    .expect(201)
                    .field("id");
            as.post("/api/v1/sessions/" + session + "/complete", null).expect(200);
            clients.put(therapist.memberId(), client);
            sessions.put(therapist.memberId(), session);
        }

        String token(Who who) {
            return who == Who.ANONYMOUS ? null : byWho.get(who).token();
        }

        /** The member a cell names: the caller (the therapist for those without a client), the supervisee, ... */
        String member(Who who, Target target) {
            return memberOf(who, target).memberId();
        }

        private Member memberOf(Who who, Target target) {
            return switch (target) {
                case SELF -> who == Who.ANONYMOUS ? therapist : byWho.get(who);
                case SUPERVISED -> supervisee;
                case COLLEAGUE -> colleague;
                case OTHER_PRACTICE, NONE -> otherAdmin;
            };
        }

        private String owner(Who who, Target target) {
            String id = member(who, target);
            return clients.containsKey(id) ? id : therapist.memberId();
        }

        String client(Who who, Target target) {
            return clients.get(owner(who, target));
        }

        String session(Who who, Target target) {
            return sessions.get(owner(who, target));
        }
    }
}
