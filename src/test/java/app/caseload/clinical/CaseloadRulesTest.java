package app.caseload.clinical;

import static org.assertj.core.api.Assertions.assertThat;

import app.caseload.support.Fixtures;
import app.caseload.support.Fixtures.Member;
import app.caseload.support.IntegrationTest;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The rules the caseload relation brought (SPEC §3–§6), one story each: what a person sees and may
 * do, compared with what the spec says, not only status codes.
 */
class CaseloadRulesTest extends IntegrationTest {

    private Clinic clinic() {
        return new Clinic(api());
    }

    private JsonNode member(Member viewer, Member target) {
        return api().as(viewer.token())
                .get("/api/v1/therapists/" + target.memberId())
                .expect(200)
                .json();
    }

    private Set<String> clientIds(Member viewer) {
        Set<String> ids = new HashSet<>();
        api().as(viewer.token())
                .get("/api/v1/clients?limit=500")
                .expect(200)
                .json()
                .get("items")
                .forEach(c -> ids.add(c.get("id").asString()));
        return ids;
    }

    private Set<String> pendingNotes(Member viewer) {
        Set<String> ids = new HashSet<>();
        api().as(viewer.token())
                .get("/api/v1/notes/pending?limit=500")
                .expect(200)
                .json()
                .get("items")
                .forEach(s -> ids.add(s.get("id").asString()));
        return ids;
    }

    @Test
    void anOnHoldSupervisorSeesOnlyTheirOwnCaseloadAndNoSuperviseesNumbers() {
        Fixtures fixtures = fixtures();
        Clinic clinic = clinic();
        Member admin = fixtures.signup("On Hold Supervisor Practice");
        Member supervisor = fixtures.join(admin, "Sara Supervisor", "Supervisor");
        Member associate = fixtures.join(admin, "Ari Associate", "Associate");
        clinic.enableSupervision(admin);
        clinic.supervise(admin, supervisor, associate);
        String own = clinic.client(admin, "Own Client", "DIRECT", supervisor);
        String supervisees = clinic.client(admin, "Associate Client", "DIRECT", associate);

        assertThat(member(supervisor, associate).get("metrics").isNull()).isFalse();
        assertThat(clientIds(supervisor)).containsExactlyInAnyOrder(own, supervisees);

        clinic.status(admin, supervisor, "ON_HOLD");

        assertThat(member(supervisor, associate).get("metrics").isNull()).isTrue();
        api().as(supervisor.token())
                .get("/api/v1/therapists")
                .expect(200)
                .json()
                .get("items")
                .forEach(m -> {
                    if (m.get("id").asString().equals(associate.memberId())) {
                        assertThat(m.get("metrics").isNull())
                                .as("supervisee's numbers on the roster")
                                .isTrue();
                    }
                });
        assertThat(clientIds(supervisor)).containsExactly(own);
        api().as(supervisor.token())
                .get("/api/v1/therapists/" + associate.memberId() + "/caseload")
                .expect(404);
        api().as(supervisor.token()).get("/api/v1/clients/" + supervisees).expect(404);
        // Their own numbers stay theirs.
        assertThat(member(supervisor, supervisor)
                        .get("metrics")
                        .get("activeClients")
                        .asLong())
                .isEqualTo(1);
    }

