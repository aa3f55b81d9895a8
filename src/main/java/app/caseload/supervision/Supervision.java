package app.caseload.supervision;

import app.caseload.practice.Practices;
import app.caseload.roles.Roles;
import app.caseload.shared.Caller;
import app.caseload.shared.MemberId;
import app.caseload.shared.PracticeId;
import app.caseload.shared.Timestamps;
import app.caseload.supervision.SupervisionEvents.SupervisionEnded;
import app.caseload.supervision.SupervisionEvents.SupervisorAssigned;
import app.caseload.therapists.TeamInsights;
import app.caseload.therapists.TherapistEvents.MemberRemoved;
import app.caseload.therapists.TherapistProblems;
import app.caseload.therapists.TherapistView;
import app.caseload.therapists.Therapists;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Supervisor-supervisee assignments with history. A supervision counts only while it is current
 * (not ended) and the practice has supervision switched on; everything here reads the database
 * afresh, so changes take effect on the next request.
 */
@Service
public class Supervision implements TeamInsights {

    private final JdbcClient jdbc;
    private final Therapists therapists;
    private final Roles roles;
    private final Practices practices;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Supervision(
            JdbcClient jdbc,
            @org.springframework.context.annotation.Lazy Therapists therapists,
            Roles roles,
            Practices practices,
            ApplicationEventPublisher events,
            Clock clock) {
        this.jdbc = jdbc;
        this.therapists = therapists;
        this.roles = roles;
        this.practices = practices;
        this.events = events;
        this.clock = clock;
    }

    /** One entry of a supervisee's supervision history. */
    public record SupervisionRecord(MemberId supervisorId, MemberId superviseeId, Instant startedAt, Instant endedAt) {}

    // ---- questions other modules ask --------------------------------------------------------------

    /** The member's current supervisors, longest-standing first; none while supervision is off. */
    public List<MemberId> currentSupervisors(PracticeId practice, MemberId supervisee) {
        return jdbc.sql("""
                select sv.supervisor_id from supervision sv
                join practice p on p.id = sv.practice_id and p.supervision_enabled
                where sv.practice_id = ? and sv.supervisee_id = ? and sv.ended_at is null
                order by sv.started_at, sv.supervisor_id""").params(practice.value(), supervisee.value()).query(UUID.class).list().stream()
                .map(MemberId::new)
                .toList();
    }

    public boolean isSupervised(PracticeId practice, MemberId member) {
        return !currentSupervisors(practice, member).isEmpty();
    }

    /** Whether {@code supervisor} currently supervises {@code supervisee} (supervision on). */
    public boolean supervises(PracticeId practice, MemberId supervisor, MemberId supervisee) {
        return currentSupervisors(practice, supervisee).contains(supervisor);
    }

    // ---- changes ----------------------------------------------------------------------------------

    /** Assigns a supervisor to a supervisee; admins only. Refusals: {@link SupervisionPolicy}. */
    @Transactional
    public TherapistView assignSupervisor(Caller admin, MemberId supervisee, MemberId supervisor) {
        admin.requireAdmin();
        PracticeId practice = admin.practiceId();
        lockPractice(practice);
        TherapistView superviseeView = therapists.view(practice, supervisee);
        TherapistView supervisorView;
        try {
            supervisorView = therapists.view(practice, supervisor);
        } catch (app.caseload.shared.CaseloadException e) {
            throw SupervisionProblems.unknownSupervisor();
        }
        SupervisionPolicy.check(
                practices.supervisionEnabled(practice),
                superviseeView.id(),
                supervisorView.id(),
                roles.rules(practice, supervisorView.roleId()).canSupervise(),
                new HashSet<>(currentSupervisors(practice, supervisee)),
                transitiveSupervisors(practice, supervisor));
        jdbc.sql("""
                insert into supervision (practice_id, id, supervisee_id, supervisor_id, started_at, started_by)
                values (?, ?, ?, ?, ?, ?)""")
                .params(
                        practice.value(),
                        UUID.randomUUID(),
                        supervisee.value(),
                        supervisor.value(),
                        Timestamps.of(clock.instant()),
                        admin.memberId().value())
                .update();
        events.publishEvent(new SupervisorAssigned(practice, supervisee, supervisor, admin.memberId()));
        return therapists.profile(admin, supervisee);
    }

