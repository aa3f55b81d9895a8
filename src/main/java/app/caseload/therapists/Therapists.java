package app.caseload.therapists;

import app.caseload.accounts.AuthTokens;
import app.caseload.accounts.MembershipDirectory;
import app.caseload.roles.Roles;
import app.caseload.shared.AccountId;
import app.caseload.shared.Caller;
import app.caseload.shared.CaseloadException;
import app.caseload.shared.Cursor;
import app.caseload.shared.MemberId;
import app.caseload.shared.MemberStatus;
import app.caseload.shared.Page;
import app.caseload.shared.PracticeId;
import app.caseload.shared.RoleId;
import app.caseload.therapists.TherapistEvents.MemberAdminChanged;
import app.caseload.therapists.TherapistEvents.MemberJoined;
import app.caseload.therapists.TherapistEvents.MemberRemoved;
import app.caseload.therapists.TherapistEvents.MemberRoleChanged;
import app.caseload.therapists.TherapistEvents.MemberStatusChanged;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The team of a practice: joining, the roster, status, role, admin rights and removal. */
@Service
public class Therapists implements MembershipDirectory {

    private static final String VIEW = """
            select m.id, m.account_id, a.full_name, a.email, m.status, m.admin, m.role_id, r.name as role_name,
                   m.joined_at
            from member m
            join account a on a.id = m.account_id
            join role r on r.practice_id = m.practice_id and r.id = m.role_id
            """;

    private final MemberRepository members;
    private final JdbcClient jdbc;
    private final Roles roles;
    private final AuthTokens tokens;
    private final List<CaseloadHandover> handovers;
    private final List<TeamInsights> insights;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Therapists(
            MemberRepository members,
            JdbcClient jdbc,
            Roles roles,
            @org.springframework.context.annotation.Lazy AuthTokens tokens,
            List<CaseloadHandover> handovers,
            List<TeamInsights> insights,
            ApplicationEventPublisher events,
            Clock clock) {
        this.members = members;
        this.jdbc = jdbc;
        this.roles = roles;
        this.tokens = tokens;
        this.handovers = handovers;
        this.insights = insights;
        this.events = events;
        this.clock = clock;
    }

    // ---- joining --------------------------------------------------------------------------------

    /**
     * Makes the account an Active member of the practice. Refused with 409 when the account
     * already belongs to a practice: one practice at a time, enforced by the database.
     */
    @Transactional
    public MemberId join(PracticeId practice, AccountId account, RoleId role, boolean admin) {
        roles.requireForAssignment(practice, role);
        Member member = Member.join(practice, account, role, admin, clock.instant());
        try {
            members.insert(member);
        } catch (DuplicateKeyException e) {
            throw TherapistProblems.memberOfAnotherPractice();
        }
        events.publishEvent(new MemberJoined(practice, member.id(), role, admin));
        return member.id();
    }

    /** Whether the email belongs to a current member of this practice. */
    public boolean isCurrentMember(PracticeId practice, String email) {
        return jdbc.sql("""
                select exists (select 1 from member m join account a on a.id = m.account_id
                               where m.practice_id = ? and lower(a.email) = lower(?) and m.removed_at is null)""")
                .params(practice.value(), email.trim())
                .query(Boolean.class)
                .single();
    }

    // ---- reading ----------------------------------------------------------------------------------

    @Override
    public Optional<Caller> currentMembership(AccountId account) {
        return members.findCurrent(account).map(Therapists::caller);
    }

    @Override
    public Optional<Caller> member(PracticeId practice, MemberId id) {
        return members.find(practice, id).filter(m -> m.removedAt() == null).map(Therapists::caller);
    }

    /** The roster, ordered by name, keyset-paged; removed members are not in it. */
    public Page<TherapistView> roster(Caller viewer, MemberStatus status, String cursor, int limit) {
        Cursor after = Cursor.decode(cursor);
        StringBuilder sql = new StringBuilder(VIEW).append(" where m.practice_id = :practice and m.removed_at is null");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("practice", viewer.practiceId().value());
        if (status != null) {
            sql.append(" and m.status = :status");
            params.put("status", status.name());
        }
        if (after != null) {
            sql.append(" and (lower(a.full_name), m.id) > (:afterName, :afterId)");
            params.put("afterName", after.key());
            params.put("afterId", after.id());
        }
        sql.append(" order by lower(a.full_name), m.id limit :limit");
        params.put("limit", limit + 1);
        List<TherapistView> rows = jdbc.sql(sql.toString())
                .params(params)
                .query(Therapists::mapView)
                .list();
        Page<TherapistView> page =
                Page.of(rows, limit, v -> Cursor.encode(v.fullName().toLowerCase(), v.id().value()));
        return new Page<>(enrich(viewer, page.items()), page.nextCursor());
    }

