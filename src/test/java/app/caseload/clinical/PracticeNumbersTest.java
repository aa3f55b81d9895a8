package app.caseload.clinical;

import static org.assertj.core.api.Assertions.assertThat;

import app.caseload.support.Fixtures.Member;
import app.caseload.support.IntegrationTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The practice's numbers on GET /practice are kept as appended counts (V33), not counted per read:
 * after every kind of change they equal what the practice holds, and folding the appended rows
 * changes nothing. (Every integration test also ends with the full recount, practice by practice.)
 */
class PracticeNumbersTest extends IntegrationTest {

    private record Numbers(long active, long highRisk, long pending) {}

    private Numbers numbers(Member admin) {
        JsonNode m = api().as(admin.token())
                .get("/api/v1/practice")
                .expect(200)
                .json()
                .path("metrics");
        return new Numbers(
                m.path("activeClients").asLong(),
                m.path("highRiskClients").asLong(),
                m.path("pendingNotes").asLong());
    }

    private long keptRows(Member admin) {
        return jdbc.sql("select count(*) from practice_count where practice_id = ?")
                .param(UUID.fromString(admin.practiceId()))
                .query(Long.class)
                .single();
    }

    @Test
    void theNumbersFollowEveryChangeAndSurviveFolding() {
        Clinic clinic = new Clinic(api());
        Member admin = fixtures().signup("Kept Numbers Practice");
        Member tia = fixtures().join(admin, "Tia Therapist", "Licensed Therapist");
        assertThat(numbers(admin)).isEqualTo(new Numbers(0, 0, 0));

        String ann = clinic.client(admin, "Ann Active", "DIRECT", tia);
        String ben = clinic.client(admin, "Ben Brook", "PRACTICE", tia);
        assertThat(numbers(admin)).isEqualTo(new Numbers(2, 0, 0));

        api().as(tia.token())
                .put("/api/v1/clients/" + ann + "/risk", Map.of("level", "HIGH"))
                .expect(200);
        assertThat(numbers(admin)).isEqualTo(new Numbers(2, 1, 0));

        String pending = clinic.completedSession(admin, ben, tia);
        clinic.signedSession(admin, ann, tia);
        clinic.cancelledSession(admin, ann, tia);
        assertThat(numbers(admin)).isEqualTo(new Numbers(2, 1, 1));

        api().as(tia.token())
                .put("/api/v1/sessions/" + pending + "/note", Map.of("text", "Seen."))
                .expect(200);
        api().as(tia.token())
                .post("/api/v1/sessions/" + pending + "/note/sign", null)
                .expect(200);
        assertThat(numbers(admin)).isEqualTo(new Numbers(2, 1, 0));

        // A high-risk client who is no longer Active leaves both numbers.
        api().as(admin.token())
                .patch("/api/v1/clients/" + ann, Map.of("status", "DISCHARGED"))
                .expect(200);
        assertThat(numbers(admin)).isEqualTo(new Numbers(1, 0, 0));

        // Many small changes append many rows; a read folds them into one and the sum stays.
        for (int i = 0; i < 70; i++) {
            api().as(admin.token())
                    .patch("/api/v1/clients/" + ben, Map.of("status", i % 2 == 0 ? "INACTIVE" : "ACTIVE"))
                    .expect(200);
        }
        assertThat(keptRows(admin)).isGreaterThan(64);
        assertThat(numbers(admin)).isEqualTo(new Numbers(1, 0, 0));
        assertThat(keptRows(admin)).isEqualTo(1);
        assertThat(numbers(admin)).isEqualTo(new Numbers(1, 0, 0));
    }
}
