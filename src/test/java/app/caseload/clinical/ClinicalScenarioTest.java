package app.caseload.clinical;

import static org.assertj.core.api.Assertions.assertThat;

import app.caseload.support.Api;
import app.caseload.support.Fixtures.Member;
import app.caseload.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The help article's §4–5 and FAQ, walked through the HTTP API. */
class ClinicalScenarioTest extends IntegrationTest {

    private Clinic clinic() {
        return new Clinic(api());
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.path("items")
                .forEach(i -> ids.add(
                        i.has("client")
                                ? i.path("client").path("id").asString()
                                : i.path("id").asString()));
        return ids;
    }

    @Test
    void adminSeesAllClientsAcrossTherapistsFiltersThemAndReassignsWithHistory() {
        Member owner = fixtures().signup("Article Four");
        Member tom = fixtures().join(owner, "Tom Therapist", "Licensed Therapist");
        Member lea = fixtures().join(owner, "Lea Licensed", "Licensed Therapist");
        Clinic clinic = clinic();
        String anna = clinic.client(owner, "Anna Direct", "DIRECT", tom);
        String bert = clinic.client(owner, "Bert Practice", "PRACTICE", lea);
        clinic.signedSession(owner, anna, tom);
        clinic.completedSession(owner, anna, tom);
        api().as(tom.token())
                .put("/api/v1/clients/" + anna + "/risk", Map.of("level", "HIGH", "note", "Plan"))
                .expect(200);

        Api admin = api().as(owner.token());
        assertThat(ids(admin.get("/api/v1/clients").expect(200).json())).containsExactly(anna, bert);
        assertThat(ids(admin.get("/api/v1/clients?therapistId=" + tom.memberId())
                        .json()))
                .containsExactly(anna);
        assertThat(ids(admin.get("/api/v1/clients?kind=PRACTICE").json())).containsExactly(bert);
        assertThat(ids(admin.get("/api/v1/clients?riskLevel=HIGH").json())).containsExactly(anna);
        assertThat(ids(admin.get("/api/v1/clients?q=bert").json())).containsExactly(bert);
        assertThat(ids(admin.get("/api/v1/clients?status=DISCHARGED").json())).isEmpty();
        JsonNode page = admin.get("/api/v1/clients?limit=1").json();
        assertThat(ids(page)).containsExactly(anna);
        assertThat(ids(admin.get("/api/v1/clients?limit=1&cursor="
                                + page.path("nextCursor").asString())
                        .json()))
                .containsExactly(bert);

        JsonNode annaView = admin.get("/api/v1/clients/" + anna).expect(200).json();
        assertThat(annaView.path("therapistId").asString()).isEqualTo(tom.memberId());
        assertThat(annaView.path("riskLevel").asString()).isEqualTo("HIGH");
        assertThat(annaView.path("metrics").path("sessionsCount").asLong()).isEqualTo(2);
        assertThat(annaView.path("metrics").path("pendingNotes").asLong()).isEqualTo(1);
        assertThat(annaView.path("metrics").path("lastSessionAt").isNull()).isFalse();

        JsonNode practice = admin.get("/api/v1/practice").expect(200).json().path("metrics");
        assertThat(practice.path("activeClients").asLong()).isEqualTo(2);
        assertThat(practice.path("pendingNotes").asLong()).isEqualTo(1);
        assertThat(practice.path("highRiskClients").asLong()).isEqualTo(1);
        JsonNode tomMetrics =
                admin.get("/api/v1/therapists/" + tom.memberId()).json().path("metrics");
        assertThat(tomMetrics.path("activeClients").asLong()).isEqualTo(1);
        assertThat(tomMetrics.path("pendingNotes").asLong()).isEqualTo(1);
        assertThat(tomMetrics.path("highRiskClients").asLong()).isEqualTo(1);

        admin.post("/api/v1/clients/" + anna + "/reassign", Map.of("therapistId", lea.memberId()))
                .expect(200);
        JsonNode history = admin.get("/api/v1/clients/" + anna + "/assignments")
                .expect(200)
                .json();
        assertThat(history.path("items")).hasSize(2);
        assertThat(history.path("items").get(0).path("fromTherapistId").asString())
                .isEqualTo(tom.memberId());
        assertThat(history.path("items").get(0).path("toTherapistId").asString())
                .isEqualTo(lea.memberId());
        assertThat(history.path("items").get(0).path("byMemberId").asString()).isEqualTo(owner.memberId());
        api().as(tom.token()).get("/api/v1/clients/" + anna).expect(404);

        JsonNode all = admin.post(
                        "/api/v1/clients/reassign",
                        Map.of("fromTherapistId", lea.memberId(), "toTherapistId", tom.memberId()))
                .expect(200)
                .json();
        assertThat(all.path("reassigned").asInt()).isEqualTo(2);
        assertThat(ids(api().as(tom.token()).get("/api/v1/clients").json())).containsExactly(anna, bert);
        // One history row lists every client of a bulk move (V43); each client's history still shows it,
        // newest first, after its single moves and its registration.
        assertThat(moves(admin, anna))
                .containsExactly(
                        lea.memberId() + "→" + tom.memberId(),
                        tom.memberId() + "→" + lea.memberId(),
                        "-→" + tom.memberId());
        assertThat(moves(admin, bert)).containsExactly(lea.memberId() + "→" + tom.memberId(), "-→" + lea.memberId());
        assertThat(admin.get("/api/v1/clients/" + bert + "/assignments")
                        .json()
                        .path("items")
                        .get(0)
                        .path("byMemberId")
                        .asString())
                .isEqualTo(owner.memberId());
        assertThat(api().as(owner.token())
                        .get("/api/v1/clients/" + anna + "/risk")
                        .json()
                        .path("items"))
                .hasSize(1);
    }

