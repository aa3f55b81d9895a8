package app.caseload.clients;

import app.caseload.clients.ClientEvents.ClientDataRead;
import app.caseload.shared.ClientId;
import app.caseload.shared.MemberId;
import app.caseload.shared.PracticeId;
import app.caseload.therapists.CaseloadHandover;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
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
    private final ApplicationEventPublisher events;

    ClientHandover(JdbcClient jdbc, Clients clients, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.clients = clients;
        this.events = events;
    }

    @Override
    public Map<String, List<?>> holdings(PracticeId practice, MemberId member, MemberId viewer) {
        lockLeaving(practice, member);
        List<HeldClient> held = jdbc.sql("""
                select c.id, c.full_name from caseload k
                join client c on c.practice_id = k.practice_id and c.id = k.client_id
                where k.practice_id = ? and k.member_id = ? and k.category in %s
                order by lower(c.full_name), c.id""".formatted(ClientVisibility.ASSIGNED_CATEGORIES))
                .params(practice.value(), member.value())
                .query((rs, n) -> new HeldClient(rs.getObject("id", UUID.class), rs.getString("full_name")))
                .list();
        if (!held.isEmpty()) {
            events.publishEvent(new ClientDataRead(
                    practice,
                    viewer,
                    "therapist.holdings",
                    held.stream().map(c -> new ClientId(c.id())).toList()));
        }
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
