package app.caseload.billing;

import app.caseload.clients.ClientEvents.ClientDataRead;
import app.caseload.clients.ClientProblems;
import app.caseload.clients.ClientVisibility;
import app.caseload.clients.ClientVisibility.Predicate;
import app.caseload.roles.Feature;
import app.caseload.roles.Roles;
import app.caseload.shared.Caller;
import app.caseload.shared.CaseloadException;
import app.caseload.shared.ClientId;
import app.caseload.shared.Cursor;
import app.caseload.shared.MemberId;
import app.caseload.shared.MemberStatus;
import app.caseload.shared.Page;
import app.caseload.shared.SessionId;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Claim lines for admins and roles with {@code billing.view}, over the clients the caller may see.
 * Service dates are UTC calendar dates of the session start.
 */
@Service
public class Claims {

    private final JdbcClient jdbc;
    private final ClientVisibility visibility;
    private final Roles roles;
    private final ApplicationEventPublisher events;

    Claims(JdbcClient jdbc, ClientVisibility visibility, Roles roles, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.visibility = visibility;
        this.roles = roles;
        this.events = events;
    }

    /** Claim lines with a service date from {@code from} to {@code to}, both included; by date. */
    public Page<ClaimLine> lines(Caller caller, LocalDate from, LocalDate to, String cursor, int limit) {
        if (caller.status() != MemberStatus.ACTIVE) {
            throw ClientProblems.readOnlyOnHold();
        }
        if (!caller.isAdmin()
                && !roles.get(caller.practiceId(), caller.roleId()).allows(Feature.BILLING_VIEW)) {
            throw CaseloadException.forbidden("Only admins and roles with billing.view see claims.");
        }
        if (from != null && to != null && to.isBefore(from)) {
            throw ClientProblems.invalid("to", "validation", "must not be before from");
        }
        Cursor after = Cursor.decode(cursor);
        Predicate visible = visibility.clientPredicate(caller, "c");
        Map<String, Object> params = new LinkedHashMap<>(visible.params());
        StringBuilder sql = new StringBuilder("""
                select s.id, s.starts_at, s.client_id, s.service_code, s.billing_modifier, s.therapist_id,
                       coalesce(s.note_cosigned_by, s.supervisor_id) as supervising_id, s.charge_cents
                from session s
                join client c on c.practice_id = s.practice_id and c.id = s.client_id
                where s.practice_id = :vis_practice and s.status = 'COMPLETED' and s.note_status = 'SIGNED'
                  and """).append(" ").append(visible.sql());
        if (from != null) {
            sql.append(" and s.starts_at >= :from");
            params.put("from", Timestamp.from(from.atStartOfDay(ZoneOffset.UTC).toInstant()));
        }
        if (to != null) {
            sql.append(" and s.starts_at < :to");
            params.put(
                    "to",
                    Timestamp.from(to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
        }
        if (after != null) {
            sql.append(" and (s.starts_at, s.id) > (:afterAt, :afterId)");
            params.put("afterAt", Timestamp.from(after.instantKey()));
            params.put("afterId", after.id());
        }
        sql.append(" order by s.starts_at, s.id limit :limit");
        params.put("limit", limit + 1);
        List<ClaimLine> rows = jdbc.sql(sql.toString())
                .params(params)
                .query((rs, n) -> {
                    var startsAt = rs.getTimestamp("starts_at").toInstant();
                    String modifier = rs.getString("billing_modifier");
                    UUID supervising = rs.getObject("supervising_id", UUID.class);
                    return new ClaimLine(
                            new SessionId(rs.getObject("id", UUID.class)),
                            startsAt.atZone(ZoneOffset.UTC).toLocalDate(),
                            startsAt,
                            new ClientId(rs.getObject("client_id", UUID.class)),
                            rs.getString("service_code"),
                            modifier == null ? List.of() : List.of(modifier),
                            new MemberId(rs.getObject("therapist_id", UUID.class)),
                            supervising == null ? null : new MemberId(supervising),
                            rs.getLong("charge_cents"));
                })
                .list();
        Page<ClaimLine> page = Page.of(
                rows, limit, l -> Cursor.encode(l.startsAt(), l.sessionId().value()));
        events.publishEvent(new ClientDataRead(
                caller.practiceId(),
                caller.memberId(),
                "claims.list",
                page.items().stream().map(ClaimLine::clientId).distinct().toList()));
        return page;
    }
}
