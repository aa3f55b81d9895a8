package app.caseload.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.caseload.support.Fixtures;
import app.caseload.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AuditTrailTest extends IntegrationTest {

    @Test
    void recordsTeamChangesWithActorTargetAndAddress() {
        Fixtures.Member owner = fixtures().signup("Audit Team");
        Fixtures.Member tom = fixtures().join(owner, "Tom Audited", "Associate");

        api().as(owner.token())
                .from("203.0.113.10")
                .put("/api/v1/therapists/" + tom.memberId() + "/status", Map.of("status", "ON_HOLD"))
                .expect(200);

        JsonNode change = find(owner, "member.status_changed");
        assertThat(change.path("actorMemberId").asString()).isEqualTo(owner.memberId());
        assertThat(change.path("targetType").asString()).isEqualTo("MEMBER");
        assertThat(change.path("targetId").asString()).isEqualTo(tom.memberId());
        assertThat(change.path("ip").asString()).isEqualTo("203.0.113.10");
        assertThat(change.path("detail").path("to").asString()).isEqualTo("ON_HOLD");

        List<String> actions = actions(owner);
        assertThat(actions)
                .contains(
                        "practice.founded",
                        "member.joined",
                        "invitation.sent",
                        "invitation.accepted",
                        "sign_in.succeeded",
                        "member.status_changed");
    }

    @Test
    void recordsRoleAndSettingsChanges() {
        Fixtures.Member owner = fixtures().signup("Audit Roles");
        String roleId = api().as(owner.token())
                .post("/api/v1/roles", Map.of("name", "Trainee", "description", "x"))
                .expect(201)
                .field("id");
        api().as(owner.token())
                .put("/api/v1/roles/" + roleId, Map.of("name", "Trainee II", "description", "y"))
                .expect(200);
        api().as(owner.token()).delete("/api/v1/roles/" + roleId).expect(204);
        api().as(owner.token())
                .patch("/api/v1/practice", Map.of("supervisionEnabled", true))
                .expect(200);

        assertThat(actions(owner))
                .contains("role.created", "role.replaced", "role.deleted", "practice.settings_changed");
        assertThat(find(owner, "role.deleted").path("actorMemberId").asString()).isEqualTo(owner.memberId());
    }

    @Test
    void recordsFailedSignInsAgainstTheAccountOrAgainstNothing() {
        Fixtures.Member owner = fixtures().signup("Audit Sign-ins");
        api().from("203.0.113.11")
                .post("/api/v1/auth/login", Map.of("email", owner.email(), "password", "wrong password!!"))
                .expect(401);
        String unknown = Fixtures.uniqueEmail("nobody");
        api().from("203.0.113.11")
                .post("/api/v1/auth/login", Map.of("email", unknown, "password", "wrong password!!"))
                .expect(401);

        JsonNode failed = find(owner, "sign_in.failed");
        assertThat(failed.path("targetId").asString()).isNotEmpty();
        assertThat(failed.path("ip").asString()).isEqualTo("203.0.113.11");
        Integer practiceless = jdbc.sql(
                        "select count(*) from audit_event where practice_id is null and action = 'sign_in.failed'"
                                + " and ip = '203.0.113.11' and target_id is null")
                .query(Integer.class)
                .single();
        assertThat(practiceless).isEqualTo(1);
    }

    @Test
    void onlyAdminsSearchAndTheSearchPagesWithFilters() {
        Fixtures.Member owner = fixtures().signup("Audit Search");
        Fixtures.Member tom = fixtures().join(owner, "Tom Searched", "Associate");
        api().as(tom.token()).get("/api/v1/audit").expect(403);
        api().get("/api/v1/audit").expect(401);

        for (String status : List.of("ON_HOLD", "ACTIVE", "ON_HOLD", "ACTIVE")) {
            api().as(owner.token())
                    .put("/api/v1/therapists/" + tom.memberId() + "/status", Map.of("status", status))
                    .expect(200);
        }
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api().as(owner.token())
                    .get("/api/v1/audit?limit=2&actorId=" + owner.memberId()
                            + (cursor == null ? "" : "&cursor=" + cursor))
                    .expect(200)
                    .json();
            page.path("items").forEach(item -> {
                assertThat(item.path("actorMemberId").asString()).isEqualTo(owner.memberId());
                ids.add(item.path("id").asString());
            });
            cursor = page.path("nextCursor").isNull()
                    ? null
                    : page.path("nextCursor").asString();
        } while (cursor != null);
        assertThat(ids).doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(4);

        api().as(owner.token()).get("/api/v1/audit?from=not-a-date").expect(400);
        api().as(owner.token()).get("/api/v1/audit?actorId=nope").expect(400);
        api().as(owner.token()).get("/api/v1/audit?cursor=%27%3B--").expect(400);
        JsonNode none = api().as(owner.token())
                .get("/api/v1/audit?clientId=" + UUID.randomUUID())
                .expect(200)
                .json();
        assertThat(none.path("items").size()).isZero();
    }

    @Test
    void anotherPracticesAdminSeesNoneOfIt() {
        Fixtures.Member owner = fixtures().signup("Audit Mine");
        Fixtures.Member other = fixtures().signup("Audit Theirs");
        JsonNode theirs =
                api().as(other.token()).get("/api/v1/audit").expect(200).json();
        theirs.path("items")
                .forEach(item ->
                        assertThat(item.path("actorMemberId").asString()).isNotEqualTo(owner.memberId()));
    }

    @Test
    void exportsCsvAndRecordsTheExport() {
        Fixtures.Member owner = fixtures().signup("Audit Export");
        var csv = api().as(owner.token()).get("/api/v1/audit/export").expect(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0]).startsWith("id,at,actorMemberId");
        assertThat(csv.body()).contains("practice.founded");
        assertThat(actions(owner)).contains("audit.exported");
    }

    @Test
    void rowsCannotBeChangedOrDeleted() {
        Fixtures.Member owner = fixtures().signup("Audit Immutable");
        UUID practice = UUID.fromString(owner.practiceId());
        assertThatThrownBy(() -> jdbc.sql("update audit_event set action = 'x' where practice_id = ?")
                        .param(practice)
                        .update())
                .rootCause()
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_event where practice_id = ?")
                        .param(practice)
                        .update())
                .rootCause()
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("truncate audit_event").update())
                .rootCause()
                .hasMessageContaining("append-only");
    }

    private List<String> actions(Fixtures.Member admin) {
        List<String> actions = new ArrayList<>();
        api().as(admin.token())
                .get("/api/v1/audit?limit=500")
                .expect(200)
                .json()
                .path("items")
                .forEach(item -> actions.add(item.path("action").asString()));
        return actions;
    }

    private JsonNode find(Fixtures.Member admin, String action) {
        for (JsonNode item : api().as(admin.token())
                .get("/api/v1/audit?limit=500")
                .expect(200)
                .json()
                .path("items")) {
            if (item.path("action").asString().equals(action)) {
                return item;
            }
        }
        throw new AssertionError("No audit entry " + action);
    }
}