    /**
     * The members the supervisee may be given as a supervisor right now: {@link SupervisionPolicy}
     * asked for each of them, so a picker offers exactly what {@link #assignSupervisor} accepts.
     */
    public List<TherapistView> candidateSupervisors(
            Caller admin, MemberId supervisee, Collection<TherapistView> members) {
        admin.requireAdmin();
        PracticeId practice = admin.practiceId();
        boolean enabled = practices.supervisionEnabled(practice);
        Set<MemberId> current = new HashSet<>(currentSupervisors(practice, supervisee));
        Set<app.caseload.shared.RoleId> supervisingRoles = new HashSet<>();
        roles.list(practice).stream()
                .filter(app.caseload.roles.RoleView::canSupervise)
                .forEach(role -> supervisingRoles.add(role.id()));
        List<TherapistView> candidates = new ArrayList<>();
        for (TherapistView member : members) {
            try {
                SupervisionPolicy.check(
                        enabled,
                        supervisee,
                        member.id(),
                        supervisingRoles.contains(member.roleId()),
                        current,
                        transitiveSupervisors(practice, member.id()));
                candidates.add(member);
            } catch (app.caseload.shared.CaseloadException refused) {
                // not a candidate: the refusal says why, the picker just leaves them out
            }
        }
        return candidates;
    }

    /** Ends a current supervision (kept as history); the supervisor's access ends at once. */
    @Transactional
    public void endSupervision(Caller admin, MemberId supervisee, MemberId supervisor) {
        admin.requireAdmin();
        PracticeId practice = admin.practiceId();
        lockPractice(practice);
        int ended = jdbc.sql("""
                update supervision set ended_at = ?, ended_by = ?
                where practice_id = ? and supervisee_id = ? and supervisor_id = ? and ended_at is null""")
                .params(
                        Timestamps.of(clock.instant()),
                        admin.memberId().value(),
                        practice.value(),
                        supervisee.value(),
                        supervisor.value())
                .update();
        if (ended == 0) {
            throw SupervisionProblems.noSuchSupervision();
        }
        events.publishEvent(new SupervisionEnded(practice, supervisee, supervisor, admin.memberId()));
    }

    /** A member who leaves the practice stops supervising and being supervised, in the same transaction. */
    @EventListener
    void onMemberRemoved(MemberRemoved removed) {
        List<SupervisionRecord> current = jdbc.sql("""
                update supervision set ended_at = ?, ended_by = ?
                where practice_id = ? and (supervisee_id = ? or supervisor_id = ?) and ended_at is null
                returning supervisor_id, supervisee_id, started_at, ended_at""")
                .params(
                        Timestamps.of(clock.instant()),
                        removed.by() == null ? null : removed.by().value(),
                        removed.practiceId().value(),
                        removed.memberId().value(),
                        removed.memberId().value())
                .query((rs, n) -> new SupervisionRecord(
                        new MemberId(rs.getObject("supervisor_id", UUID.class)),
                        new MemberId(rs.getObject("supervisee_id", UUID.class)),
                        rs.getTimestamp("started_at").toInstant(),
                        rs.getTimestamp("ended_at").toInstant()))
                .list();
        current.forEach(s -> events.publishEvent(
                new SupervisionEnded(removed.practiceId(), s.superviseeId(), s.supervisorId(), removed.by())));
    }

    // ---- reading ----------------------------------------------------------------------------------