    @Test
    void supervisorSeesDirectPrimaryAndWalkInClientsOfTheirSuperviseeOnlyWhileSupervising() {
        Member owner = fixtures().signup("Article Five");
        Member sam = fixtures().join(owner, "Sam Supervisor", "Supervisor");
        Member ivy = fixtures().join(owner, "Ivy Intern", "Intern");
        Member lea = fixtures().join(owner, "Lea Licensed", "Licensed Therapist");
        Clinic clinic = clinic();
        clinic.enableSupervision(owner);
        clinic.supervise(owner, sam, ivy);
        String direct = clinic.client(owner, "Dora Direct", "DIRECT", ivy);
        String primary = clinic.client(owner, "Paul Primary", "PRACTICE", ivy);
        String walkIn = clinic.client(owner, "Wendy Walkin", "PRACTICE", lea);
        String cancelled = clinic.client(owner, "Carl Cancelled", "PRACTICE", lea);
        String leasOwn = clinic.client(owner, "Lars Direct", "DIRECT", lea);
        clinic.completedSession(owner, walkIn, ivy);
        clinic.cancelledSession(owner, cancelled, ivy);

        JsonNode caseload = api().as(sam.token())
                .get("/api/v1/therapists/" + ivy.memberId() + "/caseload")
                .expect(200)
                .json();
        Map<String, String> categories = new java.util.HashMap<>();
        caseload.path("items")
                .forEach(i -> categories.put(
                        i.path("client").path("id").asString(),
                        i.path("category").asString()));
        assertThat(categories).isEqualTo(Map.of(direct, "DIRECT", primary, "PRIMARY", walkIn, "WALK_IN"));
        assertThat(ids(api().as(sam.token()).get("/api/v1/clients").json()))
                .containsExactlyInAnyOrder(direct, primary, walkIn);
        api().as(sam.token()).get("/api/v1/clients/" + leasOwn).expect(404);
        api().as(sam.token()).get("/api/v1/clients/" + cancelled).expect(404);
        api().as(lea.token())
                .get("/api/v1/therapists/" + ivy.memberId() + "/caseload")
                .expect(404);
        assertThat(ids(api().as(sam.token())
                        .get("/api/v1/supervisees")
                        .expect(200)
                        .json()))
                .containsExactly(ivy.memberId());

        // Switching supervision off ends the supervisor's view on the next request...
        api().as(owner.token())
                .patch("/api/v1/practice", Map.of("supervisionEnabled", false))
                .expect(200);
        api().as(sam.token()).get("/api/v1/clients/" + direct).expect(404);
        api().as(sam.token())
                .get("/api/v1/therapists/" + ivy.memberId() + "/caseload")
                .expect(404);
        // ...and switching it on again restores it.
        clinic.enableSupervision(owner);
        api().as(sam.token()).get("/api/v1/clients/" + direct).expect(200);

        // Ending the supervision ends the access at once; the history stays.
        api().as(owner.token())
                .delete("/api/v1/therapists/" + ivy.memberId() + "/supervisors/" + sam.memberId())
                .expect(204);
        api().as(sam.token()).get("/api/v1/clients/" + direct).expect(404);
        JsonNode history = api().as(owner.token())
                .get("/api/v1/therapists/" + ivy.memberId() + "/supervisors")
                .expect(200)
                .json();
        assertThat(history.path("items").get(0).path("endedAt").isNull()).isFalse();
    }

