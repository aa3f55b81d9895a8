package app.caseload.clients;

import app.caseload.clients.ClientEvents.ClientDataRead;
import app.caseload.clients.ClientEvents.ClientRegistered;
import app.caseload.clients.ClientEvents.ClientStatusChanged;
import app.caseload.clients.ClientEvents.ClientUpdated;
import app.caseload.clients.ClientEvents.ClientsReassigned;
import app.caseload.clients.ClientEvents.RiskLevelChanged;
import app.caseload.clients.ClientVisibility.NamePage;
import app.caseload.clients.ClientVisibility.Predicate;
import app.caseload.roles.Feature;
import app.caseload.roles.Roles;
import app.caseload.shared.BulkWrites;
import app.caseload.shared.Caller;
import app.caseload.shared.CaseloadException;
import app.caseload.shared.ClientId;
import app.caseload.shared.Cursor;
import app.caseload.shared.MemberId;
import app.caseload.shared.MemberStatus;
import app.caseload.shared.Page;
import app.caseload.shared.PracticeId;
import app.caseload.shared.Timestamps;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The clients of a practice: registration, changes, reassignment, risk, and the read models of the
 * list, the detail and a therapist's caseload. Every read goes through {@link ClientVisibility}.
 */
@Service
public class Clients {

    /**
     * A client row {@code c} as the read models show it: its columns, its therapist's status and its
     * numbers as kept per client (V38), the numbers as one array {@code {completed sessions, pending
     * notes, last session in epoch microseconds}} (absent: none yet). Both are scalar lookups by key
     * rather than joins: a page is at most 51 rows, and a statement with no joins to order is planned
     * in about half the time (0.5 against 0.8 ms for a supervisor's list at 1M clients, where
     * planning was a third of the statement); one lookup for the three numbers, not three.
     */
    private static final String COLUMNS = """
            c.practice_id, c.id, c.full_name, c.date_of_birth, c.email, c.phone, c.kind, c.therapist_id, c.status,
            c.risk_level,
            (select t.status from member t where t.practice_id = c.practice_id and t.id = c.therapist_id)
                as therapist_status,
            (select array[n.sessions_count, n.pending_notes,
                          (extract(epoch from n.last_session_at) * 1000000)::bigint]
             from client_numbers n where n.practice_id = c.practice_id and n.client_id = c.id) as numbers""";

    private final JdbcClient jdbc;
    private final ClientVisibility visibility;
    private final Roles roles;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ClientIntake intake;
    private final ClientNumbers numbers;

    Clients(
            JdbcClient jdbc,
            ClientVisibility visibility,
            Roles roles,
            ApplicationEventPublisher events,
            Clock clock,
            ClientIntake intake,
            ClientNumbers numbers) {
        this.jdbc = jdbc;
        this.numbers = numbers;
        this.intake = intake;
        this.visibility = visibility;
        this.roles = roles;
        this.events = events;
        this.clock = clock;
    }

    /**
     * A client to register. Its constraints are checked by {@link ClientIntake} for every way in
     * (API, dashboard, CSV import), with the practice-local rules around them.
     */
    public record NewClient(
            @NotBlank @Size(max = 200) String fullName,
            @NotNull LocalDate dateOfBirth,
            @Email @Size(max = 320) String email,
            @Size(max = 50) String phone,
            @NotNull ClientKind kind,
            @NotNull MemberId therapistId) {}

    public record Changes(String fullName, String email, String phone, ClientStatus status) {}

    public record Filter(MemberId therapistId, ClientStatus status, RiskLevel riskLevel, ClientKind kind, String q) {

        public static final Filter NONE = new Filter(null, null, null, null, null);
    }

    public record Assignment(Instant at, MemberId byMemberId, MemberId fromTherapistId, MemberId toTherapistId) {}

    public record RiskEntry(Instant at, MemberId byMemberId, RiskLevel level, String note) {}

    public record CaseloadEntry(ClientView client, CaseloadCategory category) {}

    // ---- reading ----------------------------------------------------------------------------------

    /** The clients visible to the caller, filtered, by name A–Z, keyset-paged. */
    public Page<ClientView> list(Caller caller, Filter filter, String cursor, int limit) {
        return list(caller, filter, ClientOrder.NAME, cursor, limit);
    }

