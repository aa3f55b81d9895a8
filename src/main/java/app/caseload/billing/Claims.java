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
import app.caseload.shared.PracticeZones;
import app.caseload.shared.SessionId;
import app.caseload.shared.Timestamps;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Claim lines for admins and roles with {@code billing.view}, over the clients the caller may see.
 * Service dates are the practice's local calendar dates of the session start (SPEC §2b), and
 * {@code from}/{@code to} are practice-local days.
 */
@Service
public class Claims {

    private final JdbcClient jdbc;
    private final ClientVisibility visibility;
    private final Roles roles;
    private final ApplicationEventPublisher events;
    private final BillingProperties billing;
    private final Clock clock;
    private final PracticeZones zones;

    Claims(
            JdbcClient jdbc,
            ClientVisibility visibility,
            Roles roles,
            ApplicationEventPublisher events,
            BillingProperties billing,
            Clock clock,
            PracticeZones zones) {
        this.jdbc = jdbc;
        this.visibility = visibility;
        this.roles = roles;
        this.events = events;
        this.billing = billing;
        this.clock = clock;
        this.zones = zones;
    }

    /** Claim lines with a service date from {@code from} to {@code to}, both included; by date. */
    public Page<ClaimLine> lines(Caller caller, LocalDate from, LocalDate to, String cursor, int limit) {
        requireBiller(caller, from, to);
        Page<ExportLine> page = page(caller, from, to, Cursor.decode(cursor), limit);
        read(caller, "claims.list", page.items());
        return page.map(ExportLine::line);
    }

    /**
     * Every claim line of the period with what a claim file needs besides it (client name and date
     * of birth, the practice's and the providers' names), recorded as one read of every client in it.
     */
    public Export export(Caller caller, LocalDate from, LocalDate to, String format) {
        requireBiller(caller, from, to);
        visibility.requireExport(caller);
        List<ExportLine> lines = new ArrayList<>();
        Cursor after = null;
        do {
            Page<ExportLine> page = page(caller, from, to, after, 1000);
            lines.addAll(page.items());
            after = Cursor.decode(page.nextCursor());
        } while (after != null);
        String practiceName = jdbc.sql("select name from practice where id = ?")
                .param(caller.practiceId().value())
                .query(String.class)
                .single();
        read(caller, "claims.export." + format, lines);
        return new Export(practiceName, lines);
    }

    /**
     * The claim lines of the period as an ANSI X12 837P interchange (see {@link Claim837P}); the
     * control numbers count seconds, so two exports a second apart never share them.
     */
    public String x12(Caller caller, LocalDate from, LocalDate to) {
        Export export = export(caller, from, to, "x12-837p");
        Instant now = clock.instant();
        return Claim837P.write(billing, export, now, now.getEpochSecond());
    }

    /** A claim line with the names and dates a claim file carries. */
    public record ExportLine(
            ClaimLine line,
            String clientName,
            LocalDate clientDateOfBirth,
            String renderingName,
            String supervisingName) {}

    public record Export(String practiceName, List<ExportLine> lines) {}

    private void requireBiller(Caller caller, LocalDate from, LocalDate to) {
        if (caller.status() != MemberStatus.ACTIVE) {
            throw ClientProblems.readOnlyOnHold();
        }
        if (!caller.isAdmin()
                && !roles.rules(caller.practiceId(), caller.roleId()).allows(Feature.BILLING_VIEW)) {
            throw CaseloadException.forbidden("Only admins and roles with billing.view see claims.");
        }
        if (from != null && to != null && to.isBefore(from)) {
            throw ClientProblems.invalid("to", "validation", "must not be before from");
        }
    }

    private void read(Caller caller, String action, List<ExportLine> lines) {
        events.publishEvent(new ClientDataRead(
                caller.practiceId(),
                caller.memberId(),
                action,
                lines.stream().map(l -> l.line().clientId()).distinct().toList()));
    }

    private Page<ExportLine> page(Caller caller, LocalDate from, LocalDate to, Cursor after, int limit) {
        Predicate visible = visibility.sessionPredicate(caller, "s");
        ZoneId zone = zones.zoneOf(caller.practiceId());
        Map<String, Object> params = new LinkedHashMap<>(visible.params());
        StringBuilder sql = new StringBuilder("""
                select s.id, s.starts_at, s.client_id, s.service_code, s.billing_modifier, s.therapist_id,
                       coalesce(s.note_cosigned_by, s.supervisor_id) as supervising_id, s.charge_cents,
                       c.full_name as client_name, c.date_of_birth,
                       (select a.full_name from member m join account a on a.id = m.account_id
                         where m.practice_id = s.practice_id and m.id = s.therapist_id) as rendering_name,
                       (select a.full_name from member m join account a on a.id = m.account_id
                         where m.practice_id = s.practice_id
                           and m.id = coalesce(s.note_cosigned_by, s.supervisor_id)) as supervising_name
                from session s
                join client c on c.practice_id = s.practice_id and c.id = s.client_id
                where s.practice_id = :vis_practice and s.status = 'COMPLETED' and s.note_status = 'SIGNED'
                  and """).append(" ").append(visible.sql());
        if (from != null) {
            sql.append(" and s.starts_at >= :from");
            params.put("from", Timestamps.of(from.atStartOfDay(zone).toInstant()));
        }
        if (to != null) {
            sql.append(" and s.starts_at < :to");
            params.put("to", Timestamps.of(to.plusDays(1).atStartOfDay(zone).toInstant()));
        }
        if (after != null) {
            sql.append(" and (s.starts_at, s.id) > (:afterAt, :afterId)");
            params.put("afterAt", Timestamps.of(after.instantKey()));
            params.put("afterId", after.id());
        }
        sql.append(" order by s.starts_at, s.id limit :limit");
        params.put("limit", limit + 1);
        List<ExportLine> rows = jdbc.sql(sql.toString())
                .params(params)
                .query((rs, n) -> {
                    var startsAt = rs.getTimestamp("starts_at").toInstant();
                    String modifier = rs.getString("billing_modifier");
                    UUID supervising = rs.getObject("supervising_id", UUID.class);
                    ClaimLine line = new ClaimLine(
                            new SessionId(rs.getObject("id", UUID.class)),
                            startsAt.atZone(zone).toLocalDate(),
                            startsAt,
                            new ClientId(rs.getObject("client_id", UUID.class)),
                            rs.getString("service_code"),
                            modifier == null ? List.of() : List.of(modifier),
                            new MemberId(rs.getObject("therapist_id", UUID.class)),
                            supervising == null ? null : new MemberId(supervising),
                            rs.getLong("charge_cents"));
                    return new ExportLine(
                            line,
                            rs.getString("client_name"),
                            rs.getDate("date_of_birth").toLocalDate(),
                            rs.getString("rendering_name"),
                            rs.getString("supervising_name"));
                })
                .list();
        return Page.of(
                rows,
                limit,
                l -> Cursor.encode(l.line().startsAt(), l.line().sessionId().value()));
    }
}