    /** One current member of the caller's practice; 404 otherwise. */
    public TherapistView profile(Caller viewer, MemberId id) {
        return enrich(viewer, List.of(view(viewer.practiceId(), id))).get(0);
    }

    /** A current member of the practice without viewer-specific numbers; 404 when there is none. */
    public TherapistView view(PracticeId practice, MemberId id) {
        return jdbc.sql(VIEW + " where m.practice_id = ? and m.id = ? and m.removed_at is null")
                .params(practice.value(), id.value())
                .query(Therapists::mapView)
                .optional()
                .orElseThrow(TherapistProblems::notFound);
    }

    /** A member who has been removed, by name: history (the audit trail) still names them. */
    public record FormerMember(MemberId id, String fullName) {}

    /** The practice's removed members, by name; admins only (the audit page's "Who" filter). */
    public List<FormerMember> formerMembers(Caller admin) {
        admin.requireAdmin();
        return jdbc.sql("select m.id, a.full_name from member m join account a on a.id = m.account_id"
                        + " where m.practice_id = ? and m.removed_at is not null order by lower(a.full_name), m.id")
                .param(admin.practiceId().value())
                .query((rs, n) -> new FormerMember(
                        new MemberId(rs.getObject("id", java.util.UUID.class)), rs.getString("full_name")))
                .list();
    }

    /** The name of a member, current or removed (history keeps who did what). */
    public String fullName(PracticeId practice, MemberId id) {
        return jdbc.sql("select a.full_name from member m join account a on a.id = m.account_id"
                        + " where m.practice_id = ? and m.id = ?")
                .params(practice.value(), id.value())
                .query(String.class)
                .optional()
                .orElseThrow(TherapistProblems::notFound);
    }

    private List<TherapistView> enrich(Caller viewer, List<TherapistView> views) {
        if (views.isEmpty()) {
            return views;
        }
        List<MemberId> ids = views.stream().map(TherapistView::id).toList();
        Map<MemberId, List<MemberId>> supervisors = new LinkedHashMap<>();
        Map<MemberId, TherapistMetrics> metrics = new LinkedHashMap<>();
        for (TeamInsights source : insights) {
            supervisors.putAll(source.supervisorsOf(viewer.practiceId(), ids));
            metrics.putAll(source.metricsOf(viewer, ids));
        }
        List<TherapistView> enriched = new ArrayList<>(views.size());
        for (TherapistView v : views) {
            List<MemberId> supervisorIds = supervisors.getOrDefault(v.id(), List.of());
            enriched.add(new TherapistView(
                    v.id(),
                    v.accountId(),
                    v.fullName(),
                    v.email(),
                    v.status(),
                    v.admin(),
                    v.roleId(),
                    v.roleName(),
                    supervisorIds,
                    v.joinedAt(),
                    // Absent for a viewer who may not open this member's caseload (SPEC §5): null.
                    metrics.get(v.id())));
        }
        return enriched;
    }

    // ---- changing -----------------------------------------------------------------------------------

    /** Active, On Hold or Inactive. Inactive ends every sign-in of the member at once. */
    @Transactional
    public TherapistView changeStatus(Caller admin, MemberId id, MemberStatus status) {
        admin.requireAdmin();
        Member member = lockForChange(admin.practiceId(), id);
        MemberStatus before = member.status();
        LastActiveAdminPolicy.check(
                members.activeAdmins(admin.practiceId()), id, member.admin() && status == MemberStatus.ACTIVE);
        member.changeStatus(status);
        members.update(member);
        if (!status.canSignIn()) {
            tokens.revokeAll(admin.practiceId(), id);
        }
        if (before != status) {
            events.publishEvent(new MemberStatusChanged(admin.practiceId(), id, before, status, admin.memberId()));
        }
        return profile(admin, id);
    }

    @Transactional
    public TherapistView changeRole(Caller admin, MemberId id, RoleId role) {
        admin.requireAdmin();
        Member member = lockForChange(admin.practiceId(), id);
        RoleId before = member.roleId();
        if (!before.equals(role)) {
            roles.checkMemberRoleChange(admin.practiceId(), id, before, role);
            member.changeRole(role);
            members.update(member);
            events.publishEvent(new MemberRoleChanged(admin.practiceId(), id, before, role, admin.memberId()));
        }
        return profile(admin, id);
    }

