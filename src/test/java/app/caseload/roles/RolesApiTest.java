package app.caseload.roles;

import static org.assertj.core.api.Assertions.assertThat;

import app.caseload.support.Api;
import app.caseload.support.Fixtures;
import app.caseload.support.IntegrationTest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RolesApiTest extends IntegrationTest {

    static Map<String, Object> role(String name) {
        Map<String, Object> role = new LinkedHashMap<>();
        role.put("name", name);
        role.put("description", "Sees the whole practice");
        role.put("features", Map.of("clients.view_practice", true, "notes.sign_independently", false));
        role.put("requiresSupervision", true);
        role.put("canSupervise", false);
        role.put("billingModifier", "HN");
        return role;
    }

    @Test
    void everyPracticeStartsWithTheFourEditableDefaults() {
        Fixtures.Member owner = fixtures().signup("Defaults");
        var roles =
                api().as(owner.token()).get("/api/v1/roles").expect(200).json().path("items");
        assertThat(roles.valueStream().map(r -> r.path("name").asString()))
                .containsExactlyInAnyOrder("Intern", "Associate", "Licensed Therapist", "Supervisor");
        var licensed = roles.valueStream()
                .filter(r -> r.path("name").asString().equals("Licensed Therapist"))
                .findFirst()
                .orElseThrow();
        assertThat(licensed.path("memberCount").asInt()).isEqualTo(1);
    }

    @Test
    void featuresCatalogueListsDefaults() {
        Fixtures.Member owner = fixtures().signup("Catalogue");
        var features =
                api().as(owner.token()).get("/api/v1/features").expect(200).json();
        assertThat(features.size()).isEqualTo(Feature.values().length);
        assertThat(features.get(0).has("defaultEnabled")).isTrue();
    }

    @Test
    void adminCreatesReplacesAndDeletesARole() {
        Fixtures.Member owner = fixtures().signup("Role CRUD");
        Api admin = api().as(owner.token());
        var created = admin.post("/api/v1/roles", role("Practice Coordinator"))
                .expect(201)
                .json();
        String id = created.path("id").asString();
        assertThat(created.path("features").path("clients.view_practice").asBoolean())
                .isTrue();
        assertThat(created.path("features").has("clients.create")).isFalse(); // overrides only
        assertThat(created.path("billingModifier").asString()).isEqualTo("HN");

        Map<String, Object> replacement = role("Coordinator");
        replacement.put("billingModifier", null);
        replacement.put("features", Map.of());
        var replaced = admin.put("/api/v1/roles/" + id, replacement).expect(200).json();
        assertThat(replaced.path("name").asString()).isEqualTo("Coordinator");
        assertThat(replaced.path("billingModifier").isNull()).isTrue();
        assertThat(replaced.path("features").size()).isZero();
        assertThat(admin.get("/api/v1/roles/" + id).expect(200).field("name")).isEqualTo("Coordinator");

        admin.delete("/api/v1/roles/" + id).expect(204);
        admin.get("/api/v1/roles/" + id).expect(404);
    }

    @Test
    void refusesADuplicateNameUnknownFeatureAndUnknownModifier() {
        Fixtures.Member owner = fixtures().signup("Role refusals");
        Api admin = api().as(owner.token());
        assertThat(admin.post("/api/v1/roles", role("intern")).expect(409).problemType())
                .isEqualTo("role-name-taken");
        Map<String, Object> unknownFeature = role("X");
        unknownFeature.put("features", Map.of("clients.teleport", true));
        assertThat(admin.post("/api/v1/roles", unknownFeature).expect(400).problemType())
                .isEqualTo("unknown-feature");
        Map<String, Object> unknownModifier = role("Y");
        unknownModifier.put("billingModifier", "ZZ");
        var answer = admin.post("/api/v1/roles", unknownModifier).expect(400).json();
        assertThat(answer.path("errors").get(0).path("field").asString()).isEqualTo("billingModifier");
        assertThat(admin.get("/api/v1/roles").expect(200).json().path("items").size())
                .isEqualTo(4);
    }

    @Test
    void aRoleInUseCannotBeDeleted() {
        Fixtures.Member owner = fixtures().signup("Role in use");
        String licensed = fixtures().roleId(owner, "Licensed Therapist");
        var answer = api().as(owner.token()).delete("/api/v1/roles/" + licensed).expect(409);
        assertThat(answer.problemType()).isEqualTo("role-in-use");
    }

    @Test
    void therapistsReadRolesButOnlyAdminsChangeThem() {
        Fixtures.Member owner = fixtures().signup("Role permissions");
        Fixtures.Member therapist = fixtures().join(owner, "Tina Therapist", "Licensed Therapist");
        Api asTherapist = api().as(therapist.token());
        asTherapist.get("/api/v1/roles").expect(200);
        asTherapist.post("/api/v1/roles", role("Sneaky")).expect(403);
        String intern = fixtures().roleId(owner, "Intern");
        asTherapist.put("/api/v1/roles/" + intern, role("Renamed")).expect(403);
        asTherapist.delete("/api/v1/roles/" + intern).expect(403);
        assertThat(api().as(owner.token()).get("/api/v1/roles/" + intern).field("name"))
                .isEqualTo("Intern");
    }

    @Test
    void rolesOfAnotherPracticeDoNotExist() {
        Fixtures.Member owner = fixtures().signup("Mine");
        Fixtures.Member other = fixtures().signup("Theirs");
        String theirIntern = fixtures().roleId(other, "Intern");
        Api admin = api().as(owner.token());
        admin.get("/api/v1/roles/" + theirIntern).expect(404);
        admin.put("/api/v1/roles/" + theirIntern, role("Hijacked")).expect(404);
        admin.delete("/api/v1/roles/" + theirIntern).expect(404);
        api().get("/api/v1/roles").expect(401);
    }
}
