package app.caseload.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import app.caseload.support.Api;
import app.caseload.support.Fixtures;
import app.caseload.support.IntegrationTest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The help article's sections 1–3 as a practice owner lives them, through the API and the
 * invitation email: invite, accept, appear in the roster, change status, define and assign roles.
 */
class TeamScenarioTest extends IntegrationTest {

    @Test
    void ownerBuildsATeamAsTheHelpArticleDescribes() {
        // The owner creates the practice.
        Fixtures.Member owner = fixtures().signup("Willow Group Therapy");
        Api admin = api().as(owner.token());

        // §1 "Click Invite Therapist. Enter the therapist's full name, email, and role."
        String email = Fixtures.uniqueEmail("iris");
        var invitation = admin.post(
                        "/api/v1/invitations",
                        Map.of(
                                "fullName",
                                "Iris Intern",
                                "email",
                                email,
                                "roleId",
                                fixtures().roleId(owner, "Intern")))
                .expect(201)
                .json();
        assertThat(admin.get("/api/v1/invitations?status=PENDING")
                        .json()
                        .path("items")
                        .get(0)
                        .path("id")
                        .asString())
                .isEqualTo(invitation.path("id").asString());

        // "They receive an email invitation and can accept or decline."
        String token = fixtures().invitationToken(email);
        var preview = api().post("/api/v1/invitations/preview", Map.of("token", token))
                .expect(200)
                .json();
        assertThat(preview.path("practiceName").asString()).isEqualTo("Willow Group Therapy");
        assertThat(preview.path("roleName").asString()).isEqualTo("Intern");
        var accepted = api().post("/api/v1/invitations/accept", Map.of("token", token, "password", Fixtures.PASSWORD))
                .expect(200)
                .json();
        String iris = accepted.path("memberId").asString();

        // "Once accepted, the therapist appears in your practice roster."
        var roster = admin.get("/api/v1/therapists").json().path("items");
        var irisRow = roster.valueStream()
                .filter(m -> m.path("id").asString().equals(iris))
                .findFirst()
                .orElseThrow();
        assertThat(irisRow.path("status").asString()).isEqualTo("ACTIVE");
        assertThat(irisRow.path("fullName").asString()).isEqualTo("Iris Intern");
        assertThat(admin.get("/api/v1/invitations?status=ACCEPTED")
                        .json()
                        .path("items")
                        .size())
                .isEqualTo(1);

        // §2 Managing therapist status: On Hold, Inactive, Active again.
        admin.put("/api/v1/therapists/" + iris + "/status", Map.of("status", "ON_HOLD"))
                .expect(200);
        Api asIris = api().as(accepted.path("token").asString());
        assertThat(asIris.get("/api/v1/me").json().path("status").asString()).isEqualTo("ON_HOLD");
        admin.put("/api/v1/therapists/" + iris + "/status", Map.of("status", "INACTIVE"))
                .expect(200);
        asIris.get("/api/v1/me").expect(401);
        admin.put("/api/v1/therapists/" + iris + "/status", Map.of("status", "ACTIVE"))
                .expect(200);
        asIris = api().as(api().post("/api/v1/auth/login", Map.of("email", email, "password", Fixtures.PASSWORD))
                .expect(200)
                .field("token"));

        // §3 Assigning roles: the practice defines a custom role with a feature override.
        Map<String, Object> coordinator = new LinkedHashMap<>();
        coordinator.put("name", "Clinical Coordinator");
        coordinator.put("description", "Licensed clinician who oversees intake");
        coordinator.put("features", Map.of("clients.view_practice", true, "clients.reassign", true));
        coordinator.put("requiresSupervision", false);
        coordinator.put("canSupervise", true);
        coordinator.put("billingModifier", "HP");
        String roleId = admin.post("/api/v1/roles", coordinator).expect(201).field("id");
        var changed = admin.put("/api/v1/therapists/" + iris + "/role", Map.of("roleId", roleId))
                .expect(200)
                .json();
        assertThat(changed.path("role").path("name").asString()).isEqualTo("Clinical Coordinator");
        var me = asIris.get("/api/v1/me").json();
        assertThat(me.path("features").path("clients.view_practice").asBoolean())
                .isTrue();
        assertThat(me.path("features").path("clients.reassign").asBoolean()).isTrue();
        admin.delete("/api/v1/roles/" + roleId).expect(409);

        // Remove from practice: the history stays; the person is free to join elsewhere.
        admin.delete("/api/v1/therapists/" + iris).expect(204);
        asIris.get("/api/v1/me").expect(401);
        assertThat(admin.get("/api/v1/therapists").json().path("items").size()).isEqualTo(1);
        admin.delete("/api/v1/roles/" + roleId).expect(204);
    }
}
