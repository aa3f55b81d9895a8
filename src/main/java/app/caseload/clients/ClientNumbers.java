package app.caseload.clients;

import app.caseload.practice.ClinicalNumbers;
import app.caseload.shared.Caller;
import app.caseload.shared.MemberId;
import app.caseload.shared.PracticeId;
import app.caseload.therapists.TeamInsights;
import app.caseload.therapists.TherapistMetrics;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The numbers of SPEC §4 computed in SQL: per therapist (from the caseload relation) for those who
 * may open that therapist's caseload, and per practice for those who may see practice numbers (and
 * the size of an admin's whole client list) from the counts kept beside the data.
 */
@Component
class ClientNumbers implements TeamInsights, ClinicalNumbers {

    private final JdbcClient jdbc;
    private final ClientVisibility visibility;

    ClientNumbers(JdbcClient jdbc, ClientVisibility visibility) {
        this.jdbc = jdbc;
        this.visibility = visibility;
    }

    /**
     * A therapist's numbers, the same for every viewer who may open their caseload (SPEC §5); the
     * others get none. Active clients and High/Imminent count the clients they hold as DIRECT or
     * PRIMARY (walk-ins are in the caseload but not theirs); sessions and pending notes are those
     * they rendered, including for clients who have since moved.
     */
    @Override
    public Map<MemberId, TherapistMetrics> metricsOf(Caller viewer, Collection<MemberId> members) {
        Map<MemberId, TherapistMetrics> result = new LinkedHashMap<>();
        Set<MemberId> open = visibility.caseloadsOpenTo(viewer, members);
        if (open.isEmpty()) {
            return result;
        }
        jdbc.sql("""
                select t.id, own.active_clients, own.high_risk,
                       (select count(*) from session s where s.practice_id = t.practice_id and s.therapist_id = t.id
                          and s.status = 'COMPLETED' and s.starts_at >= now() - interval '30 days'
                          and s.starts_at <= now()) as sessions_30,
                       (select count(*) from session s where s.practice_id = t.practice_id and s.therapist_id = t.id
                          and s.status = 'COMPLETED' and s.note_status <> 'SIGNED') as pending_notes
                from member t
                cross join lateral (
                    select count(*) filter (where c.status = 'ACTIVE') as active_clients,
                           count(*) filter (where c.status = 'ACTIVE' and c.risk_level in ('HIGH', 'IMMINENT'))
                               as high_risk
                    from caseload k join client c on c.practice_id = k.practice_id and c.id = k.client_id
                    where k.practice_id = t.practice_id and k.member_id = t.id
                      and k.category in %s) own
                where t.practice_id = :practice and t.id in (:members)""".formatted(ClientVisibility.ASSIGNED_CATEGORIES))
                .param("practice", viewer.practiceId().value())
                .param("members", open.stream().map(MemberId::value).toList())
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

    /**
     * The practice's own numbers, for those who may see them (admins, {@code reports.view}): the sum
     * of the counts every change of a client or session appends in its own transaction (V33), so a
     * Home page of a 50,000-client practice reads a few rows instead of counting them all.
     */
    @Override
    public Optional<Numbers> forPractice(Caller viewer) {
        if (!visibility.mayViewPracticeNumbers(viewer)) {
            return Optional.empty();
        }
        Kept kept = kept(viewer.practiceId());
        return Optional.of(new Numbers(kept.activeClients(), kept.pendingNotes(), kept.highRiskClients()));
    }

    /** A practice's kept counts: every client (V39), the Active ones, those at high risk, pending notes. */
    record Kept(long clients, long activeClients, long highRiskClients, long pendingNotes) {}

    /**
     * The sums of the practice's appended counts; the caller decides who may read them. A read that
     * finds many rows folds them into one (the sum stays; the next read is short).
     */
    Kept kept(PracticeId practice) {
        record Summed(Kept kept, long rows) {}
        Summed summed = jdbc.sql("""
                        select coalesce(sum(all_clients), 0) as all_clients,
                               coalesce(sum(active_clients), 0) as active_clients,
                               coalesce(sum(high_risk_clients), 0) as high_risk,
                               coalesce(sum(pending_notes), 0) as pending_notes, count(*) as rows
                        from practice_count where practice_id = :practice""")
                .param("practice", practice.value())
                .query((rs, n) -> new Summed(
                        new Kept(
                                rs.getLong("all_clients"),
                                rs.getLong("active_clients"),
                                rs.getLong("high_risk"),
                                rs.getLong("pending_notes")),
                        rs.getLong("rows")))
                .single();
        if (summed.rows() > COMPACT_AFTER_ROWS) {
            jdbc.sql("select practice_counts_compact(:practice)")
                    .param("practice", practice.value())
                    .query((rs, n) -> 0)
                    .list();
        }
        return summed.kept();
    }

    /** How many appended counts a read sums before it folds them into one. */
    static final int COMPACT_AFTER_ROWS = 64;
}
