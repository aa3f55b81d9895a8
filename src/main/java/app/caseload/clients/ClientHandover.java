package app.caseload.clients;

import app.caseload.shared.MemberId;
import app.caseload.shared.PracticeId;
import app.caseload.therapists.CaseloadHandover;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The clients a leaving therapist still holds, and their hand-over. Runs inside the removal's
 * transaction; locks the leaving member's row first, so that a client registered for them at the
 * same moment is either seen here or refused there (it locks the row {@code for share}).
 */
@Component
class ClientHandover implements CaseloadHandover {

    record HeldClient(UUID id, String fullName) {}

    private final JdbcClient jdbc;
    private final Clients clients;

    ClientHandover(JdbcClient jdbc, Clients clients) {
        this.jdbc = jdbc;
        this.clients = clients;
    }

    @Override
    public Map<String, List<?>> holdings(PracticeId practice, MemberId member) {
        lockLeaving(practice, member);
        List<HeldClient> held = jdbc.sql("""
                select id, full_name from client where practice_id = ? and therapist_id = ?
                order by lower(full_name), id""")
                .params(practice.value(), member.value())
                .query((rs, n) -> new HeldClient(rs.getObject("id", UUID.class), rs.getString("full_name")))
                .list();
        return Map.of("clients", held);
    }

    @Override
    public void handOver(PracticeId practice, MemberId from, MemberId to, MemberId by) {
        lockLeaving(practice, from);
        clients.handOverAll(practice, from, to, by);
    }

    private void lockLeaving(PracticeId practice, MemberId member) {
        jdbc.sql("select id from member where practice_id = ? and id = ? for update")
                .params(practice.value(), member.value())
                .query(UUID.class)
                .optional();
    }
}
