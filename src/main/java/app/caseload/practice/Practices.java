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
                .query((rs, n) -> new PracticeView(
                        new PracticeId(rs.getObject("id", UUID.class)),
                        rs.getString("name"),
                        rs.getBoolean("supervision_enabled"),
                        MfaRequired.valueOf(rs.getString("mfa_required")),
                        ZoneId.of(rs.getString("time_zone"))))
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
        ClinicalNumbers.Numbers numbers = clinicalNumbers.stream()
                .findFirst()
                .flatMap(source -> source.forPractice(viewer))
                .orElse(null);
        if (numbers == null) {
            return null;
        }
        Map<MemberStatus, Long> byStatus = new EnumMap<>(MemberStatus.class);
        for (MemberStatus status : MemberStatus.values()) {
            byStatus.put(status, 0L);
        }
        jdbc.sql("""
                select status, count(*) as n from member
                where practice_id = ? and removed_at is null group by status""")
                .param(viewer.practiceId().value())
                .query((rs, n) -> byStatus.put(MemberStatus.valueOf(rs.getString("status")), rs.getLong("n")))
                .list();
        return new Metrics(numbers.activeClients(), numbers.pendingNotes(), numbers.highRiskClients(), byStatus);
    }
}