    @Test
    void therapistsNeverSeeEachOthersDirectClients() {
        Member owner = fixtures().signup("FAQ Direct");
        Member tom = fixtures().join(owner, "Tom Therapist", "Licensed Therapist");
        Member lea = fixtures().join(owner, "Lea Licensed", "Licensed Therapist");
        String tomsClient = clinic().client(owner, "Tina Direct", "DIRECT", tom);

        api().as(tom.token()).get("/api/v1/clients/" + tomsClient).expect(200);
        api().as(lea.token()).get("/api/v1/clients/" + tomsClient).expect(404);
        assertThat(ids(api().as(lea.token()).get("/api/v1/clients").json())).isEmpty();
        // A direct client's sessions are with the assigned therapist only.
        assertThat(clinic().schedule(owner, tomsClient, lea, Clinic.futureSlot())
                        .status())
                .isEqualTo(409);
        // Even a role that sees all practice clients never sees another's direct client.
        String viewer = api().as(owner.token())
                .post("/api/v1/roles", Map.of("name", "Intake", "features", Map.of("clients.view_practice", true)))
                .expect(201)
                .field("id");
        api().as(owner.token())
                .put("/api/v1/therapists/" + lea.memberId() + "/role", Map.of("roleId", viewer))
                .expect(200);
        api().as(lea.token()).get("/api/v1/clients/" + tomsClient).expect(404);
    }

    @Test
    void removingATherapistIsRefusedWithTheirClientsAndFutureSessionsUnlessReassigned() {
        Member owner = fixtures().signup("FAQ Removal");
        Member tom = fixtures().join(owner, "Tom Therapist", "Licensed Therapist");
        Member lea = fixtures().join(owner, "Lea Licensed", "Licensed Therapist");
        Clinic clinic = clinic();
        String client = clinic.client(owner, "Rita Remains", "DIRECT", tom);
        String future = clinic.session(owner, client, tom, Clinic.futureSlot());
        String past = clinic.completedSession(owner, client, tom);

        JsonNode refusal = api().as(owner.token())
                .delete("/api/v1/therapists/" + tom.memberId())
                .expect(409)
                .json();
        assertThat(refusal.path("clients").get(0).path("id").asString()).isEqualTo(client);
        assertThat(refusal.path("clients").get(0).path("fullName").asString()).isEqualTo("Rita Remains");
        assertThat(refusal.path("futureSessions").get(0).path("id").asString()).isEqualTo(future);
        api().as(tom.token()).get("/api/v1/me").expect(200);

        api().as(owner.token())
                .delete("/api/v1/therapists/" + tom.memberId() + "?reassignTo=" + lea.memberId())
                .expect(204);
        JsonNode kept = api().as(lea.token())
                .get("/api/v1/clients/" + client)
                .expect(200)
                .json();
        assertThat(kept.path("therapistId").asString()).isEqualTo(lea.memberId());
        assertThat(api().as(owner.token())
                        .get("/api/v1/sessions/" + future)
                        .json()
                        .path("therapistId")
                        .asString())
                .isEqualTo(lea.memberId());
        assertThat(api().as(owner.token())
                        .get("/api/v1/sessions/" + past)
                        .json()
                        .path("therapistId")
                        .asString())
                .isEqualTo(tom.memberId());
        api().as(tom.token()).get("/api/v1/me").expect(401);
    }