    /**
     * The clients visible to the caller, filtered, in the order asked for, keyset-paged. The cursor
     * carries its order: one issued for another order is a 400.
     */
    public Page<ClientView> list(Caller caller, Filter filter, ClientOrder order, String cursor, int limit) {
        Cursor after = Cursor.decode(cursor, order.param(), ClientOrder.NAME.param());
        Query query = listQuery(page -> visibility.pagePredicate(caller, "c", page), filter, order, after, limit);
        List<ClientView> rows = jdbc.sql(query.sql())
                .params(query.params())
                .query(Clients::mapView)
                .list();
        Page<ClientView> result = Page.of(
                rows, limit, v -> Cursor.encode(order.param(), v.fullName().toLowerCase(), v.id().value()));
        read(caller, "client.list", result.items().stream().map(ClientView::id).toList());
        return result;
    }

    /**
     * How many clients a list holds: {@code count} exactly, or, when {@code more}, more than {@code
     * count} (counting stopped there).
     */
    public record Total(long count, boolean more) {}

    /** How far a list's count goes before it says "more than": no page counts a whole big practice. */
    public static final int COUNT_UP_TO = 10_000;

    /**
     * How many of the clients visible to the caller match the filter. The whole practice's list of an
     * admin (unfiltered, or only Active clients) is read from the practice's kept numbers (V33, V39);
     * any other list is counted through the same visibility predicate as its pages, up to {@link
     * #COUNT_UP_TO}. A number, not client data: not recorded as a read.
     */
    public Total total(Caller caller, Filter filter) {
        Query conditions = conditions(filter);
        boolean byStatusAtMost = filter.therapistId() == null
                && filter.riskLevel() == null
                && filter.kind() == null
                && (filter.q() == null || filter.q().isBlank());
        if (byStatusAtMost
                && (filter.status() == null || filter.status() == ClientStatus.ACTIVE)
                && ClientVisibility.scopeOf(visibility.viewerOf(caller)).wholePractice()) {
            ClientNumbers.Kept kept = numbers.kept(caller.practiceId());
            return new Total(filter.status() == null ? kept.clients() : kept.activeClients(), false);
        }
        Predicate visible = visibility.clientPredicate(caller, "c");
        Map<String, Object> params = new LinkedHashMap<>(conditions.params());
        params.putAll(visible.params());
        params.put("upTo", COUNT_UP_TO + 1);
        String where = visible.sql() + (conditions.sql().isEmpty() ? "" : " and " + conditions.sql());
        long counted = jdbc.sql("select count(*) from (select 1 from client c where " + where + " limit :upTo) t")
                .params(params)
                .query(Long.class)
                .single();
        return counted > COUNT_UP_TO ? new Total(COUNT_UP_TO, true) : new Total(counted, false);
    }

    /** A statement and its named parameters. */
    record Query(String sql, Map<String, Object> params) {}

    /**
     * The list's SQL: a keyset page over the name order (A–Z or Z–A, the same indexes read either
     * way), then the numbers of that page only. The visibility predicate is asked for this page
     * ({@link ClientVisibility#pagePredicate}), so a lens reads only the first rows of its members'
     * name-ordered relation.
     */
    static Query listQuery(
            Function<NamePage, Predicate> visibleOnPage, Filter filter, ClientOrder order, Cursor after, int limit) {
        Query filtered = conditions(filter);
        Map<String, Object> params = new LinkedHashMap<>(filtered.params());
        NamePage namePage = new NamePage(
                filtered.sql(),
                params,
                after,
                limit + 1,
                order.descending(),
                filter.therapistId() == null ? null : filter.therapistId().value());
        Predicate visible = visibleOnPage.apply(namePage);
        StringBuilder where = new StringBuilder(visible.sql());
        params.putAll(visible.params());
        if (!filtered.sql().isEmpty()) {
            where.append(" and ").append(filtered.sql());
        }
        if (after != null) {
            where.append(" and ").append(namePage.after("(lower(c.full_name), c.id)", "(:afterName, :afterId)"));
            params.put("afterName", after.key());
            params.put("afterId", after.id());
        }
        String dir = namePage.direction();
        String page = "select " + COLUMNS + " from client c where " + where + " order by lower(c.full_name)" + dir
                + ", c.id" + dir + " limit :limit";
        params.put("limit", limit + 1);
        return new Query(page, params);
    }

