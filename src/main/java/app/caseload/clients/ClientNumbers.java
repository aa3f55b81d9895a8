package app.caseload.clients;

import app.caseload.clients.ClientVisibility.Predicate;
import app.caseload.practice.ClinicalNumbers;
import app.caseload.shared.Caller;
import app.caseload.shared.MemberId;
import app.caseload.shared.PracticeId;
import app.caseload.therapists.TeamInsights;
import app.caseload.therapists.TherapistMetrics;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The numbers of SPEC §4 computed in SQL: per therapist for the roster (shown only to admins, the
 * member and their supervisors, who all see that therapist's whole caseload) and per practice for
 * the dashboard, counting only the clients visible to the caller.
 */
@Component
class ClientNumbers implements TeamInsights, ClinicalNumbers {

    private final JdbcClient jdbc;
    private final ClientVisibility visibility;

    ClientNumbers(JdbcClient jdbc, ClientVisibility visibility) {
        this.jdbc = jdbc;
        this.visibility = visibility;
    }

    @Override
    public Map<MemberId, TherapistMetrics> metricsOf(PracticeId practice, Collection<MemberId> members) {
        Map<MemberId, TherapistMetrics> result = new LinkedHashMap<>();
        if (members.isEmpty()) {
            return result;
        }
        jdbc.sql("""
                select t.id,
                       (select count(*) from client c where c.practice_id = t.practice_id and c.therapist_id = t.id
                          and c.status = 'ACTIVE') as active_clients,
                       (select count(*) from session s where s.practice_id = t.practice_id and s.therapist_id = t.id
                          and s.status = 'COMPLETED' and s.starts_at >= now() - interval '30 days'
                          and s.starts_at <= now()) as sessions_30,
                       (select count(*) from session s where s.practice_id = t.practice_id and s.therapist_id = t.id
                          and s.status = 'COMPLETED' and s.note_status <> 'SIGNED') as pending_notes,
                       (select count(*) from client c where c.practice_id = t.practice_id and c.therapist_id = t.id
                          and c.status = 'ACTIVE' and c.risk_level in ('HIGH', 'IMMINENT')) as high_risk
                from member t where t.practice_id = :practice and t.id in (:members)""")
                .param("practice", practice.value())
                .param("members", members.stream().map(MemberId::value).toList())
                .query((rs, n) -> result.put(
                        new MemberId(rs.getObject("id", UUID.class)),
                        new TherapistMetrics(
                                rs.getLong("active_clients"),
                                rs.getLong("sessions_30"),
                                rs.getLong("pending_notes"),
                                rs.getLong("high_risk"))))
                .list();
        return result;
    }

    @Override
    public Numbers forPractice(Caller viewer) {
        Predicate visible = visibility.clientPredicate(viewer, "c");
        String visibleClients = "from client c where " + visible.sql();
        return jdbc.sql("select (select count(*) " + visibleClients + " and c.status = 'ACTIVE') as active_clients,"
                        + " (select count(*) " + visibleClients
                        + " and c.status = 'ACTIVE' and c.risk_level in ('HIGH', 'IMMINENT')) as high_risk,"
                        + " (select count(*) from session s join client c"
                        + " on c.practice_id = s.practice_id and c.id = s.client_id"
                        + " where s.status = 'COMPLETED' and s.note_status <> 'SIGNED' and " + visible.sql()
                        + ") as pending_notes")
                .params(visible.params())
                .query((rs, n) ->
                        new Numbers(rs.getLong("active_clients"), rs.getLong("pending_notes"), rs.getLong("high_risk")))
                .single();
    }
}