    @Test
    void internNotesWaitForTheSupervisorsCosignatureAndClaimsKeepTheModifierOfTheSessionDay() {
        Member owner = fixtures().signup("Notes and Claims");
        Member sam = fixtures().join(owner, "Sam Supervisor", "Supervisor");
        Member ivy = fixtures().join(owner, "Ivy Intern", "Intern");
        Clinic clinic = clinic();
        String client = clinic.client(owner, "Nora Notes", "DIRECT", ivy);

        // An intern cannot take sessions before they have a supervisor.
        JsonNode unsupervised = clinic.schedule(owner, client, ivy, Clinic.pastSlot())
                .expect(409)
                .json();
        assertThat(unsupervised.path("type").asString()).endsWith("unsupervised");
        clinic.enableSupervision(owner);
        clinic.supervise(owner, sam, ivy);

        JsonNode signed = clinic.signedSession(owner, client, ivy);
        String session = signed.path("id").asString();
        assertThat(signed.path("noteStatus").asString()).isEqualTo("AWAITING_COSIGN");
        assertThat(ids(api().as(sam.token())
                        .get("/api/v1/notes/pending")
                        .expect(200)
                        .json()))
                .containsExactly(session);
        api().as(owner.token())
                .post("/api/v1/sessions/" + session + "/note/cosign", null)
                .expect(403);
        assertThat(api().as(sam.token())
                        .post("/api/v1/sessions/" + session + "/note/cosign", null)
                        .expect(200)
                        .field("noteStatus"))
                .isEqualTo("SIGNED");
        assertThat(ids(api().as(sam.token()).get("/api/v1/notes/pending").json()))
                .isEmpty();
        assertThat(api().as(sam.token())
                        .get("/api/v1/sessions/" + session + "/note")
                        .json()
                        .path("cosignedBy")
                        .asString())
                .isEqualTo(sam.memberId());

        // A later role change does not rewrite the old claim.
        api().as(owner.token())
                .put(
                        "/api/v1/therapists/" + ivy.memberId() + "/role",
                        Map.of("roleId", fixtures().roleId(owner, "Associate")))
                .expect(200);
        JsonNode claims = api().as(owner.token())
                .get("/api/v1/claims?from=2000-01-01&to=2100-01-01")
                .expect(200)
                .json();
        assertThat(claims.path("items")).hasSize(1);
        JsonNode line = claims.path("items").get(0);
        assertThat(line.path("sessionId").asString()).isEqualTo(session);
        assertThat(line.path("modifiers").get(0).asString()).isEqualTo("HL");
        assertThat(line.path("renderingTherapistId").asString()).isEqualTo(ivy.memberId());
        assertThat(line.path("supervisingTherapistId").asString()).isEqualTo(sam.memberId());
        assertThat(line.path("chargeCents").asLong()).isEqualTo(13000);
        api().as(ivy.token()).get("/api/v1/claims").expect(403);
        assertThat(api().as(owner.token())
                        .get("/api/v1/claims?from=2100-01-01")
                        .json()
                        .path("items"))
                .isEmpty();
    }

