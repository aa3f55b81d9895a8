package app.caseload.demo;

import static org.assertj.core.api.Assertions.assertThat;

import app.caseload.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class DemoPracticeTest extends IntegrationTest {

    @Autowired
    DemoPractice demo;

    @Test
    void seedsARealisticPracticeOnceAndNothingTheSecondTime() {
        demo.seed();
        UUID practice = jdbc.sql("select id from practice where name = ?")
                .param(DemoPractice.PRACTICE)
                .query(UUID.class)
                .single();
        Map<String, Object> before = shape(practice);

        assertThat(demo.seed()).isFalse();
        assertThat(shape(practice)).isEqualTo(before);

        assertThat(before.get("roles")).isEqualTo(5L);
        assertThat(statuses(practice, "member")).containsExactlyInAnyOrder("ACTIVE", "ON_HOLD", "INACTIVE");
        assertThat((Long) before.get("clients")).isBetween(55L, 65L);
        assertThat(jdbc.sql("select distinct kind from client where practice_id = ?")
                        .param(practice)
                        .query(String.class)
                        .list())
                .containsExactlyInAnyOrder("DIRECT", "PRACTICE");
        assertThat(jdbc.sql("select distinct note_status from session where practice_id = ? and status = 'COMPLETED'")
                        .param(practice)
                        .query(String.class)
                        .list())
                .contains("SIGNED", "DRAFT", "AWAITING_COSIGN", "NONE");
        assertThat(jdbc.sql("select distinct risk_level from client where practice_id = ?")
                        .param(practice)
                        .query(String.class)
                        .list())
                .contains("NONE", "LOW", "MODERATE", "HIGH", "IMMINENT");
        assertThat(jdbc.sql("select supervision_enabled from practice where id = ?")
                        .param(practice)
                        .query(Boolean.class)
                        .single())
                .isTrue();

        // The supervisee has direct, primary and walk-in clients.
        UUID ivy = jdbc.sql("select m.id from member m join account a on a.id = m.account_id where lower(a.email) = ?")
                .param(DemoPractice.SUPERVISEE)
                .query(UUID.class)
                .single();
        assertThat(jdbc.sql("select distinct kind from client where practice_id = ? and therapist_id = ?")
                        .params(practice, ivy)
                        .query(String.class)
                        .list())
                .containsExactlyInAnyOrder("DIRECT", "PRACTICE");
        assertThat(jdbc.sql("""
                        select count(*) from session s join client c on c.practice_id = s.practice_id and c.id = s.client_id
                        where s.practice_id = ? and s.therapist_id = ? and c.kind = 'PRACTICE' and c.therapist_id <> s.therapist_id""").params(practice, ivy).query(Long.class).single())
                .isPositive();
        assertThat(jdbc.sql(
                                "select count(*) from supervision where practice_id = ? and supervisee_id = ? and ended_at is null")
                        .params(practice, ivy)
                        .query(Long.class)
                        .single())
                .isEqualTo(1L);
    }

    private Map<String, Object> shape(UUID practice) {
        return Map.of(
                "roles", count("select count(*) from role where practice_id = ? and deleted_at is null", practice),
                "members", count("select count(*) from member where practice_id = ?", practice),
                "clients", count("select count(*) from client where practice_id = ?", practice),
                "sessions", count("select count(*) from session where practice_id = ?", practice),
                "supervisions", count("select count(*) from supervision where practice_id = ?", practice),
                "practices", count("select count(*) from practice where name = ? ", DemoPractice.PRACTICE));
    }

    private List<String> statuses(UUID practice, String table) {
        return jdbc.sql("select distinct status from " + table + " where practice_id = ? and removed_at is null")
                .param(practice)
                .query(String.class)
                .list();
    }

    private long count(String sql, Object param) {
        return jdbc.sql(sql).param(param).query(Long.class).single();
    }
}