    @Test
    void aReassignedDirectClientsPendingNoteIsStillFinishedByItsAuthorAndCosignedByTheirSupervisor() {
        Fixtures fixtures = fixtures();
        Clinic clinic = clinic();
        Member admin = fixtures.signup("Rendered Sessions Practice");
        Member supervisor = fixtures.join(admin, "Sol Supervisor", "Supervisor");
        Member associate = fixtures.join(admin, "Ada Associate", "Associate");
        Member other = fixtures.join(admin, "Otto Other", "Licensed Therapist");
        clinic.enableSupervision(admin);
        clinic.supervise(admin, supervisor, associate);
        String client = clinic.client(admin, "Moving Client", "DIRECT", associate);
        String session = clinic.completedSession(admin, client, associate);

        api().as(admin.token())
                .post("/api/v1/clients/" + client + "/reassign", Map.of("therapistId", other.memberId()))
                .expect(200);

        // The client's record is gone for the author and their supervisor ...
        assertThat(clientIds(associate)).doesNotContain(client);
        assertThat(clientIds(supervisor)).doesNotContain(client);
        api().as(associate.token()).get("/api/v1/clients/" + client).expect(404);
        api().as(supervisor.token()).get("/api/v1/clients/" + client).expect(404);
        // ... but the session they rendered stays theirs to finish, counted as their pending note.
        assertThat(pendingNotes(associate)).containsExactly(session);
        assertThat(pendingNotes(supervisor)).containsExactly(session);
        assertThat(member(associate, associate)
                        .get("metrics")
                        .get("pendingNotes")
                        .asLong())
                .isEqualTo(1);
        assertThat(member(associate, associate)
                        .get("metrics")
                        .get("activeClients")
                        .asLong())
                .isZero();
        api().as(associate.token())
                .put("/api/v1/sessions/" + session + "/note", Map.of("text", "Written after the move."))
                .expect(200);
        assertThat(api().as(associate.token())
                        .post("/api/v1/sessions/" + session + "/note/sign", null)
                        .expect(200)
                        .field("noteStatus"))
                .isEqualTo("AWAITING_COSIGN");
        assertThat(api().as(supervisor.token())
                        .post("/api/v1/sessions/" + session + "/note/cosign", null)
                        .expect(200)
                        .field("noteStatus"))
                .isEqualTo("SIGNED");
        assertThat(pendingNotes(associate)).isEmpty();
        // The new therapist sees the whole record, the old session included.
        assertThat(clientIds(other)).contains(client);
        api().as(other.token()).get("/api/v1/sessions/" + session).expect(200);
    }

    @Test
    void practiceNumbersNeedReportsView() {
        Fixtures fixtures = fixtures();
        Member admin = fixtures.signup("Reports Practice");
        Member therapist = fixtures.join(admin, "Tia Therapist", "Licensed Therapist");
        clinic().client(admin, "Counted Client", "PRACTICE", therapist);

        assertThat(api().as(therapist.token())
                        .get("/api/v1/practice")
                        .expect(200)
                        .json()
                        .get("metrics")
                        .isNull())
                .isTrue();
        assertThat(api().as(admin.token())
                        .get("/api/v1/practice")
                        .expect(200)
                        .json()
                        .get("metrics")
                        .get("activeClients")
                        .asLong())
                .isEqualTo(1);

        String roleId = fixtures.roleId(admin, "Licensed Therapist");
        JsonNode role = api().as(admin.token())
                .get("/api/v1/roles/" + roleId)
                .expect(200)
                .json();
        api().as(admin.token())
                .put(
                        "/api/v1/roles/" + roleId,
                        Map.of(
                                "name", role.get("name").asString(),
                                "description", role.get("description").asString(),
                                "features", Map.of("reports.view", true),
                                "requiresSupervision", false,
                                "canSupervise", false))
                .expect(200);
        assertThat(api().as(therapist.token())
                        .get("/api/v1/practice")
                        .expect(200)
                        .json()
                        .get("metrics")
                        .get("activeClients")
                        .asLong())
                .isEqualTo(1);
    }

    @Test
    void seeingAClientThroughAWalkInIsReadOnlyButRiskMayBeSet() {
        Fixtures fixtures = fixtures();
        Clinic clinic = clinic();
        Member admin = fixtures.signup("Walk-in Practice");
        Member primary = fixtures.join(admin, "Pia Primary", "Licensed Therapist");
        Member walker = fixtures.join(admin, "Walt Walkin", "Licensed Therapist");
        String client = clinic.client(admin, "Walk-in Client", "PRACTICE", primary);
        clinic.completedSession(admin, client, walker);

        var refused = api().as(walker.token())
                .patch("/api/v1/clients/" + client, Map.of("fullName", "Renamed"))
                .expect(403);
        assertThat(refused.body()).contains("not change");
        api().as(walker.token())
                .patch("/api/v1/clients/" + client, Map.of("status", "DISCHARGED"))
                .expect(403);
        JsonNode unchanged = api().as(admin.token())
                .get("/api/v1/clients/" + client)
                .expect(200)
                .json();
        assertThat(unchanged.get("fullName").asString()).isEqualTo("Walk-in Client");
        assertThat(unchanged.get("status").asString()).isEqualTo("ACTIVE");
        api().as(walker.token())
                .put("/api/v1/clients/" + client + "/risk", Map.of("level", "HIGH"))
                .expect(200);
        api().as(primary.token())
                .patch("/api/v1/clients/" + client, Map.of("fullName", "Renamed By Primary"))
                .expect(200);
    }