    @Test
    void supervisionRefusesDisabledSelfRolesThatCannotSuperviseCyclesDuplicatesAndBreakingRoleChanges() {
        Member owner = fixtures().signup("Supervision Rules");
        Member sam = fixtures().join(owner, "Sam Supervisor", "Supervisor");
        Member sue = fixtures().join(owner, "Sue Supervisor", "Supervisor");
        Member ivy = fixtures().join(owner, "Ivy Intern", "Intern");
        Api admin = api().as(owner.token());
        String samPath = "/api/v1/therapists/" + sam.memberId() + "/supervisors";
        String ivyPath = "/api/v1/therapists/" + ivy.memberId() + "/supervisors";

        assertThat(admin.post(ivyPath, Map.of("supervisorId", sam.memberId()))
                        .expect(409)
                        .problemType())
                .isEqualTo("supervision-disabled");
        clinic().enableSupervision(owner);
        assertThat(admin.post(samPath, Map.of("supervisorId", sam.memberId()))
                        .expect(409)
                        .problemType())
                .isEqualTo("self-supervision");
        assertThat(admin.post(samPath, Map.of("supervisorId", ivy.memberId()))
                        .expect(409)
                        .problemType())
                .isEqualTo("role-cannot-supervise");
        admin.post(ivyPath, Map.of("supervisorId", sam.memberId())).expect(201);
        admin.post(ivyPath, Map.of("supervisorId", sue.memberId())).expect(201);
        assertThat(admin.post(ivyPath, Map.of("supervisorId", sam.memberId()))
                        .expect(409)
                        .problemType())
                .isEqualTo("already-supervising");
        admin.post(samPath, Map.of("supervisorId", sue.memberId())).expect(201);
        String suePath = "/api/v1/therapists/" + sue.memberId() + "/supervisors";
        assertThat(admin.post(suePath, Map.of("supervisorId", sam.memberId()))
                        .expect(409)
                        .problemType())
                .isEqualTo("supervision-cycle");
        assertThat(admin.get("/api/v1/therapists/" + ivy.memberId()).json().path("supervisorIds"))
                .hasSize(2);

        // Sam supervises Ivy: he cannot move to a role that cannot supervise until that ends.
        String licensed = fixtures().roleId(owner, "Licensed Therapist");
        assertThat(admin.put("/api/v1/therapists/" + sam.memberId() + "/role", Map.of("roleId", licensed))
                        .expect(409)
                        .problemType())
                .isEqualTo("breaks-supervision");
        String supervisorRole = fixtures().roleId(owner, "Supervisor");
        admin.put(
                        "/api/v1/roles/" + supervisorRole,
                        Map.of("name", "Supervisor", "canSupervise", false, "billingModifier", "HP"))
                .expect(409);
        admin.delete(ivyPath + "/" + sam.memberId()).expect(204);
        admin.delete(ivyPath + "/" + sam.memberId()).expect(404);
        admin.put("/api/v1/therapists/" + sam.memberId() + "/role", Map.of("roleId", licensed))
                .expect(200); // Sam supervises nobody any more (Sue supervising Sam is unaffected)
        assertThat(api().as(sam.token()).get("/api/v1/supervisees").json().path("items"))
                .isEmpty();
    }

