package app.caseload.therapists;

import static org.assertj.core.api.Assertions.assertThat;

import app.caseload.support.Api;
import app.caseload.support.Fixtures;
import app.caseload.support.IntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TherapistsApiTest extends IntegrationTest {

    @Test
    void theRosterListsCurrentMembersWithRoleAndStatusAndFiltersByStatus() {
        Fixtures.Member owner = fixtures().signup("Roster");
        Fixtures.Member tom = fixtures().join(owner, "Tom Therapist", "Associate");
        Api admin = api().as(owner.token());
        var roster = admin.get("/api/v1/therapists").expect(200).json();
        assertThat(roster.path("items").size()).isEqualTo(2);
        assertThat(roster.path("nextCursor").isNull()).isTrue();
        var tomRow = roster.path("items")
                .valueStream()
                .filter(m -> m.path("id").asString().equals(tom.memberId()))
                .findFirst()
                .orElseThrow();
        assertThat(tomRow.path("role").path("name").asString()).isEqualTo("Associate");
        assertThat(tomRow.path("status").asString()).isEqualTo("ACTIVE");
        assertThat(tomRow.path("email").asString()).isEqualTo(tom.email());
        assertThat(tomRow.path("metrics").isObject()).isTrue();

        admin.put("/api/v1/therapists/" + tom.memberId() + "/status", Map.of("status", "ON_HOLD"))
                .expect(200);
        assertThat(admin.get("/api/v1/therapists?status=ON_HOLD")
                        .json()
                        .path("items")
                        .size())
                .isEqualTo(1);
        assertThat(admin.get("/api/v1/therapists?status=ACTIVE")
                        .json()
                        .path("items")
                        .size())
                .isEqualTo(1);
    }

    @Test
    void theRosterPagesWithACursor() {
        Fixtures.Member owner = fixtures().signup("Paging");
        fixtures().join(owner, "Amy", "Intern");
        fixtures().join(owner, "Bea", "Intern");
        Api admin = api().as(owner.token());
        var first = admin.get("/api/v1/therapists?limit=2").expect(200).json();
        assertThat(first.path("items").size()).isEqualTo(2);
        String cursor = first.path("nextCursor").asString();
        var second = admin.get("/api/v1/therapists?limit=2&cursor=" + cursor)
                .expect(200)
                .json();
        assertThat(second.path("items").size()).isEqualTo(1);
        assertThat(second.path("nextCursor").isNull()).isTrue();
        admin.get("/api/v1/therapists?limit=0").expect(400);
        admin.get("/api/v1/therapists?cursor=%25%25").expect(400);
    }

    @Test
    void colleaguesSeeEachOtherButNotEachOthersMetrics() {
        Fixtures.Member owner = fixtures().signup("Colleagues");
        Fixtures.Member tom = fixtures().join(owner, "Tom", "Licensed Therapist");
        Fixtures.Member una = fixtures().join(owner, "Una", "Licensed Therapist");
        Api asTom = api().as(tom.token());
        assertThat(asTom.get("/api/v1/therapists/" + una.memberId())
                        .expect(200)
                        .json()
                        .path("metrics")
                        .isNull())
                .isTrue();
        assertThat(asTom.get("/api/v1/therapists/" + tom.memberId())
                        .expect(200)
                        .json()
                        .path("metrics")
                        .isObject())
                .isTrue();
    }

    @Test
    void inactiveMembersAreSignedOutAtOnceAndCannotSignIn() {
        Fixtures.Member owner = fixtures().signup("Inactive");
        Fixtures.Member tom = fixtures().join(owner, "Tom", "Licensed Therapist");
        api().as(tom.token()).get("/api/v1/me").expect(200);
        api().as(owner.token())
                .put("/api/v1/therapists/" + tom.memberId() + "/status", Map.of("status", "INACTIVE"))
                .expect(200);
        api().as(tom.token()).get("/api/v1/me").expect(401);
        api().post("/api/v1/auth/login", Map.of("email", tom.email(), "password", Fixtures.PASSWORD))
                .expect(401);

        api().as(owner.token())
                .put("/api/v1/therapists/" + tom.memberId() + "/status", Map.of("status", "ACTIVE"))
                .expect(200);
        api().as(tom.token()).get("/api/v1/me").expect(401); // ended sign-ins stay ended
        api().post("/api/v1/auth/login", Map.of("email", tom.email(), "password", Fixtures.PASSWORD))
                .expect(200);
    }

    @Test
    void onHoldMembersStillSignIn() {
        Fixtures.Member owner = fixtures().signup("On hold");
        Fixtures.Member tom = fixtures().join(owner, "Tom", "Licensed Therapist");
        api().as(owner.token())
                .put("/api/v1/therapists/" + tom.memberId() + "/status", Map.of("status", "ON_HOLD"))
                .expect(200);
        assertThat(api().as(tom.token()).get("/api/v1/me").expect(200).field("status"))
                .isEqualTo("ON_HOLD");
    }

    @Test
    void theLastActiveAdminCannotBeDeactivatedPausedDemotedOrRemoved() {
        Fixtures.Member owner = fixtures().signup("Last admin");
        Api admin = api().as(owner.token());
        String me = "/api/v1/therapists/" + owner.memberId();
        for (String status : new String[] {"INACTIVE", "ON_HOLD"}) {
            assertThat(admin.put(me + "/status", Map.of("status", status))
                            .expect(409)
                            .problemType())
                    .isEqualTo("last-active-admin");
        }
        assertThat(admin.put(me + "/admin", Map.of("admin", false)).expect(409).problemType())
                .isEqualTo("last-active-admin");
        assertThat(admin.delete(me).expect(409).problemType()).isEqualTo("last-active-admin");
        assertThat(admin.get("/api/v1/me").json().path("admin").asBoolean()).isTrue();

        Fixtures.Member second = fixtures().join(owner, "Second Admin", "Licensed Therapist");
        admin.put("/api/v1/therapists/" + second.memberId() + "/admin", Map.of("admin", true))
                .expect(200);
        admin.put(me + "/admin", Map.of("admin", false)).expect(200);
        api().as(second.token())
                .put("/api/v1/therapists/" + second.memberId() + "/status", Map.of("status", "ON_HOLD"))
                .expect(409);
    }

    @Test
    void adminChangesARolesFromTheProfile() {
        Fixtures.Member owner = fixtures().signup("Role change");
        Fixtures.Member tom = fixtures().join(owner, "Tom", "Intern");
        var changed = api().as(owner.token())
                .put(
                        "/api/v1/therapists/" + tom.memberId() + "/role",
                        Map.of("roleId", fixtures().roleId(owner, "Associate")))
                .expect(200)
                .json();
        assertThat(changed.path("role").path("name").asString()).isEqualTo("Associate");
        api().as(owner.token())
                .put(
                        "/api/v1/therapists/" + tom.memberId() + "/role",
                        Map.of("roleId", java.util.UUID.randomUUID().toString()))
                .expect(400);
    }

    @Test
    void removalEndsTheMembershipKeepsHistoryAndFreesThePerson() {
        Fixtures.Member owner = fixtures().signup("Removal");
        Fixtures.Member tom = fixtures().join(owner, "Tom", "Licensed Therapist");
        api().as(owner.token()).delete("/api/v1/therapists/" + tom.memberId()).expect(204);
        api().as(tom.token()).get("/api/v1/me").expect(401);
        api().as(owner.token()).get("/api/v1/therapists/" + tom.memberId()).expect(404);
        assertThat(jdbc.sql("select removed_at is not null from member where id = ?::uuid")
                        .param(tom.memberId())
                        .query(Boolean.class)
                        .single())
                .isTrue();
        Fixtures.Member next = fixtures().signup("Tom's next practice");
        fixtures().invite(next, "Tom", tom.email(), "Associate");
        api().post(
                        "/api/v1/invitations/accept",
                        Map.of("token", fixtures().invitationToken(tom.email()), "password", Fixtures.PASSWORD))
                .expect(200);
    }

    @Test
    void onlyAdminsChangeTheTeamAndOtherPracticesDoNotExist() {
        Fixtures.Member owner = fixtures().signup("Team permissions");
        Fixtures.Member tom = fixtures().join(owner, "Tom", "Licensed Therapist");
        Fixtures.Member stranger = fixtures().signup("Strangers");
        Api asTom = api().as(tom.token());
        String owners = "/api/v1/therapists/" + owner.memberId();
        asTom.put(owners + "/status", Map.of("status", "INACTIVE")).expect(403);
        asTom.put(owners + "/admin", Map.of("admin", false)).expect(403);
        asTom.put(owners + "/role", Map.of("roleId", fixtures().roleId(owner, "Intern")))
                .expect(403);
        asTom.delete(owners).expect(403);
        Api asStranger = api().as(stranger.token());
        asStranger.get(owners).expect(404);
        asStranger.put(owners + "/status", Map.of("status", "INACTIVE")).expect(404);
        asStranger.delete(owners).expect(404);
        assertThat(asStranger.get("/api/v1/therapists").json().path("items").size())
                .isEqualTo(1);
        api().get("/api/v1/therapists").expect(401);
        assertThat(api().as(owner.token())
                        .get("/api/v1/me")
                        .json()
                        .path("admin")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void twoAdminsDemotingEachOtherAtOnceLeaveOneActiveAdmin() throws Exception {
        for (int round = 0; round < 5; round++) {
            Fixtures.Member owner = fixtures().signup("Race " + round);
            Fixtures.Member second = fixtures().join(owner, "Second", "Licensed Therapist");
            api().as(owner.token())
                    .put("/api/v1/therapists/" + second.memberId() + "/admin", Map.of("admin", true))
                    .expect(200);
            var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            var a = pool.submit(() -> api().as(owner.token())
                    .put("/api/v1/therapists/" + second.memberId() + "/admin", Map.of("admin", false))
                    .status());
            var b = pool.submit(() -> api().as(second.token())
                    .put("/api/v1/therapists/" + owner.memberId() + "/admin", Map.of("admin", false))
                    .status());
            // One wins; the other is refused: 409 (last active admin) or, when it runs after the
            // winner committed, 403 (no longer an admin at all).
            var statuses = java.util.List.of(a.get(), b.get());
            assertThat(statuses).containsOnlyOnce(200);
            assertThat(statuses.stream().filter(s -> s != 200)).allMatch(s -> s == 409 || s == 403);
            pool.shutdown();
            assertThat(jdbc.sql(
                                    "select count(*) from member where practice_id = ?::uuid and admin and status = 'ACTIVE'")
                            .param(owner.practiceId())
                            .query(Integer.class)
                            .single())
                    .isEqualTo(1);
        }
    }
}
