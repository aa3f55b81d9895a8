package app.caseload.clients;

import app.caseload.roles.Feature;
import app.caseload.roles.Roles;
import app.caseload.shared.Caller;
import app.caseload.shared.CaseloadException;
import app.caseload.shared.ClientId;
import app.caseload.shared.Cursor;
import app.caseload.shared.MemberId;
import app.caseload.shared.MemberStatus;
import app.caseload.shared.PracticeId;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Who sees which client (SPEC §5), asked of one relation and decided nowhere else.
 *
 * <p>The {@code caseload} table holds, per practice, which member holds which client and how
 * (DIRECT, PRIMARY, WALK_IN, RENDERED); the database keeps it in step with clients and sessions in
 * the same statement as every change (migration V23). What a caller may reach is their <em>lens</em>
 * over that relation:
 *
 * <ul>
 *   <li>Admin (Active): every client of the practice.
 *   <li>Otherwise the lens is the caller (Active or On Hold), plus their current supervisees when the
 *       caller is Active and the practice has supervision on. The caller sees every client someone in
 *       the lens holds as DIRECT, PRIMARY or WALK_IN; with {@code clients.view_practice} (Active),
 *       also every practice client.
 *   <li>Sessions: those of a visible client, and the non-cancelled sessions someone in the lens
 *       rendered (RENDERED rows: the renderer and their supervisors finish, sign and co-sign notes
 *       after a client moved, without seeing the rest of the record).
 *   <li>On Hold: their own caseload only. Inactive or removed: nothing.
 * </ul>
 *
 * Every path that reads client data appends a predicate built here; a client outside it does not
 * exist for the caller (404, never counted). The lens is read in the same statement as the data, so
 * any change of supervision, setting or membership takes effect on the next request.
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

    /** What a viewer may reach, before the database fills in supervisees and the relation. */
    public record Scope(boolean nothing, boolean wholePractice, boolean viaSupervisees, boolean allPracticeClients) {

        static final Scope NOTHING = new Scope(true, false, false, false);
        static final Scope WHOLE_PRACTICE = new Scope(false, true, false, false);
        static final Scope OWN_CASELOAD = new Scope(false, false, false, false);
    }

    /** A piece of SQL and its named parameters (all prefixed {@code vis_}). */
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
                && roles.rules(caller.practiceId(), caller.roleId()).allows(Feature.CLIENTS_VIEW_PRACTICE);
        return new Viewer(caller.practiceId(), caller.memberId(), caller.status(), caller.isAdmin(), viewPractice);
    }

    // ---- the SQL pieces ---------------------------------------------------------------------------

    /** The caller must still be a current, not Inactive member: checked in the same statement. */
    private static final String CURRENT = """
            exists (select 1 from member vis_me where vis_me.practice_id = :vis_practice
                    and vis_me.id = :vis_member and vis_me.removed_at is null and vis_me.status <> 'INACTIVE')""";

    /** The lens as an array: the member, and for a supervisor their current supervisees. */
    static String lens(Scope scope) {
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
        return "array(" + lens + ")";
    }

    /**
     * The clients held in full (not RENDERED) by someone in the lens, as an array: an InitPlan
     * evaluated once per statement from the relation's primary key, so the client scans that use
     * it are index lookups.
     */
    private static String heldClients(Scope scope) {
        return """
                array(select vis_k.client_id from caseload vis_k
                      where vis_k.practice_id = :vis_practice and vis_k.member_id = any(%s)
                        and vis_k.category <> 'RENDERED')""".formatted(lens(scope));
    }

    /**
     * The relation's categories of a client's assigned therapist, as an SQL list: DIRECT for a direct
     * client, PRIMARY for a practice client (SPEC §2b). Every row of these is its client's therapist's, and
     * every client has exactly one: "the clients assigned to X" is X's rows of these categories.
     */
    static final String ASSIGNED_CATEGORIES = "('DIRECT', 'PRIMARY')";

    /**
     * The clients assigned to any of the given members (an SQL {@code uuid[]}), as a condition over the
     * client alias: the row's own therapist, reached through the relation, whose DIRECT and PRIMARY rows
     * are exactly the assigned therapist's. The client table has no index on its therapist (V46), so that
     * a move of clients writes no index entry of theirs. An EXISTS, which PostgreSQL turns into a join it
     * may drive from the relation's (member, name) index.
     */
    public static String assignedTo(String client, String members) {
        return client + ".therapist_id = any(" + members + ") and exists (select 1 from caseload asg_k"
                + " where asg_k.practice_id = " + client + ".practice_id and asg_k.client_id = " + client + ".id"
                + " and asg_k.member_id = any(" + members + ") and asg_k.category in " + ASSIGNED_CATEGORIES + ")";
    }

    /** What {@code clients.view_practice} adds to a lens: every practice client (never a direct one). */
    private static String practiceClient(String client) {
        return client + ".kind = 'PRACTICE'";
    }

    private static Map<String, Object> params(Viewer viewer) {
        return Map.of(
                "vis_practice",
                viewer.practice().value(),
                "vis_member",
                viewer.member().value());
    }

    /** The clients the caller sees: a predicate over the client table aliased {@code client}. */
    public Predicate clientPredicate(Caller caller, String client) {
        return clientPredicate(viewerOf(caller), client);
    }

    static Predicate clientPredicate(Viewer viewer, String client) {
        Scope scope = scopeOf(viewer);
        if (scope.nothing()) {
            return new Predicate("false", params(viewer));
        }
        String sql = client + ".practice_id = :vis_practice and " + CURRENT;
        if (!scope.wholePractice()) {
            String held = client + ".id = any(" + heldClients(scope) + ")";
            sql += scope.allPracticeClients()
                    ? " and (" + practiceClient(client) + " or " + held + ")"
                    : " and " + held;
        }
        return new Predicate(sql, params(viewer));
    }

    /**
     * One keyset page of a name-ordered client list: the page's own conditions over the client alias
     * (filters, with their parameters), the position after which it starts, its size, whether the
     * names run Z–A, and the therapist the list is filtered by (null for none; the conditions check it
     * too, this says which index range can serve the page).
     */
    public record NamePage(
            String conditions,
            Map<String, Object> params,
            Cursor after,
            int limit,
            boolean descending,
            UUID assignedTo) {

        /** The keyset comparison and the sort direction of this page's order. */
        String after(String row, String position) {
            return row + (descending ? " < " : " > ") + position;
        }

        String direction() {
            return descending ? " desc" : "";
        }
    }

    /**
     * The clients the caller sees, narrowed for one name-ordered page: the same set as {@link
     * #clientPredicate} wherever the page can reach.
     *
     * <p>Scoped to a lens (a therapist, a supervisor, an On Hold member), the relation is read in
     * name order: each lens member's first {@code limit} clients after the position that meet the
     * page's conditions are the first rows of an index range on (member, sort name), and the page
     * is the first {@code limit} of their union (Z–A: the same ranges read backwards). That is a few
     * short index ranges however large the caseloads, where the plain predicate fetches and sorts every
     * client the lens holds. The whole practice (admins) and {@code clients.view_practice} are served by
     * the client table's own name index, so they get the plain predicate, unless the list is filtered by
     * a therapist: then the page is that therapist's range of the relation ({@link #assignedPage}).
     */
    public Predicate pagePredicate(Caller caller, String client, NamePage page) {
        return pagePredicate(viewerOf(caller), client, page);
    }

    static Predicate pagePredicate(Viewer viewer, String client, NamePage page) {
        Scope scope = scopeOf(viewer);
        Predicate plain = clientPredicate(viewer, client);
        if (scope.nothing()) {
            return plain;
        }
        if (scope.wholePractice() || scope.allPracticeClients()) {
            return page.assignedTo() == null ? plain : assignedPage(plain, client, page);
        }
        Map<String, Object> params = new LinkedHashMap<>(plain.params());
        params.putAll(page.params());
        params.put("vis_limit", page.limit());
        String keyset = keyset(page, params);
        // The page's conditions name the client alias; inside, that alias is the held client's row.
        String conditions = page.conditions().isBlank()
                ? ""
                : " join client %1$s on %1$s.practice_id = vis_k.practice_id and %1$s.id = vis_k.client_id"
                        .formatted(client);
        String where = page.conditions().isBlank() ? "" : " and " + page.conditions();
        // Each member's first rows, then the first of their union: only the page's own clients are
        // fetched from the client table (a supervisor's six ranges of 51 become 51 lookups, not 306).
        String dir = page.direction();
        String sql = client + ".practice_id = :vis_practice and " + CURRENT + " and " + client + ".id = any(array("
                + "select vis_page.client_id from (select distinct vis_first.sort_name, vis_first.client_id"
                + " from unnest(" + lens(scope) + ") vis_m(member_id)"
                + " cross join lateral (select vis_k.sort_name, vis_k.client_id from caseload vis_k" + conditions
                + " where vis_k.practice_id = :vis_practice and vis_k.member_id = vis_m.member_id"
                + " and vis_k.category <> 'RENDERED'" + keyset + where
                + " order by vis_k.sort_name" + dir + ", vis_k.client_id" + dir + " limit :vis_limit) vis_first"
                + " order by vis_first.sort_name" + dir + ", vis_first.client_id" + dir
                + " limit :vis_limit) vis_page))";
        return new Predicate(sql, params);
    }

    /**
     * A page of the clients assigned to one therapist (the list's therapist filter), for a caller who
     * sees the whole practice or all its practice clients: the therapist's DIRECT and PRIMARY rows of
     * the relation, which are exactly the clients assigned to them, read in name order as a lens
     * member's are, with the caller's visibility and the page's conditions applied inside the page. The
     * client table has no index on its therapist (V46), so that moving clients writes no index entry.
     */
    private static Predicate assignedPage(Predicate plain, String client, NamePage page) {
        Map<String, Object> params = new LinkedHashMap<>(plain.params());
        params.putAll(page.params());
        params.put("vis_limit", page.limit());
        params.put("vis_assigned", page.assignedTo());
        String keyset = keyset(page, params);
        String conditions = page.conditions().isBlank() ? "" : " and " + page.conditions();
        String dir = page.direction();
        // Inside, the client alias is the assigned client's row (as in a lens's page), and the caller's
        // visibility is decided there, once; outside, as for a lens's page, only the practice and the caller.
        String sql = client + ".practice_id = :vis_practice and " + CURRENT + " and " + client + ".id = any(array("
                + "select vis_k.client_id from caseload vis_k"
                + " join client %1$s on %1$s.practice_id = vis_k.practice_id and %1$s.id = vis_k.client_id"
                        .formatted(client)
                + " where vis_k.practice_id = :vis_practice and vis_k.member_id = :vis_assigned"
                + " and vis_k.category in " + ASSIGNED_CATEGORIES + keyset + " and " + plain.sql() + conditions
                + " order by vis_k.sort_name" + dir + ", vis_k.client_id" + dir + " limit :vis_limit))";
        return new Predicate(sql, params);
    }

    /** The page's keyset position over the relation's sort key, its parameters added to {@code params}. */
    private static String keyset(NamePage page, Map<String, Object> params) {
        if (page.after() == null) {
            return "";
        }
        params.put("vis_after_name", page.after().key());
        params.put("vis_after_id", page.after().id());
        return " and " + page.after("(vis_k.sort_name, vis_k.client_id)", "(:vis_after_name, :vis_after_id)");
    }

    /**
     * The sessions the caller sees: those of a client they see, and the non-cancelled sessions
     * someone in their lens rendered. A predicate over the session table aliased {@code session}
     * alone: a statement needs no join to the client table for it (a supervisor's pending notes
     * would otherwise look up the client of every pending session before the page is cut).
     */
    public Predicate sessionPredicate(Caller caller, String session) {
        Viewer viewer = viewerOf(caller);
        Scope scope = scopeOf(viewer);
        if (scope.nothing()) {
            return new Predicate("false", params(viewer));
        }
        String sql = session + ".practice_id = :vis_practice and " + CURRENT;
        if (scope.wholePractice()) {
            return new Predicate(sql, params(viewer));
        }
        String ofPracticeClient = " or exists (select 1 from client vis_c where vis_c.practice_id = " + session
                + ".practice_id and vis_c.id = " + session + ".client_id and " + practiceClient("vis_c") + ")";
        sql += " and (" + session + ".client_id = any(" + heldClients(scope) + ")"
                + (scope.allPracticeClients() ? ofPracticeClient : "")
                + " or (" + session + ".therapist_id = any(" + lens(scope) + ") and "
                + session + ".status <> 'CANCELLED'))";
        return new Predicate(sql, params(viewer));
    }

    // ---- questions ----------------------------------------------------------------------------------

    /** Whether the caller may see the client's record. */
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
     * Whether the caller may change the client's details and status (SPEC §4): Active admins, and
     * an Active member whose lens holds the client as DIRECT or PRIMARY (its therapist, or a current
     * supervisor of its therapist). Seeing a client through a walk-in or {@code
     * clients.view_practice} is read access only.
     */
    public boolean mayChangeDetails(Caller caller, ClientId client) {
        Viewer viewer = viewerOf(caller);
        if (viewer.status() != MemberStatus.ACTIVE) {
            return false;
        }
        if (scopeOf(viewer).wholePractice()) {
            return true;
        }
        return jdbc.sql("""
                        select exists (select 1 from caseload k
                                       where k.practice_id = :vis_practice and k.client_id = :vis_client
                                         and k.member_id = any(%s) and k.category in %s)
                               and %s""".formatted(lens(scopeOf(viewer)), ASSIGNED_CATEGORIES, CURRENT))
                .params(params(viewer))
                .param("vis_client", client.value())
                .query(Boolean.class)
                .single();
    }

    /**
     * Whether the caller may open a therapist's caseload, session history and numbers: Active
     * admins, and callers whose lens holds the therapist (the member themself; their current
     * supervisors while Active and supervision is on).
     */
    public boolean mayViewCaseloadOf(Caller caller, MemberId therapist) {
        return caseloadsOpenTo(caller, List.of(therapist)).contains(therapist);
    }

    /** Those of the given therapists whose caseload the caller may open (see {@link #mayViewCaseloadOf}). */
    public Set<MemberId> caseloadsOpenTo(Caller caller, Collection<MemberId> therapists) {
        Viewer viewer = viewerOf(caller);
        Scope scope = scopeOf(viewer);
        if (scope.nothing() || therapists.isEmpty()) {
            return Set.of();
        }
        String open = scope.wholePractice() ? "true" : "t.id = any(" + lens(scope) + ")";
        return jdbc
                .sql("select t.id from member t where t.practice_id = :vis_practice and t.id in (:therapists)"
                        + " and t.removed_at is null and " + open + " and " + CURRENT)
                .params(params(viewer))
                .param("therapists", therapists.stream().map(MemberId::value).toList())
                .query(UUID.class)
                .list()
                .stream()
                .map(MemberId::new)
                .collect(Collectors.toSet());
    }

    /**
     * Whether the caller sees the practice's own numbers (SPEC §3): Active admins and Active members
     * whose role has {@code reports.view}. Everyone else sees only their own.
     */
    public boolean mayViewPracticeNumbers(Caller caller) {
        return caller.isAdmin()
                || (caller.status() == MemberStatus.ACTIVE
                        && roles.rules(caller.practiceId(), caller.roleId()).allows(Feature.REPORTS_VIEW));
    }

    /**
     * Whether the caller may export client data (SPEC §3): admins, and Active members whose role has
     * {@code clients.export}; what they export is still only what they see.
     */
    public boolean mayExport(Caller caller) {
        return caller.isAdmin()
                || (caller.status() == MemberStatus.ACTIVE
                        && roles.rules(caller.practiceId(), caller.roleId()).allows(Feature.CLIENTS_EXPORT));
    }

    /** 403 unless {@link #mayExport}. */
    public void requireExport(Caller caller) {
        if (!mayExport(caller)) {
            throw CaseloadException.forbidden("Only admins and roles with clients.export may export client data.");
        }
    }
}