    @Test
    void onHoldTherapistReadsOwnCaseloadAndSignsPastNotesButTakesNoNewSessions() {
        Member owner = fixtures().signup("On Hold");
        Member tom = fixtures().join(owner, "Tom Therapist", "Licensed Therapist");
        Clinic clinic = clinic();
        String client = clinic.client(owner, "Otto Own", "DIRECT", tom);
        String past = clinic.completedSession(owner, client, tom);
        clinic.status(owner, tom, "ON_HOLD");

        Api onHold = api().as(tom.token());
        onHold.get("/api/v1/clients/" + client).expect(200);
        onHold.get("/api/v1/therapists/" + tom.memberId() + "/caseload").expect(200);
        onHold.put("/api/v1/sessions/" + past + "/note", Map.of("text", "Late note"))
                .expect(200);
        assertThat(onHold.post("/api/v1/sessions/" + past + "/note/sign", null)
                        .expect(200)
                        .field("noteStatus"))
                .isEqualTo("SIGNED");
        onHold.patch("/api/v1/clients/" + client, Map.of("phone", "555")).expect(403);
        onHold.post(
                        "/api/v1/clients",
                        Map.of(
                                "fullName",
                                "New",
                                "dateOfBirth",
                                "2000-01-01",
                                "kind",
                                "DIRECT",
                                "therapistId",
                                tom.memberId()))
                .expect(403);
        assertThat(clinic.schedule(owner, client, tom, Clinic.futureSlot())
                        .expect(409)
                        .problemType())
                .isEqualTo("therapist-not-active");

        clinic.status(owner, tom, "INACTIVE");
        onHold.get("/api/v1/clients/" + client).expect(401);
    }

    @Test
    void clientCreationIsRefusedForOtherPracticesInactiveMembersAndOthersWithoutReassign() {
        Member owner = fixtures().signup("Creation Rules");
        Member other = fixtures().signup("Elsewhere");
        Member tom = fixtures().join(owner, "Tom Therapist", "Licensed Therapist");
        Member lea = fixtures().join(owner, "Lea Licensed", "Licensed Therapist");
        Member ivy = fixtures().join(owner, "Ivy Intern", "Intern");
        Api admin = api().as(owner.token());
        Map<String, Object> body = new java.util.HashMap<>(
                Map.of("fullName", "Cleo Client", "dateOfBirth", "1980-02-02", "kind", "DIRECT"));

        body.put("therapistId", other.memberId());
        JsonNode foreign = admin.post("/api/v1/clients", body).expect(400).json();
        assertThat(foreign.path("errors").get(0).path("field").asString()).isEqualTo("therapistId");
        clinic().status(owner, lea, "ON_HOLD");
        body.put("therapistId", lea.memberId());
        admin.post("/api/v1/clients", body).expect(409);
        api().as(tom.token()).post("/api/v1/clients", body).expect(403);
        body.put("therapistId", ivy.memberId());
        api().as(ivy.token()).post("/api/v1/clients", body).expect(403); // Intern lacks clients.create
        body.put("therapistId", tom.memberId());
        api().as(tom.token()).post("/api/v1/clients", body).expect(201);
        body.put("dateOfBirth", "not-a-date");
        assertThat(admin.post("/api/v1/clients", body)
                        .expect(400)
                        .json()
                        .path("errors")
                        .get(0)
                        .path("field")
                        .asString())
                .isEqualTo("dateOfBirth");
        body.put("dateOfBirth", "1980-02-02");
        body.remove("kind");
        admin.post("/api/v1/clients", body).expect(400);
        assertThat(admin.get("/api/v1/clients").json().path("items")).hasSize(1);
    }

