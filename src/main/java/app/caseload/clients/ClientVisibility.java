package app.caseload.clients;

import app.caseload.roles.Feature;
import app.caseload.roles.Roles;
import app.caseload.shared.Caller;
import app.caseload.shared.CaseloadException;
import app.caseload.shared.ClientId;
import app.caseload.shared.MemberId;
import app.caseload.shared.MemberStatus;
import app.caseload.shared.PracticeId;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Who sees which client (SPEC §5), decided here and nowhere else. Every query that reads client
 * data (lists, detail, caseloads, sessions, notes, risk, assignments, metrics, claims) appends the
 * SQL predicate built here; a client outside it does not exist for the caller (404, never counted).
 *
 * <ul>
 *   <li>Admin (Active): every client of the practice.
 *   <li>Therapist, Active or On Hold: direct clients assigned to them, practice clients where they
 *       are primary, practice clients they have a non-cancelled session with (walk-ins).
 *   <li>Supervisor, Active, while the practice has supervision on: the same three groups for each
 *       current supervisee.
 *   <li>Feature {@code clients.view_practice}, Active: every practice client (never others' direct
 *       clients).
 *   <li>On Hold: their own caseload only. Inactive or removed: nothing.
 * </ul>
 *
 * The predicate reads supervision, the setting and the caller's membership in the same statement,
 * so any change takes effect on the next request.
 */
@Service
public class ClientVisibility {

    private final JdbcClient jdbc;
    private final Roles roles;

    ClientVisibility(JdbcClient jdbc, Roles roles) {
        this.jdbc = jdbc;
        this.roles = roles;
    }

    /** The facts about a caller the policy decides on. */
    public record Viewer(
            PracticeId practice, MemberId member, MemberStatus status, boolean admin, boolean viewPractice) {}

    /** What a viewer may see, before the database fills in supervisees and sessions. */
    public record Scope(boolean nothing, boolean wholePractice, boolean viaSupervisees, boolean allPracticeClients) {

        static final Scope NOTHING = new Scope(true, false, false, false);
        static final Scope WHOLE_PRACTICE = new Scope(false, true, false, false);
        static final Scope OWN_CASELOAD = new Scope(false, false, false, false);
    }

    /** A piece of SQL over a client row and its named parameters (all prefixed {@code vis_}). */
    public record Predicate(String sql, Map<String, Object> params) {}

    /** The policy itself, without Spring or a database. */
    public static Scope scopeOf(Viewer viewer) {
        return switch (viewer.status()) {
            case INACTIVE -> Scope.NOTHING;
            case ON_HOLD -> Scope.OWN_CASELOAD;
            case ACTIVE -> viewer.admin() ? Scope.WHOLE_PRACTICE : new Scope(false, false, true, viewer.viewPractice());
        };
    }

    public Viewer viewerOf(Caller caller) {
        boolean viewPractice = caller.status() == MemberStatus.ACTIVE
                && roles.get(caller.practiceId(), caller.roleId()).allows(Feature.CLIENTS_VIEW_PRACTICE);
        return new Viewer(caller.practiceId(), caller.memberId(), caller.status(), caller.isAdmin(), viewPractice);
    }

    /** The predicate over the client table aliased {@code alias} for this caller. */
    public Predicate clientPredicate(Caller caller, String alias) {
        return predicate(viewerOf(caller), alias);
    }

    static Predicate predicate(Viewer viewer, String alias) {
        Scope scope = scopeOf(viewer);
        Map<String, Object> params = Map.of(
                "vis_practice",
                viewer.practice().value(),
                "vis_member",
                viewer.member().value());
        if (scope.nothing()) {
            return new Predicate("false", params);
        }
        // The caller must still be a current, not Inactive member: checked in the same statement.
        String current = """
                exists (select 1 from member vis_me where vis_me.practice_id = :vis_practice
                        and vis_me.id = :vis_member and vis_me.removed_at is null and vis_me.status <> 'INACTIVE')""";
        if (scope.wholePractice()) {
            return new Predicate(alias + ".practice_id = :vis_practice and " + current, params);
        }
        String lens = "select cast(:vis_member as uuid)";
        if (scope.viaSupervisees()) {
            lens += """
                     union all
                    select vis_sv.supervisee_id from supervision vis_sv
                    join practice vis_p on vis_p.id = vis_sv.practice_id and vis_p.supervision_enabled
                    join member vis_se on vis_se.practice_id = vis_sv.practice_id and vis_se.id = vis_sv.supervisee_id
                                      and vis_se.removed_at is null
                    where vis_sv.practice_id = :vis_practice and vis_sv.supervisor_id = :vis_member
                      and vis_sv.ended_at is null""";
        }
        // Arrays, not IN (subquery): each becomes an InitPlan evaluated once, and the scans below
        // become index lookups (= ANY) instead of hash joins over the whole practice.
        String ids = """
                array(select vis_c.id from client vis_c
                      where vis_c.practice_id = :vis_practice and vis_c.therapist_id = any(array(%1$s))
                      union
                      select vis_s.client_id from session vis_s
                      join client vis_w on vis_w.practice_id = vis_s.practice_id and vis_w.id = vis_s.client_id
                                       and vis_w.kind = 'PRACTICE'
                      where vis_s.practice_id = :vis_practice and vis_s.therapist_id = any(array(%1$s))
                        and vis_s.status <> 'CANCELLED')""".formatted(lens);
        String own = alias + ".id = any(" + ids + ")";
        String visible = scope.allPracticeClients() ? "(" + alias + ".kind = 'PRACTICE' or " + own + ")" : own;
        return new Predicate(alias + ".practice_id = :vis_practice and " + current + " and " + visible, params);
    }

    /** Whether the caller may see the client. */
    public boolean canSee(Caller caller, ClientId client) {
        Predicate visible = clientPredicate(caller, "c");
        return jdbc.sql("select exists (select 1 from client c where c.id = :vis_client and " + visible.sql() + ")")
                .params(visible.params())
                .param("vis_client", client.value())
                .query(Boolean.class)
                .single();
    }

    /** 404 unless the caller may see the client: an invisible client does not exist for them. */
    public void requireVisible(Caller caller, ClientId client) {
        if (!canSee(caller, client)) {
            throw notFound();
        }
    }

    public static CaseloadException notFound() {
        return CaseloadException.notFound("This client");
    }

    /**
     * Whether the caller may open a therapist's caseload and session history: admins, the member
     * themself, and their current supervisors while supervision is on (SPEC §9, API.md).
     */
    public boolean mayViewCaseloadOf(Caller caller, MemberId therapist) {
        Scope scope = scopeOf(viewerOf(caller));
        if (scope.nothing()) {
            return false;
        }
        return jdbc.sql("""
                select exists (
                    select 1 from member t
                    join member me on me.practice_id = t.practice_id and me.id = :me
                                  and me.removed_at is null and me.status <> 'INACTIVE'
                    where t.practice_id = :practice and t.id = :therapist and t.removed_at is null
                      and (:wholePractice or t.id = me.id
                           or (:viaSupervisees and exists (
                                select 1 from supervision sv
                                join practice p on p.id = sv.practice_id and p.supervision_enabled
                                where sv.practice_id = t.practice_id and sv.supervisee_id = t.id
                                  and sv.supervisor_id = me.id and sv.ended_at is null))))""")
                .param("me", caller.memberId().value())
                .param("practice", caller.practiceId().value())
                .param("therapist", therapist.value())
                .param("wholePractice", scope.wholePractice())
                .param("viaSupervisees", scope.viaSupervisees())
                .query(Boolean.class)
                .single();
    }
}
