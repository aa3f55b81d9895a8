package app.caseload.clinical;

import static org.assertj.core.api.Assertions.assertThat;

import app.caseload.support.Api;
import app.caseload.support.Fixtures.Member;
import app.caseload.support.IntegrationTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The audit trail of client data (SPEC §8): every change of a client, its sessions, notes and
 * supervision, and every read, found by an admin with {@code GET /audit?clientId=}.
 */
class ClinicalAuditTest extends IntegrationTest {

    @Test
    void aTherapistsReadIsFoundByTheClientId() {
        Member admin = fixtures().signup("Audit Reads");
        Member tom = fixtures().join(admin, "Tom Reader", "Licensed Therapist");
        Clinic clinic = new Clinic(api());
        String client = clinic.client(admin, "Rea Read", "DIRECT", tom);

        api().as(tom.token())
                .from("203.0.113.40")
                .get("/api/v1/clients/" + client)
                .expect(200);

        List<JsonNode> trail = trailOf(admin, client);
        JsonNode read = only(trail, "client.detail");
        assertThat(read.path("actorMemberId").asString()).isEqualTo(tom.memberId());
        assertThat(read.path("actorAccountId").asString()).isNotEmpty();
        assertThat(read.path("ip").asString()).isEqualTo("203.0.113.40");
        assertThat(read.path("targetType").asString()).isEqualTo("CLIENT");
        assertThat(read.path("targetId").asString()).isEqualTo(client);
        assertThat(actions(trail)).contains("client.registered");
    }

    @Test
    void aListReadRecordsEveryClientItReturned() {
        Member admin = fixtures().signup("Audit Lists");
        Member tom = fixtures().join(admin, "Tom Lister", "Licensed Therapist");
        Member zoe = fixtures().join(admin, "Zoe Elsewhere", "Licensed Therapist");
        Clinic clinic = new Clinic(api());
        Set<String> toms = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            toms.add(clinic.client(admin, "Lia List " + i, "DIRECT", tom));
        }
        String zoes = clinic.client(admin, "Zed Hidden", "DIRECT", zoe);

        api().as(tom.token()).get("/api/v1/clients?limit=500").expect(200);