    @Transactional
    public TherapistView setAdmin(Caller admin, MemberId id, boolean grant) {
        admin.requireAdmin();
        Member member = lockForChange(admin.practiceId(), id);
        LastActiveAdminPolicy.check(
                members.activeAdmins(admin.practiceId()), id, grant && member.status() == MemberStatus.ACTIVE);
        if (member.admin() != grant) {
            member.setAdmin(grant);
            members.update(member);
            events.publishEvent(new MemberAdminChanged(admin.practiceId(), id, grant, admin.memberId()));
        }
        return profile(admin, id);
    }

    /**
     * Ends the membership for good; the history stays. Refused (409, listing what they hold) while
     * the member holds clients or future sessions, unless {@code reassignTo} names an Active
     * therapist: then hand-over and removal commit together.
     */
    @Transactional
    public void remove(Caller admin, MemberId id, MemberId reassignTo) {
        admin.requireAdmin();
        PracticeId practice = admin.practiceId();
        Member member = lockForChange(practice, id);
        LastActiveAdminPolicy.check(members.activeAdmins(practice), id, false);
        if (reassignTo != null) {
            if (reassignTo.equals(id)) {
                throw TherapistProblems.reassignToSelf();
            }
            Member target = members.find(practice, reassignTo)
                    .filter(m -> m.removedAt() == null)
                    .orElseThrow(TherapistProblems::unknownReassignTarget);
            if (target.status() != MemberStatus.ACTIVE) {
                throw TherapistProblems.reassignTargetNotActive();
            }
            handovers.forEach(h -> h.handOver(practice, id, reassignTo, admin.memberId()));
        }
        Map<String, List<?>> holdings = holdingsOf(practice, id, admin.memberId());
        if (holdings.values().stream().anyMatch(list -> !list.isEmpty())) {
            CaseloadException refusal = TherapistProblems.stillHoldsCaseload();
            holdings.forEach(refusal::with);
            throw refusal;
        }
        member.remove(clock.instant());
        members.update(member);
        tokens.revokeAll(practice, id);
        events.publishEvent(new MemberRemoved(practice, id, reassignTo, admin.memberId()));
    }

    /**
     * What a member still holds that removal would leave without a therapist ("clients",
     * "futureSessions", ...), for the removal page to say before anyone submits; admins only.
     */
    public Map<String, List<?>> holdings(Caller admin, MemberId id) {
        admin.requireAdmin();
        view(admin.practiceId(), id);
        return holdingsOf(admin.practiceId(), id, admin.memberId());
    }

    /** What every module says the member still holds, by kind; the one place removal asks. */
    private Map<String, List<?>> holdingsOf(PracticeId practice, MemberId id, MemberId viewer) {
        Map<String, List<?>> holdings = new LinkedHashMap<>();
        handovers.forEach(h -> holdings.putAll(h.holdings(practice, id, viewer)));
        return holdings;
    }

    /** Ends every sign-in (API tokens and web sessions) of a current member now; admins only. */
    @Transactional
    public void endSignIns(Caller admin, MemberId id) {
        admin.requireAdmin();
        view(admin.practiceId(), id);
        tokens.endAllSignIns(admin.practiceId(), id, admin.memberId());
    }

    private Member lockForChange(PracticeId practice, MemberId id) {
        members.lockTeam(practice);
        return members.find(practice, id).filter(m -> m.removedAt() == null).orElseThrow(TherapistProblems::notFound);
    }

    private static Caller caller(Member m) {
        return new Caller(m.accountId(), m.id(), m.practiceId(), m.roleId(), m.status(), m.admin());
    }

    private static TherapistView mapView(ResultSet rs, int row) throws SQLException {
        return new TherapistView(
                new MemberId(rs.getObject("id", UUID.class)),
                new AccountId(rs.getObject("account_id", UUID.class)),
                rs.getString("full_name"),
                rs.getString("email"),
                MemberStatus.valueOf(rs.getString("status")),
                rs.getBoolean("admin"),
                new RoleId(rs.getObject("role_id", UUID.class)),
                rs.getString("role_name"),
                List.of(),
                rs.getTimestamp("joined_at").toInstant(),
                null);
    }
}
