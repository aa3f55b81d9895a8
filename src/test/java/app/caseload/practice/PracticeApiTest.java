package app.caseload.practice;

import static org.assertj.core.api.Assertions.assertThat;

import app.caseload.support.Fixtures;
import app.caseload.support.IntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PracticeApiTest extends IntegrationTest {

    @Test
    void showsThePracticeWithMetricsCountingMembersByStatus() {
        Fixtures.Member owner = fixtures().signup("Metrics Practice");
        Fixtures.Member tom = fixtures().join(owner, "Tom", "Associate");
        fixtures().join(owner, "Una", "Associate");
        api().as(owner.token())
                .put("/api/v1/therapists/" + tom.memberId() + "/status", Map.of("status", "ON_HOLD"))
                .expect(200);
        var practice =
                api().as(owner.token()).get("/api/v1/practice").expect(200).json();
        assertThat(practice.path("id").asString()).isEqualTo(owner.practiceId());
        assertThat(practice.path("name").asString()).isEqualTo("Metrics Practice");
        assertThat(practice.path("supervisionEnabled").asBoolean()).isFalse();
        var metrics = practice.path("metrics");
        assertThat(metrics.path("membersByStatus").path("ACTIVE").asInt()).isEqualTo(2);
        assertThat(metrics.path("membersByStatus").path("ON_HOLD").asInt()).isEqualTo(1);
        assertThat(metrics.path("membersByStatus").path("INACTIVE").asInt()).isZero();
        assertThat(metrics.has("activeClients")).isTrue();
        assertThat(metrics.has("pendingNotes")).isTrue();
        assertThat(metrics.has("highRiskClients")).isTrue();
    }

    @Test
    void adminsRenameAndSwitchSupervisionTherapistsMayNot() {
        Fixtures.Member owner = fixtures().signup("Before");
        Fixtures.Member tom = fixtures().join(owner, "Tom", "Licensed Therapist");
        var updated = api().as(owner.token())
                .patch("/api/v1/practice", Map.of("name", "After", "supervisionEnabled", true))
                .expect(200)
                .json();
        assertThat(updated.path("name").asString()).isEqualTo("After");
        assertThat(updated.path("supervisionEnabled").asBoolean()).isTrue();
        api().as(tom.token())
                .patch("/api/v1/practice", Map.of("name", "Hijacked"))
                .expect(403);
        api().as(owner.token()).patch("/api/v1/practice", Map.of("name", "")).expect(400);
        assertThat(api().as(tom.token()).get("/api/v1/practice").field("name")).isEqualTo("After");
    }
}