        JsonNode list = null;
        for (JsonNode e : page(admin, "/api/v1/audit?actorId=" + tom.memberId() + "&limit=500")) {
            if (e.path("action").asString().equals("client.list")) {
                list = e;
            }
        }
        assertThat(list).as("the list read").isNotNull();
        Set<String> recorded = new HashSet<>();
        list.path("clientIds").forEach(id -> recorded.add(id.asString()));
        assertThat(recorded).isEqualTo(toms);
        assertThat(trailOf(admin, zoes))
                .noneMatch(e -> e.path("actorMemberId").asString().equals(tom.memberId()));
        for (String id : toms) {
            assertThat(actions(trailOf(admin, id))).contains("client.list");
        }
    }

    @Test
    void anInvisibleClientsNotFoundRecordsNothingAboutThatClient() {
        Member admin = fixtures().signup("Audit Invisible");
        Member tom = fixtures().join(admin, "Tom Curious", "Licensed Therapist");
        Member zoe = fixtures().join(admin, "Zoe Private", "Licensed Therapist");
        Clinic clinic = new Clinic(api());
        String hidden = clinic.client(admin, "Hana Hidden", "DIRECT", zoe);
        String session = clinic.completedSession(admin, hidden, zoe);
        Api asTom = api().as(tom.token());

        asTom.get("/api/v1/clients/" + hidden).expect(404);
        asTom.get("/api/v1/clients/" + hidden + "/sessions").expect(404);
        asTom.get("/api/v1/clients/" + hidden + "/risk").expect(404);
        asTom.get("/api/v1/sessions/" + session).expect(404);
        asTom.get("/api/v1/sessions/" + session + "/note").expect(404);
        asTom.put("/api/v1/clients/" + hidden + "/risk", Map.of("level", "HIGH"))
                .expect(404);

        assertThat(trailOf(admin, hidden))
                .isNotEmpty()
                .noneMatch(e -> e.path("actorMemberId").asString().equals(tom.memberId()));
    }

    @Test
    void everyChangeOfAClientItsSessionsNotesAndSupervisionIsRecorded() {
        Member admin = fixtures().signup("Audit Changes");
        Member sam = fixtures().join(admin, "Sam Supervisor", "Supervisor");
        Member eve = fixtures().join(admin, "Eve Associate", "Associate");
        Member tom = fixtures().join(admin, "Tom Other", "Licensed Therapist");
        Clinic clinic = new Clinic(api());
        clinic.enableSupervision(admin);
        clinic.supervise(admin, sam, eve);
        String client = clinic.client(admin, "Cai Changed", "PRACTICE", eve);
        Api asAdmin = api().as(admin.token());

        asAdmin.patch("/api/v1/clients/" + client, Map.of("phone", "555-0101")).expect(200);
        asAdmin.put("/api/v1/clients/" + client + "/risk", Map.of("level", "HIGH"))
                .expect(200);
        JsonNode signed = clinic.signedSession(admin, client, eve);
        assertThat(signed.path("noteStatus").asString()).isEqualTo("AWAITING_COSIGN");
        api().as(sam.token())
                .post("/api/v1/sessions/" + signed.path("id").asString() + "/note/cosign", null)
                .expect(200);
        clinic.cancelledSession(admin, client, eve);
        String noShow = clinic.session(admin, client, eve, Clinic.pastSlot());
        asAdmin.post("/api/v1/sessions/" + noShow + "/no-show", null).expect(200);
        asAdmin.post("/api/v1/clients/" + client + "/reassign", Map.of("therapistId", tom.memberId()))
                .expect(200);
        asAdmin.patch("/api/v1/clients/" + client, Map.of("status", "INACTIVE")).expect(200);
        asAdmin.delete("/api/v1/therapists/" + eve.memberId() + "/supervisors/" + sam.memberId())
                .expect(204);

        List<String> changes = actions(trailOf(admin, client));
        assertThat(changes)
                .contains(
                        "client.registered",
                        "client.updated",
                        "client.risk_changed",
                        "session.scheduled",
                        "session.completed",
                        "note.written",
                        "note.signed",
                        "note.cosigned",
                        "session.cancelled",
                        "session.no_show",
                        "client.reassigned",
                        "client.status_changed");
        List<String> team = actions(page(admin, "/api/v1/audit?limit=500"));
        assertThat(team).contains("supervision.assigned", "supervision.ended");
        JsonNode cosigned = only(trailOf(admin, client), "note.cosigned");
        assertThat(cosigned.path("actorMemberId").asString()).isEqualTo(sam.memberId());
        assertThat(cosigned.path("targetType").asString()).isEqualTo("SESSION");
        assertThat(cosigned.path("detail").toString()).doesNotContain("Progress noted");
    }

    @Test
    void aRefusedChangeRecordsNothing() {
        Member admin = fixtures().signup("Audit Refused");
        Member tom = fixtures().join(admin, "Tom Refused", "Licensed Therapist");
        Clinic clinic = new Clinic(api());
        String client = clinic.client(admin, "Ria Refused", "DIRECT", tom);
        int before = trailOf(admin, client).size();

        api().as(tom.token())
                .post("/api/v1/clients/" + client + "/reassign", Map.of("therapistId", admin.memberId()))
                .expect(403);

        assertThat(actions(trailOf(admin, client))).doesNotContain("client.reassigned");
        assertThat(trailOf(admin, client)).hasSize(before);
    }

    // ---- helpers --------------------------------------------------------------------------------------

    private List<JsonNode> trailOf(Member admin, String client) {
        return page(admin, "/api/v1/audit?clientId=" + client + "&limit=500");
    }

    private List<JsonNode> page(Member admin, String path) {
        List<JsonNode> items = new ArrayList<>();
        api().as(admin.token()).get(path).expect(200).json().path("items").forEach(items::add);
        return items;
    }

    private static List<String> actions(List<JsonNode> events) {
        return events.stream().map(e -> e.path("action").asString()).toList();
    }

    private static JsonNode only(List<JsonNode> events, String action) {
        List<JsonNode> matching = events.stream()
                .filter(e -> e.path("action").asString().equals(action))
                .toList();
        assertThat(matching).as(action).hasSize(1);
        return matching.get(0);
    }
}