    /** The list's filters as conditions over the client alias {@code c}, and their parameters. */
    static Query conditions(Filter filter) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        if (filter.therapistId() != null) {
            conditions.add("c.therapist_id = :therapist");
            params.put("therapist", filter.therapistId().value());
        }
        if (filter.status() != null) {
            conditions.add("c.status = :status");
            params.put("status", filter.status().name());
        }
        if (filter.riskLevel() != null) {
            conditions.add("c.risk_level = :risk");
            params.put("risk", filter.riskLevel().name());
        }
        if (filter.kind() != null) {
            conditions.add("c.kind = :kind");
            params.put("kind", filter.kind().name());
        }
        if (filter.q() != null && !filter.q().isBlank()) {
            conditions.add("lower(c.full_name) like :q escape '\\'");
            params.put("q", "%" + likeEscape(filter.q().trim().toLowerCase()) + "%");
        }
        return new Query(String.join(" and ", conditions), params);
    }

    /**
     * A therapist's caseload from the relation: the clients they hold as DIRECT, PRIMARY or WALK_IN
     * (never RENDERED), labelled, keyset-paged. The caller was checked to be allowed to open it.
     */
    static Query caseloadQuery(PracticeId practice, MemberId therapist, Cursor after, int limit) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("practice", practice.value());
        params.put("therapist", therapist.value());
        String keyset = "";
        if (after != null) {
            keyset = " and (k.sort_name, k.client_id) > (:afterName, :afterId)";
            params.put("afterName", after.key());
            params.put("afterId", after.id());
        }
        // The relation's own name order: the first rows of one index range (V32).
        String page = """
                select %s, k.category
                from caseload k
                join client c on c.practice_id = k.practice_id and c.id = k.client_id
                where k.practice_id = :practice and k.member_id = :therapist and k.category <> 'RENDERED'%s
                order by k.sort_name, k.client_id limit :limit""".formatted(COLUMNS, keyset);
        params.put("limit", limit + 1);
        return new Query(page, params);
    }

    /** One client; 404 unless the caller may see it. */
    public ClientView get(Caller caller, ClientId id) {
        ClientView view = find(caller, id).orElseThrow(ClientVisibility::notFound);
        read(caller, "client.detail", List.of(id));
        return view;
    }

    private Optional<ClientView> find(Caller caller, ClientId id) {
        Predicate visible = visibility.clientPredicate(caller, "c");
        String one = "select " + COLUMNS + " from client c where c.id = :id and " + visible.sql();
        return jdbc.sql(one)
                .params(visible.params())
                .param("id", id.value())
                .query(Clients::mapView)
                .optional();
    }

    /** The client as stored, for the answer to a change the caller was allowed to make. */
    private ClientView stored(PracticeId practice, ClientId id) {
        String one = "select " + COLUMNS + " from client c where c.practice_id = :practice and c.id = :id";
        return jdbc.sql(one)
                .param("practice", practice.value())
                .param("id", id.value())
                .query(Clients::mapView)
                .single();
    }

    /**
     * A therapist's caseload, each client labelled DIRECT, PRIMARY or WALK_IN: for admins, the
     * member and their supervisors; 404 for anyone else.
     */
    public Page<CaseloadEntry> caseload(Caller caller, MemberId therapist, String cursor, int limit) {
        if (!visibility.mayViewCaseloadOf(caller, therapist)) {
            throw CaseloadException.notFound("This therapist");
        }
        Query query = caseloadQuery(caller.practiceId(), therapist, Cursor.decode(cursor), limit);
        List<CaseloadEntry> rows = jdbc.sql(query.sql())
                .params(query.params())
                .query((rs, n) -> new CaseloadEntry(mapView(rs, n), CaseloadCategory.valueOf(rs.getString("category"))))
                .list();
        Page<CaseloadEntry> result = Page.of(
                rows,
                limit,
                e -> Cursor.encode(
                        e.client().fullName().toLowerCase(), e.client().id().value()));
        read(
                caller,
                "therapist.caseload",
                result.items().stream().map(e -> e.client().id()).toList());
        return result;
    }

    /**
     * The names of those of the given clients whose sessions the caller sees (others are left out),
     * for pages that list sessions by client: a rendered session shows its client's name (SPEC §5);
     * recorded as a list read.
     */
    public Map<ClientId, String> names(Caller caller, java.util.Collection<ClientId> ids) {
        Map<ClientId, String> names = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return names;
        }
        Predicate visible = visibility.sessionPredicate(caller, "s");
        // Every session of a visible client is visible too, so one condition covers both.
        jdbc.sql("select c.id, c.full_name from client c where c.id in (:ids) and exists (select 1 from session s"
                        + " where s.practice_id = c.practice_id and s.client_id = c.id and " + visible.sql() + ")")
                .params(visible.params())
                .param("ids", ids.stream().map(ClientId::value).distinct().toList())
                .query((rs, n) -> names.put(new ClientId(rs.getObject("id", UUID.class)), rs.getString("full_name")))
                .list();
        read(caller, "client.list", List.copyOf(names.keySet()));
        return names;
    }

    /** Every change of the client's assigned/primary therapist, newest first. */
    public List<Assignment> assignments(Caller caller, ClientId id) {
        visibility.requireVisible(caller, id);
        // The registration (and moves before V43) per client; every move since, one row listing its clients.
        List<Assignment> history = jdbc.sql("""
                select at, id, by_member_id, from_therapist_id, to_therapist_id from client_assignment
                where practice_id = :practice and client_id = :client
                union all
                select at, id, by_member_id, from_therapist_id, to_therapist_id from client_move
                where practice_id = :practice and client_ids @> array[cast(:client as uuid)]
                order by at desc, id desc""")
                .param("practice", caller.practiceId().value())
                .param("client", id.value())
                .query((rs, n) -> new Assignment(
                        rs.getTimestamp("at").toInstant(),
                        memberId(rs, "by_member_id"),
                        memberId(rs, "from_therapist_id"),
                        memberId(rs, "to_therapist_id")))
                .list();
        read(caller, "client.assignments", List.of(id));
        return history;
    }

    /** The client's risk level history, newest first. */
    public List<RiskEntry> riskHistory(Caller caller, ClientId id) {
        visibility.requireVisible(caller, id);
        List<RiskEntry> history = jdbc.sql("""
                select at, by_member_id, level, note from client_risk
                where practice_id = ? and client_id = ? order by at desc, id desc""")
                .params(caller.practiceId().value(), id.value())
                .query((rs, n) -> new RiskEntry(
                        rs.getTimestamp("at").toInstant(),
                        memberId(rs, "by_member_id"),
                        RiskLevel.valueOf(rs.getString("level")),
                        rs.getString("note")))
                .list();
        read(caller, "client.risk", List.of(id));
        return history;
    }

    // ---- changing ---------------------------------------------------------------------------------

    /**
     * Registers a client with its assigned (direct) or primary (practice) therapist, who must be an
     * Active member of the caller's practice. Non-admins need {@code clients.create}, and may name
     * only themself unless their role has {@code clients.reassign}.
     */
    @Transactional
    public ClientView register(Caller caller, NewClient client) {
        intake.requireMayRegister(caller);
        MemberStatus therapist = client.therapistId() == null
                ? null
                : lockTherapist(caller.practiceId(), client.therapistId()).orElse(null);
        List<ClientIntake.Problem> problems = intake.problems(
                client,
                intake.mayNameAnyTherapist(caller),
                caller.memberId(),
                therapist,
                intake.today(caller),
                java.util.Set.of());
        if (!problems.isEmpty()) {
            throw ClientIntake.refusal(problems);
        }
        ClientId id = ClientId.random();
        Instant now = clock.instant();
        jdbc.sql("""
                insert into client (practice_id, id, full_name, date_of_birth, email, phone, kind, therapist_id,
                                    status, risk_level, created_at, created_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, 'ACTIVE', 'NONE', ?, ?)""")
                .params(
                        caller.practiceId().value(),
                        id.value(),
                        client.fullName().trim(),
                        Date.valueOf(client.dateOfBirth()),
                        blankToNull(client.email()),
                        blankToNull(client.phone()),
                        client.kind().name(),
                        client.therapistId().value(),
                        Timestamps.of(now),
                        caller.memberId().value())
                .update();
        recordAssignment(caller.practiceId(), id, null, client.therapistId(), caller.memberId(), now);
        events.publishEvent(
                new ClientRegistered(caller.practiceId(), id, client.kind(), client.therapistId(), caller.memberId()));
        // A role with clients.reassign may register a client for a therapist whose clients it cannot
        // see: it answers with what it just wrote, not with a 404 that would roll the registration back.
        return stored(caller.practiceId(), id);
    }

    /** Changes name, contact details or status; null leaves a field as it is. */
    @Transactional
    public ClientView update(Caller caller, ClientId id, Changes changes) {
        ClientView before = lockVisible(caller, id);
        requireWritable(caller);
        if (!visibility.mayChangeDetails(caller, id)) {
            throw ClientProblems.readOnlyAccess();
        }
        if (changes.fullName() != null && changes.fullName().isBlank()) {
            throw ClientProblems.invalid("fullName", "validation", "must not be blank");
        }
        jdbc.sql("""
                update client set full_name = coalesce(?, full_name), email = coalesce(?, email),
                                  phone = coalesce(?, phone), status = coalesce(?, status)
                where practice_id = ? and id = ?""")
                .params(
                        changes.fullName() == null ? null : changes.fullName().trim(),
                        changes.email(),
                        changes.phone(),
                        changes.status() == null ? null : changes.status().name(),
                        caller.practiceId().value(),
                        id.value())
                .update();
        ClientView after = find(caller, id).orElseThrow(ClientVisibility::notFound);
        List<String> changed = new ArrayList<>();
        if (!after.fullName().equals(before.fullName())) changed.add("fullName");
        if (!java.util.Objects.equals(after.email(), before.email())) changed.add("email");
        if (!java.util.Objects.equals(after.phone(), before.phone())) changed.add("phone");
        if (!changed.isEmpty()) {
            events.publishEvent(new ClientUpdated(caller.practiceId(), id, changed, caller.memberId()));
        }
        if (after.status() != before.status()) {
            events.publishEvent(new ClientStatusChanged(
                    caller.practiceId(), id, before.status(), after.status(), caller.memberId()));
        }
        if (changed.isEmpty() && after.status() == before.status()) {
            // Nothing changed, but the answer still carries the client: audited as a read.
            read(caller, "client.detail", List.of(id));
        }
        return after;
    }

    /** Moves one client to another Active therapist; admins and roles with {@code clients.reassign}. */
    @Transactional
    public ClientView reassign(Caller caller, ClientId id, MemberId to) {
        visibility.requireVisible(caller, id);
        requireReassigner(caller);
        // Lock order as in removal: practice, member, then the client row.
        requireActiveTherapist(caller.practiceId(), to, "therapistId");
        ClientView before = lockVisible(caller, id);
        if (!before.therapistId().equals(to)) {
            jdbc.sql("update client set therapist_id = ? where practice_id = ? and id = ?")
                    .params(to.value(), caller.practiceId().value(), id.value())
                    .update();
            recordMoves(
                    caller.practiceId(),
                    List.of(new Moved(id, before.kind())),
                    before.therapistId(),
                    to,
                    caller.memberId());
        } else {
            read(caller, "client.detail", List.of(id));
        }
        // Moving a client away may take it out of the caller's sight; the change still stands.
        return stored(caller.practiceId(), id);
    }

    /**
     * Moves every client of one therapist that the caller can see to another Active therapist, in one
     * transaction; answers how many moved.
     */
    @Transactional
    public int reassignAll(Caller caller, MemberId from, MemberId to) {
        requireReassigner(caller);
        if (from.equals(to)) {
            throw ClientProblems.sameTherapist();
        }
        boolean fromExists = jdbc.sql("select exists (select 1 from member where practice_id = ? and id = ?)")
                .params(caller.practiceId().value(), from.value())
                .query(Boolean.class)
                .single();
        if (!fromExists) {
            throw ClientProblems.unknownTherapist("fromTherapistId");
        }
        requireActiveTherapist(caller.practiceId(), to, "toTherapistId");
        BulkWrites.reuseRowCheckPlans(jdbc);
        Predicate visible = visibility.clientPredicate(caller, "c");
        List<Moved> moved = jdbc.sql("update client c set therapist_id = :to where "
                        + ClientVisibility.assignedTo("c", "array[cast(:from as uuid)]") + " and " + visible.sql()
                        + " returning c.id, c.kind")
                .params(visible.params())
                .param("to", to.value())
                .param("from", from.value())
                .query(Moved::map)
                .list();
        recordMoves(caller.practiceId(), moved, from, to, caller.memberId());
        return moved.size();
    }

    /** Hands every client of a leaving therapist to another (removal; the caller checked the target). */
    @Transactional
    void handOverAll(PracticeId practice, MemberId from, MemberId to, MemberId by) {
        requireActiveTherapist(practice, to, "reassignTo");
        BulkWrites.reuseRowCheckPlans(jdbc);
        List<Moved> moved = jdbc.sql("update client c set therapist_id = :to where c.practice_id = :practice and "
                        + ClientVisibility.assignedTo("c", "array[cast(:from as uuid)]") + " returning c.id, c.kind")
                .param("to", to.value())
                .param("practice", practice.value())
                .param("from", from.value())
                .query(Moved::map)
                .list();
        recordMoves(practice, moved, from, to, by);
    }

    /** Sets the client's risk level, kept as history; by a clinician who can see the client. */
    @Transactional
    public ClientView setRisk(Caller caller, ClientId id, RiskLevel level, String note) {
        ClientView before = lockVisible(caller, id);
        requireWritable(caller);
        jdbc.sql("update client set risk_level = ? where practice_id = ? and id = ?")
                .params(level.name(), caller.practiceId().value(), id.value())
                .update();
        jdbc.sql("""
                insert into client_risk (practice_id, id, client_id, at, by_member_id, level, note)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        caller.practiceId().value(),
                        UUID.randomUUID(),
                        id.value(),
                        Timestamps.of(clock.instant()),
                        caller.memberId().value(),
                        level.name(),
                        blankToNull(note))
                .update();
        events.publishEvent(
                new RiskLevelChanged(caller.practiceId(), id, before.riskLevel(), level, caller.memberId()));
        return find(caller, id).orElseThrow(ClientVisibility::notFound);
    }

    // ---- helpers ----------------------------------------------------------------------------------

    /**
     * Locks the member row against removal while a client is given to them, and checks that they
     * are a current, Active member of the practice (400 unknown, 409 not Active).
     */
    void requireActiveTherapist(PracticeId practice, MemberId therapist, String field) {
        Optional<MemberStatus> status = lockTherapist(practice, therapist);
        if (status.isEmpty()) {
            throw ClientProblems.unknownTherapist(field);
        }
        if (status.get() != MemberStatus.ACTIVE) {
            throw ClientProblems.therapistNotActive();
        }
    }

    /**
     * Locks the member row against removal (after the practice row, see {@link #lockOrder}) and
     * answers their status while they are a current member of the practice.
     */
    private Optional<MemberStatus> lockTherapist(PracticeId practice, MemberId therapist) {
        lockOrder(jdbc, practice);
        return jdbc.sql("""
                select status from member where practice_id = ? and id = ? and removed_at is null for share""")
                .params(practice.value(), therapist.value())
                .query(String.class)
                .optional()
                .map(MemberStatus::valueOf);
    }

    /**
     * Team changes (removal) lock the practice row and then the member; anything that gives a member
     * work takes the practice row first too ({@code for key share}, which never blocks other such
     * work), so the two cannot deadlock.
     */
    public static void lockOrder(JdbcClient jdbc, PracticeId practice) {
        jdbc.sql("select id from practice where id = ? for key share")
                .param(practice.value())
                .query(UUID.class)
                .single();
    }

    private ClientView lockVisible(Caller caller, ClientId id) {
        visibility.requireVisible(caller, id);
        jdbc.sql("select id from client where practice_id = ? and id = ? for update")
                .params(caller.practiceId().value(), id.value())
                .query(UUID.class)
                .single();
        return find(caller, id).orElseThrow(ClientVisibility::notFound);
    }

    /** Whether the caller may add clients (the page offers "Add client" on this answer). */
    public boolean mayRegister(Caller caller) {
        return intake.mayRegister(caller);
    }

    /** Whether the caller may reassign clients at all (admins and roles with {@code clients.reassign}). */
    public boolean mayReassign(Caller caller) {
        try {
            requireReassigner(caller);
            return true;
        } catch (CaseloadException refused) {
            return false;
        }
    }

    private void requireReassigner(Caller caller) {
        requireWritable(caller);
        if (!caller.isAdmin() && !allows(caller, Feature.CLIENTS_REASSIGN)) {
            throw ClientProblems.mayNotReassign();
        }
    }

    private static void requireWritable(Caller caller) {
        if (caller.status() != MemberStatus.ACTIVE) {
            throw ClientProblems.readOnlyOnHold();
        }
    }

    private boolean allows(Caller caller, Feature feature) {
        return roles.rules(caller.practiceId(), caller.roleId()).allows(feature);
    }

    /** A client a bulk change moved, and its kind. */
    private record Moved(ClientId id, ClientKind kind) {

        static Moved map(ResultSet rs, int row) throws SQLException {
            return new Moved(new ClientId(rs.getObject("id", UUID.class)), ClientKind.valueOf(rs.getString("kind")));
        }
    }

    /**
     * The history and the event of a move, one row each however many clients moved (a move of 10,000
     * clients is one history row listing them, as its audit entry is; V43).
     */
    private void recordMoves(PracticeId practice, List<Moved> moved, MemberId from, MemberId to, MemberId by) {
        if (moved.isEmpty()) {
            return;
        }
        List<ClientId> ids = moved.stream().map(Moved::id).toList();
        jdbc.sql("""
                insert into client_move (practice_id, id, at, by_member_id, from_therapist_id, to_therapist_id,
                                         client_ids)
                values (:practice, :id, :at, :by, :from, :to, cast(:clients as uuid[]))""")
                .param("practice", practice.value())
                .param("id", UUID.randomUUID())
                .param("at", Timestamps.of(clock.instant()))
                .param("by", by.value())
                .param("from", from.value())
                .param("to", to.value())
                .param("clients", ids.stream().map(ClientId::value).toArray(UUID[]::new))
                .update();
        List<ClientId> direct = moved.stream()
                .filter(m -> m.kind() == ClientKind.DIRECT)
                .map(Moved::id)
                .toList();
        events.publishEvent(new ClientsReassigned(practice, ids, direct, from, to, by));
    }

    private void recordAssignment(
            PracticeId practice, ClientId client, MemberId from, MemberId to, MemberId by, Instant at) {
        jdbc.sql("""
                insert into client_assignment (practice_id, id, client_id, at, by_member_id, from_therapist_id,
                                               to_therapist_id)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        practice.value(),
                        UUID.randomUUID(),
                        client.value(),
                        Timestamps.of(at),
                        by.value(),
                        from == null ? null : from.value(),
                        to.value())
                .update();
    }

    private void read(Caller caller, String action, List<ClientId> clients) {
        events.publishEvent(new ClientDataRead(caller.practiceId(), caller.memberId(), action, clients));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String likeEscape(String q) {
        return q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static MemberId memberId(ResultSet rs, String column) throws SQLException {
        UUID id = rs.getObject(column, UUID.class);
        return id == null ? null : new MemberId(id);
    }

    static ClientView mapView(ResultSet rs, int row) throws SQLException {
        java.sql.Array kept = rs.getArray("numbers");
        Long[] numbers = kept == null ? null : (Long[]) kept.getArray();
        return new ClientView(
                new ClientId(rs.getObject("id", UUID.class)),
                rs.getString("full_name"),
                rs.getDate("date_of_birth").toLocalDate(),
                rs.getString("email"),
                rs.getString("phone"),
                ClientKind.valueOf(rs.getString("kind")),
                new MemberId(rs.getObject("therapist_id", UUID.class)),
                ClientStatus.valueOf(rs.getString("status")),
                RiskLevel.valueOf(rs.getString("risk_level")),
                MemberStatus.valueOf(rs.getString("therapist_status")),
                numbers == null
                        ? new ClientView.Metrics(0, null, 0)
                        : new ClientView.Metrics(
                                numbers[0], Instant.EPOCH.plus(numbers[2], ChronoUnit.MICROS), numbers[1]));
    }
}