    /** The caller's current supervisees (none while supervision is off or the caller is not Active). */
    public List<TherapistView> supervisees(Caller caller) {
        if (caller.status() != app.caseload.shared.MemberStatus.ACTIVE) {
            return List.of();
        }
        List<MemberId> ids = jdbc
                .sql("""
                select sv.supervisee_id from supervision sv
                join practice p on p.id = sv.practice_id and p.supervision_enabled
                join member m on m.practice_id = sv.practice_id and m.id = sv.supervisee_id and m.removed_at is null
                join account a on a.id = m.account_id
                where sv.practice_id = ? and sv.supervisor_id = ? and sv.ended_at is null
                order by lower(a.full_name), sv.supervisee_id""")
                .params(caller.practiceId().value(), caller.memberId().value())
                .query(UUID.class)
                .list()
                .stream()
                .map(MemberId::new)
                .toList();
        List<TherapistView> views = new ArrayList<>();
        for (MemberId id : ids) {
            views.add(therapists.profile(caller, id));
        }
        return views;
    }

    /**
     * A supervisee's history, current and ended; visible to admins, the supervisee and their
     * current supervisors, 404 to anyone else.
     */
    public List<SupervisionRecord> history(Caller caller, MemberId supervisee) {
        therapists.view(caller.practiceId(), supervisee);
        boolean allowed = caller.isAdmin()
                || caller.memberId().equals(supervisee)
                || (caller.status() == app.caseload.shared.MemberStatus.ACTIVE
                        && supervises(caller.practiceId(), caller.memberId(), supervisee));
        if (!allowed) {
            throw TherapistProblems.notFound();
        }
        return jdbc.sql("""
                select supervisor_id, supervisee_id, started_at, ended_at from supervision
                where practice_id = ? and supervisee_id = ? order by started_at desc, id desc""")
                .params(caller.practiceId().value(), supervisee.value())
                .query((rs, n) -> new SupervisionRecord(
                        new MemberId(rs.getObject("supervisor_id", UUID.class)),
                        new MemberId(rs.getObject("supervisee_id", UUID.class)),
                        rs.getTimestamp("started_at").toInstant(),
                        Optional.ofNullable(rs.getTimestamp("ended_at"))
                                .map(Timestamp::toInstant)
                                .orElse(null)))
                .list();
    }

    // ---- what the roster shows and what role changes must not break -------------------------------

    @Override
    public Map<MemberId, List<MemberId>> supervisorsOf(PracticeId practice, Collection<MemberId> members) {
        Map<MemberId, List<MemberId>> result = new LinkedHashMap<>();
        if (members.isEmpty()) {
            return result;
        }
        jdbc.sql("""
                select sv.supervisee_id, sv.supervisor_id from supervision sv
                join practice p on p.id = sv.practice_id and p.supervision_enabled
                where sv.practice_id = :practice and sv.supervisee_id in (:members) and sv.ended_at is null
                order by sv.started_at, sv.supervisor_id""")
                .param("practice", practice.value())
                .param("members", members.stream().map(MemberId::value).toList())
                .query((rs, n) -> result.computeIfAbsent(
                                new MemberId(rs.getObject("supervisee_id", UUID.class)), k -> new ArrayList<>())
                        .add(new MemberId(rs.getObject("supervisor_id", UUID.class))))
                .list();
        return result;
    }

    /** Everyone above the member in the current supervision graph (setting ignored: cycles never). */
    private Set<MemberId> transitiveSupervisors(PracticeId practice, MemberId member) {
        return new HashSet<>(
                jdbc
                        .sql("""
                with recursive above(id) as (
                    select supervisor_id from supervision
                    where practice_id = :practice and supervisee_id = :member and ended_at is null
                    union
                    select sv.supervisor_id from supervision sv join above on sv.supervisee_id = above.id
                    where sv.practice_id = :practice and sv.ended_at is null)
                select id from above""")
                        .param("practice", practice.value())
                        .param("member", member.value())
                        .query(UUID.class)
                        .list()
                        .stream()
                        .map(MemberId::new)
                        .toList());
    }

    /** Serialises supervision changes with team changes of the practice (cycles, role changes). */
    private void lockPractice(PracticeId practice) {
        jdbc.sql("select id from practice where id = ? for update")
                .param(practice.value())
                .query(UUID.class)
                .single();
    }
}