    @Test
    void handOverRefusesATargetWhoNeedsASupervisorAndHasNone() {
        Fixtures fixtures = fixtures();
        Clinic clinic = clinic();
        Member admin = fixtures.signup("Hand-over Practice");
        Member leaving = fixtures.join(admin, "Lee Leaving", "Licensed Therapist");
        Member intern = fixtures.join(admin, "Ivo Intern", "Intern");
        String client = clinic.client(admin, "Booked Client", "DIRECT", leaving);
        clinic.session(admin, client, leaving, Clinic.futureSlot());

        var single = api().as(admin.token())
                .post("/api/v1/clients/" + client + "/reassign", Map.of("therapistId", intern.memberId()))
                .expect(409);
        assertThat(single.body()).contains("supervis");
        var removal = api().as(admin.token())
                .delete("/api/v1/therapists/" + leaving.memberId() + "?reassignTo=" + intern.memberId())
                .expect(409);
        assertThat(removal.body()).contains("supervis");

        assertThat(api().as(admin.token())
                        .get("/api/v1/clients/" + client)
                        .expect(200)
                        .field("therapistId"))
                .isEqualTo(leaving.memberId());
        api().as(admin.token()).get("/api/v1/therapists/" + leaving.memberId()).expect(200);
    }

    @Test
    void claimsExportNeedsClientsExportForNonAdmins() {
        Fixtures fixtures = fixtures();
        Member admin = fixtures.signup("Export Practice");
        String roleId = api().as(admin.token())
                .post(
                        "/api/v1/roles",
                        Map.of(
                                "name",
                                "Biller",
                                "description",
                                "Sees claims",
                                "features",
                                Map.of("billing.view", true),
                                "requiresSupervision",
                                false,
                                "canSupervise",
                                false))
                .expect(201)
                .field("id");
        Member biller = fixtures.join(admin, "Bea Biller", "Biller");

        api().as(biller.token()).get("/api/v1/claims").expect(200);
        api().as(biller.token()).get("/api/v1/claims/export?format=csv").expect(403);
        api().as(admin.token()).get("/api/v1/claims/export?format=csv").expect(200);

        api().as(admin.token())
                .put(
                        "/api/v1/roles/" + roleId,
                        Map.of(
                                "name",
                                "Biller",
                                "description",
                                "Sees and exports claims",
                                "features",
                                Map.of("billing.view", true, "clients.export", true),
                                "requiresSupervision",
                                false,
                                "canSupervise",
                                false))
                .expect(200);
        api().as(biller.token()).get("/api/v1/claims/export?format=csv").expect(200);
    }

    @Test
    void responsesThatCarryClientDataAreAuditedEvenWhenNothingChangedOrTheChangeWasRefused() {
        Fixtures fixtures = fixtures();
        Clinic clinic = clinic();
        Member admin = fixtures.signup("Audit Reads Practice");
        Member therapist = fixtures.join(admin, "Tom Holder", "Licensed Therapist");
        String client = clinic.client(admin, "Audited Client", "DIRECT", therapist);

        api().as(admin.token()).patch("/api/v1/clients/" + client, Map.of()).expect(200);
        api().as(admin.token())
                .post("/api/v1/clients/" + client + "/reassign", Map.of("therapistId", therapist.memberId()))
                .expect(200);
        api().as(admin.token())
                .delete("/api/v1/therapists/" + therapist.memberId())
                .expect(409);

        JsonNode entries = api().as(admin.token())
                .get("/api/v1/audit?clientId=" + client + "&limit=500")
                .expect(200)
                .json()
                .get("items");
        Map<String, Integer> actions = new java.util.HashMap<>();
        entries.forEach(e -> actions.merge(e.get("action").asString(), 1, Integer::sum));
        assertThat(actions).containsEntry("client.detail", 2).containsEntry("therapist.holdings", 1);
    }

