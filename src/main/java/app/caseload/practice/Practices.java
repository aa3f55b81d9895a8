package app.caseload.practice;

import app.caseload.accounts.MfaRequirement;
import app.caseload.shared.Caller;
import app.caseload.shared.CaseloadException;
import app.caseload.shared.MemberStatus;
import app.caseload.shared.PracticeId;
import app.caseload.shared.PracticeZones;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Practices: their name and settings, and the numbers of the dashboard. */
@Service
public class Practices implements MfaRequirement, PracticeZones {

    private final JdbcClient jdbc;
    private final List<ClinicalNumbers> clinicalNumbers;
    private final ApplicationEventPublisher events;

    Practices(JdbcClient jdbc, List<ClinicalNumbers> clinicalNumbers, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.clinicalNumbers = clinicalNumbers;
        this.events = events;
    }

    public record Metrics(
            long activeClients, long pendingNotes, long highRiskClients, Map<MemberStatus, Long> membersByStatus) {}

    @Transactional
    PracticeId create(String name, ZoneId timeZone) {
        PracticeId id = PracticeId.random();
        jdbc.sql("insert into practice (id, name, time_zone) values (?, ?, ?)")
                .params(id.value(), name.trim(), timeZone.getId())
                .update();
        return id;
    }

    public PracticeView get(PracticeId id) {
        return jdbc.sql("select id, name, supervision_enabled, mfa_required, time_zone from practice where id = ?")
                .param(id.value())
                .query((rs, n) -> view(rs))
                .optional()
                .orElseThrow(() -> CaseloadException.notFound("This practice"));
    }

    /** The practice's time zone (SPEC §2b); the one lookup every local date and time goes through. */
    @Override
    public ZoneId zoneOf(PracticeId id) {
        return jdbc.sql("select time_zone from practice where id = ?")
                .param(id.value())
                .query(String.class)
                .optional()
                .map(ZoneId::of)
                .orElseThrow(() -> CaseloadException.notFound("This practice"));
    }

    public boolean supervisionEnabled(PracticeId id) {
        return get(id).supervisionEnabled();
    }

    /** Whether the member must sign in with a second factor (the practice's "require MFA" setting). */
    @Override
    public boolean requiredFor(Caller member) {
        return switch (get(member.practiceId()).mfaRequired()) {
            case NONE -> false;
            case ADMINS -> member.admin();
            case EVERYONE -> true;
        };
    }

    /**
     * Renames the practice, switches supervision, sets whom it requires MFA of and/or its time zone
     * (an IANA name; 400 naming {@code timeZone} when unknown); admins only. Null leaves a field as it is.
     */
    @Transactional
    public PracticeView update(Caller caller, String name, Boolean supervisionEnabled, MfaRequired mfaRequired) {
        return update(caller, name, supervisionEnabled, mfaRequired, null);
    }

    @Transactional
    public PracticeView update(
            Caller caller, String name, Boolean supervisionEnabled, MfaRequired mfaRequired, String timeZone) {
        caller.requireAdmin();
        ZoneId zone = timeZone == null ? null : PracticeTimeZone.parse(timeZone);
        MfaRequired mfaBefore = get(caller.practiceId()).mfaRequired();
        if (name != null && name.isBlank()) {
            throw CaseloadException.invalid("validation", "The practice needs a name.")
                    .with("errors", List.of(Map.of("field", "name", "message", "must not be blank")));
        }
        jdbc.sql("""
                update practice set name = coalesce(?, name), supervision_enabled = coalesce(?, supervision_enabled),
                                    mfa_required = coalesce(?, mfa_required), time_zone = coalesce(?, time_zone)
                where id = ?""")
                .params(
                        name == null ? null : name.trim(),
                        supervisionEnabled,
                        mfaRequired == null ? null : mfaRequired.name(),
                        zone == null ? null : zone.getId(),
                        caller.practiceId().value())
                .update();
        PracticeView updated = get(caller.practiceId());
        events.publishEvent(new PracticeEvents.PracticeSettingsChanged(
                updated.id(), updated.name(), updated.supervisionEnabled(), caller.memberId()));
        if (updated.mfaRequired() != mfaBefore) {
            events.publishEvent(new PracticeEvents.MfaRequirementChanged(
                    updated.id(), mfaBefore, updated.mfaRequired(), caller.memberId()));
        }
        return updated;
    }

    /** The practice's numbers, or null for a viewer who may not see them (SPEC §3 {@code reports.view}). */
    public Metrics metrics(Caller viewer) {
        return overview(viewer).metrics();
    }

    /** The practice and, for a viewer who may see them, its numbers (otherwise null). */
    public record Overview(PracticeView practice, Metrics metrics) {}

    /**
     * The practice with its numbers, in two statements at most (the Home page and {@code GET /practice}
     * ask for both on every load): the clinical numbers, which the clients module keeps, and the practice
     * row with its members counted by status.
     */
    public Overview overview(Caller viewer) {
        ClinicalNumbers.Numbers numbers = clinicalNumbers.stream()
                .findFirst()
                .flatMap(source -> source.forPractice(viewer))
                .orElse(null);
        Map<MemberStatus, Long> byStatus = new EnumMap<>(MemberStatus.class);
        PracticeView practice = jdbc.sql("""
                        select p.id, p.name, p.supervision_enabled, p.mfa_required, p.time_zone,
                               m.statuses, m.counts
                        from practice p
                        cross join lateral (
                            select array_agg(g.status) as statuses, array_agg(g.n) as counts
                            from (select status, count(*) as n from member
                                  where practice_id = p.id and removed_at is null and :members
                                  group by status) g) m
                        where p.id = :practice""")
                .param("practice", viewer.practiceId().value())
                .param("members", numbers != null)
                .query((rs, n) -> {
                    java.sql.Array statuses = rs.getArray("statuses");
                    if (statuses != null) {
                        String[] names = (String[]) statuses.getArray();
                        Long[] counts = (Long[]) rs.getArray("counts").getArray();
                        for (int i = 0; i < names.length; i++) {
                            byStatus.put(MemberStatus.valueOf(names[i]), counts[i]);
                        }
                    }
                    return view(rs);
                })
                .optional()
                .orElseThrow(() -> CaseloadException.notFound("This practice"));
        if (numbers == null) {
            return new Overview(practice, null);
        }
        for (MemberStatus status : MemberStatus.values()) {
            byStatus.putIfAbsent(status, 0L);
        }
        return new Overview(
                practice,
                new Metrics(numbers.activeClients(), numbers.pendingNotes(), numbers.highRiskClients(), byStatus));
    }

    private static PracticeView view(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new PracticeView(
                new PracticeId(rs.getObject("id", UUID.class)),
                rs.getString("name"),
                rs.getBoolean("supervision_enabled"),
                MfaRequired.valueOf(rs.getString("mfa_required")),
                ZoneId.of(rs.getString("time_zone")));
    }
}