    @Test
    void bulkReassignMovesOnlyTheClientsTheCallerCanSee() {
        Member owner = fixtures().signup("Bulk Reassign");
        Member tom = fixtures().join(owner, "Tom Therapist", "Licensed Therapist");
        Member lea = fixtures().join(owner, "Lea Licensed", "Licensed Therapist");
        Member desk = fixtures().join(owner, "Dee Desk", "Licensed Therapist");
        String role = api().as(owner.token())
                .post(
                        "/api/v1/roles",
                        Map.of(
                                "name",
                                "Front desk",
                                "features",
                                Map.of("clients.view_practice", true, "clients.reassign", true)))
                .expect(201)
                .field("id");
        api().as(owner.token())
                .put("/api/v1/therapists/" + desk.memberId() + "/role", Map.of("roleId", role))
                .expect(200);
        Clinic clinic = clinic();
        String direct = clinic.client(owner, "Dan Direct", "DIRECT", tom);
        String practice = clinic.client(owner, "Pia Practice", "PRACTICE", tom);

        JsonNode moved = api().as(desk.token())
                .post(
                        "/api/v1/clients/reassign",
                        Map.of("fromTherapistId", tom.memberId(), "toTherapistId", lea.memberId()))
                .expect(200)
                .json();
        assertThat(moved.path("reassigned").asInt()).isEqualTo(1);
        assertThat(api().as(owner.token())
                        .get("/api/v1/clients/" + direct)
                        .json()
                        .path("therapistId")
                        .asString())
                .isEqualTo(tom.memberId());
        assertThat(api().as(owner.token())
                        .get("/api/v1/clients/" + practice)
                        .json()
                        .path("therapistId")
                        .asString())
                .isEqualTo(lea.memberId());
        api().as(tom.token())
                .post(
                        "/api/v1/clients/reassign",
                        Map.of("fromTherapistId", lea.memberId(), "toTherapistId", tom.memberId()))
                .expect(403);
    }

    /** A client's assignment history as "from→to" member ids, newest first ("-" for the registration). */
    private static List<String> moves(Api admin, String client) {
        List<String> moves = new ArrayList<>();
        admin.get("/api/v1/clients/" + client + "/assignments")
                .expect(200)
                .json()
                .path("items")
                .forEach(a -> {
                    JsonNode from = a.path("fromTherapistId");
                    moves.add((from.isNull() || from.isMissingNode() ? "-" : from.asString()) + "→"
                            + a.path("toTherapistId").asString());
                });
        return moves;
    }

    @Test
    void malformedInputIsRefusedWithA400AndNeverA500() {
        Member owner = fixtures().signup("Malformed");
        Api admin = api().as(owner.token());
        String client = clinic().client(owner, "Mal Formed", "PRACTICE", owner);
        assertThat(admin.get("/api/v1/clients?cursor=!!!").status()).isEqualTo(400);
        assertThat(admin.get("/api/v1/clients?status=SOMETIMES").status()).isEqualTo(400);
        assertThat(admin.get("/api/v1/clients?limit=0").status()).isEqualTo(400);
        assertThat(admin.get("/api/v1/clients/not-a-uuid").status()).isEqualTo(400);
        assertThat(admin.get("/api/v1/claims?from=yesterday").status()).isEqualTo(400);
        assertThat(admin.get("/api/v1/claims?from=2026-02-01&to=2026-01-01").status())
                .isEqualTo(400);
        assertThat(admin.get("/api/v1/notes/pending?cursor=bm90LWEtY3Vyc29y").status())
                .isEqualTo(400);
        assertThat(admin.put("/api/v1/clients/" + client + "/risk", Map.of("level", "EXTREME"))
                        .status())
                .isEqualTo(400);
        assertThat(admin.post(
                                "/api/v1/sessions",
                                Map.of(
                                        "clientId",
                                        client,
                                        "therapistId",
                                        owner.memberId(),
                                        "startsAt",
                                        "tomorrow",
                                        "durationMinutes",
                                        50,
                                        "serviceCode",
                                        "90834"))
                        .status())
                .isEqualTo(400);
        JsonNode tooLong = admin.post(
                        "/api/v1/sessions",
                        Map.of(
                                "clientId",
                                client,
                                "therapistId",
                                owner.memberId(),
                                "startsAt",
                                Clinic.futureSlot().toString(),
                                "durationMinutes",
                                5000,
                                "serviceCode",
                                "x"))
                .expect(400)
                .json();
        assertThat(tooLong.path("errors")).hasSize(2);
        assertThat(admin.patch("/api/v1/clients/" + client, Map.of("fullName", ""))
                        .status())
                .isEqualTo(400);
        assertThat(admin.get("/api/v1/clients/" + client + "/sessions").json().path("items"))
                .isEmpty();
    }
}