    @Test
    void aBulkReassignmentMovesEveryClientWithHistoryTheirFutureSessionsAndOneAuditEntry() {
        Fixtures fixtures = fixtures();
        Clinic clinic = clinic();
        Member admin = fixtures.signup("Bulk Practice");
        Member from = fixtures.join(admin, "Fay From", "Licensed Therapist");
        Member to = fixtures.join(admin, "Ted To", "Licensed Therapist");
        Set<String> moved = new HashSet<>();
        for (int i = 0; i < 12; i++) {
            moved.add(clinic.client(admin, "Bulk Client " + i, i % 3 == 0 ? "PRACTICE" : "DIRECT", from));
        }
        String direct = moved.stream()
                .filter(id -> api().as(admin.token())
                        .get("/api/v1/clients/" + id)
                        .expect(200)
                        .field("kind")
                        .equals("DIRECT"))
                .findFirst()
                .orElseThrow();
        String future = clinic.session(admin, direct, from, Clinic.futureSlot());
        String past = clinic.completedSession(admin, direct, from);

        assertThat(api().as(admin.token())
                        .post(
                                "/api/v1/clients/reassign",
                                Map.of("fromTherapistId", from.memberId(), "toTherapistId", to.memberId()))
                        .expect(200)
                        .json()
                        .get("reassigned")
                        .asInt())
                .isEqualTo(12);

        assertThat(clientIds(to)).containsAll(moved);
        assertThat(clientIds(from)).isEmpty();
        for (String id : moved) {
            JsonNode history = api().as(admin.token())
                    .get("/api/v1/clients/" + id + "/assignments")
                    .expect(200)
                    .json();
            JsonNode last =
                    history.isArray() ? history.get(0) : history.get("items").get(0);
            assertThat(last.get("fromTherapistId").asString()).isEqualTo(from.memberId());
            assertThat(last.get("toTherapistId").asString()).isEqualTo(to.memberId());
        }
        // The direct client's future session moved with them; the past one stays with its renderer.
        assertThat(api().as(admin.token())
                        .get("/api/v1/sessions/" + future)
                        .expect(200)
                        .field("therapistId"))
                .isEqualTo(to.memberId());
        assertThat(api().as(admin.token())
                        .get("/api/v1/sessions/" + past)
                        .expect(200)
                        .field("therapistId"))
                .isEqualTo(from.memberId());
        assertThat(pendingNotes(from)).containsExactly(past);
        // One audit entry for the whole move, naming every client.
        JsonNode entries = api().as(admin.token())
                .get("/api/v1/audit?clientId=" + direct + "&limit=500")
                .expect(200)
                .json()
                .get("items");
        long reassigned = 0;
        for (JsonNode e : entries) {
            if (e.get("action").asString().equals("client.reassigned")) {
                reassigned++;
            }
        }
        assertThat(reassigned).isEqualTo(1);
    }

    private java.util.List<String> names(Member viewer, String query) {
        java.util.List<String> names = new java.util.ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api().as(viewer.token())
                    .get("/api/v1/clients?limit=2" + query
                            + (cursor == null
                                    ? ""
                                    : "&cursor="
                                            + java.net.URLEncoder.encode(
                                                    cursor, java.nio.charset.StandardCharsets.UTF_8)))
                    .expect(200)
                    .json();
            page.get("items").forEach(c -> names.add(c.get("fullName").asString()));
            cursor = page.path("nextCursor").isNull()
                    ? null
                    : page.path("nextCursor").asString(null);
        } while (cursor != null);
        return names;
    }

    @Test
    void aMovedClientIsHeldByItsNewTherapistAndByTheOldOneOnlyThroughSessionsTheyRender() {
        Fixtures fixtures = fixtures();
        Clinic clinic = clinic();
        Member admin = fixtures.signup("Handed Practice");
        Member amy = fixtures.join(admin, "Amy Assigned", "Licensed Therapist");
        Member ben = fixtures.join(admin, "Ben Backup", "Licensed Therapist");
        String seenByBen = clinic.client(admin, "Pat Walkin", "PRACTICE", amy);
        String newToBen = clinic.client(admin, "Quinn Quiet", "PRACTICE", amy);
        String directOfAmy = clinic.client(admin, "Dee Direct", "DIRECT", amy);
        clinic.completedSession(admin, seenByBen, ben);
        clinic.completedSession(admin, directOfAmy, amy);
        assertThat(caseload(admin, ben)).isEqualTo(Map.of(seenByBen, "WALK_IN"));

        // Amy renders nothing of the two practice clients: Ben holds them as PRIMARY (his walk-in row becomes
        // PRIMARY, the other row is handed over), Amy keeps only the direct client she rendered.
        api().as(admin.token())
                .post(
                        "/api/v1/clients/reassign",
                        Map.of("fromTherapistId", amy.memberId(), "toTherapistId", ben.memberId()))
                .expect(200);
        assertThat(caseload(admin, ben))
                .isEqualTo(Map.of(seenByBen, "PRIMARY", newToBen, "PRIMARY", directOfAmy, "DIRECT"));
        assertThat(caseload(admin, amy)).isEmpty(); // her row of the direct client is RENDERED, not listed

        // Back to Amy one by one: Ben keeps the client he rendered as a walk-in, not the others; Amy's
        // RENDERED row of her direct client is hers again as DIRECT. (Every branch of V44's in-place move; the
        // relation is compared with its definition after the test.)
        for (String id : Set.of(seenByBen, newToBen, directOfAmy)) {
            api().as(admin.token())
                    .post("/api/v1/clients/" + id + "/reassign", Map.of("therapistId", amy.memberId()))
                    .expect(200);
        }
        assertThat(caseload(admin, amy))
                .isEqualTo(Map.of(seenByBen, "PRIMARY", newToBen, "PRIMARY", directOfAmy, "DIRECT"));
        assertThat(caseload(admin, ben)).isEqualTo(Map.of(seenByBen, "WALK_IN"));
    }

    /** A therapist's caseload as the admin reads it: client id to category (RENDERED rows are not listed). */
    private Map<String, String> caseload(Member admin, Member therapist) {
        Map<String, String> categories = new java.util.HashMap<>();
        api().as(admin.token())
                .get("/api/v1/therapists/" + therapist.memberId() + "/caseload")
                .expect(200)
                .json()
                .path("items")
                .forEach(i -> categories.put(
                        i.path("client").path("id").asString(),
                        i.path("category").asString()));
        return categories;
    }

    @Test
    void aSupervisorsListIsOneNameOrderAcrossTheLensAndFollowsARename() {
        Fixtures fixtures = fixtures();
        Clinic clinic = clinic();
        Member admin = fixtures.signup("Name Order Practice");
        Member supervisor = fixtures.join(admin, "Sol Supervisor", "Supervisor");
        Member associate = fixtures.join(admin, "Ada Associate", "Associate");
        clinic.enableSupervision(admin);
        clinic.supervise(admin, supervisor, associate);
        String anna = clinic.client(admin, "anna Able", "DIRECT", supervisor);
        clinic.client(admin, "Bert Brook", "PRACTICE", associate);
        clinic.client(admin, "Cleo Cole", "DIRECT", associate);
        clinic.client(admin, "Dora Dean", "PRACTICE", supervisor);
        clinic.client(admin, "Emil East", "DIRECT", associate);

        // Pages of two, interleaving the supervisor's rows and the supervisee's, in one name order.
        assertThat(names(supervisor, ""))
                .containsExactly("anna Able", "Bert Brook", "Cleo Cole", "Dora Dean", "Emil East");
        assertThat(names(supervisor, "&kind=PRACTICE")).containsExactly("Bert Brook", "Dora Dean");
        assertThat(names(associate, "")).containsExactly("Bert Brook", "Cleo Cole", "Emil East");

        api().as(admin.token())
                .patch("/api/v1/clients/" + anna, Map.of("fullName", "Zora Able"))
                .expect(200);

        assertThat(names(supervisor, ""))
                .containsExactly("Bert Brook", "Cleo Cole", "Dora Dean", "Emil East", "Zora Able");
        assertThat(names(supervisor, "&q=zor")).containsExactly("Zora Able");
    }
}
