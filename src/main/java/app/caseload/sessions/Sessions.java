package app.caseload.sessions;

import app.caseload.clients.ClientEvents.ClientDataRead;
import app.caseload.clients.ClientEvents.ClientsReassigned;
import app.caseload.clients.ClientProblems;
import app.caseload.clients.ClientVisibility;
import app.caseload.clients.ClientVisibility.Predicate;
import app.caseload.roles.Feature;
import app.caseload.roles.RoleView;
import app.caseload.roles.Roles;
import app.caseload.sessions.SessionEvents.NoteCosigned;
import app.caseload.sessions.SessionEvents.NoteSigned;
import app.caseload.sessions.SessionEvents.NoteWritten;
import app.caseload.sessions.SessionEvents.SessionCancelled;
import app.caseload.sessions.SessionEvents.SessionCompleted;
import app.caseload.sessions.SessionEvents.SessionMarkedNoShow;
import app.caseload.sessions.SessionEvents.SessionScheduled;
import app.caseload.sessions.SessionEvents.SessionsHandedOver;
import app.caseload.shared.Caller;
import app.caseload.shared.CaseloadException;
import app.caseload.shared.ClientId;
import app.caseload.shared.Cursor;
import app.caseload.shared.MemberId;
import app.caseload.shared.MemberStatus;
import app.caseload.shared.Page;
import app.caseload.shared.PracticeId;
import app.caseload.shared.RoleId;
import app.caseload.shared.SessionId;
import app.caseload.shared.Timestamps;
import app.caseload.supervision.Supervision;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sessions and their notes. A session is visible when its client is, or when someone in the
 * caller's lens rendered it ({@link ClientVisibility#sessionPredicate}); no double-booking is
 * decided by the database's exclusion constraint.
 */
@Service
public class Sessions {

    /** Charges used when a request names none, by CPT code; integer cents. */
    static final Map<String, Long> DEFAULT_CHARGES = Map.of(
            "90791", 20000L, "90832", 9000L, "90834", 13000L, "90837", 17000L, "90846", 14000L, "90847", 15000L,
            "90853", 5000L);

    private static final String COLUMNS = """
            s.practice_id, s.id, s.client_id, s.therapist_id, s.starts_at, s.duration_minutes, s.service_code,
                   s.charge_cents, s.status, s.note_status, s.note_text, s.note_signed_at, s.note_cosigned_by,
                   s.note_cosigned_at""";

    /**
     * Sessions ({@code %s}: a whole statement over {@code s}, a page or one session), then their
     * therapists' status: looked up for the rows returned only, not for every session that met a
     * page's conditions before the sort (a supervisor's pending notes: 299 rows for a page of 51).
     */
    private static final String PAGE_WITH_THERAPIST = """
            select p.*, t.status as therapist_status
            from (%s) p
            join member t on t.practice_id = p.practice_id and t.id = p.therapist_id
            order by p.starts_at desc, p.id desc""";

    private final JdbcClient jdbc;
    private final ClientVisibility visibility;
    private final Roles roles;
    private final Supervision supervision;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Sessions(
            JdbcClient jdbc,
            ClientVisibility visibility,
            Roles roles,
            Supervision supervision,
            ApplicationEventPublisher events,
            Clock clock) {
        this.jdbc = jdbc;
        this.visibility = visibility;
        this.roles = roles;
        this.supervision = supervision;
        this.events = events;
        this.clock = clock;
    }

    public record NewSession(
            ClientId clientId,
            MemberId therapistId,
            Instant startsAt,
            int durationMinutes,
            String serviceCode,
            Long chargeCents) {}

    // ---- scheduling and outcome ---------------------------------------------------------------------

    /**
     * Schedules a session for an Active therapist (one whose role requires supervision only while
     * supervised), never overlapping another of theirs. Scheduling for someone else needs admin
     * or {@code sessions.schedule_others}.
     */
    @Transactional
    public SessionView schedule(Caller caller, NewSession request) {
        requireActive(caller);
        if (!request.therapistId().equals(caller.memberId())
                && !caller.isAdmin()
                && !allows(caller, Feature.SESSIONS_SCHEDULE_OTHERS)) {
            throw SessionProblems.mayNotScheduleOthers();
        }
        visibility.requireVisible(caller, request.clientId());
        // Lock order as in removal: practice, member, then the client row.
        RoleView role = lockActiveTherapist(caller.practiceId(), request.therapistId(), "therapistId");
        ClientRow client = jdbc.sql(
                        "select kind, therapist_id, status from client where practice_id = ? and id = ? for share")
                .params(caller.practiceId().value(), request.clientId().value())
                .query((rs, n) -> new ClientRow(
                        rs.getString("kind"), rs.getObject("therapist_id", UUID.class), rs.getString("status")))
                .single();
        if (!client.status().equals("ACTIVE")) {
            throw SessionProblems.clientNotActive();
        }
        if (client.kind().equals("DIRECT")
                && !client.therapistId().equals(request.therapistId().value())) {
            throw SessionProblems.directClientOfAnother();
        }
        if (role.requiresSupervision() && !supervision.isSupervised(caller.practiceId(), request.therapistId())) {
            throw SessionProblems.unsupervised();
        }
        SessionId id = SessionId.random();
        long charge = request.chargeCents() != null
                ? request.chargeCents()
                : DEFAULT_CHARGES.getOrDefault(request.serviceCode(), 0L);
        try {
            jdbc.sql("""
                    insert into session (practice_id, id, client_id, therapist_id, starts_at, ends_at, duration_minutes,
                                         service_code, charge_cents, status, billing_modifier, scheduled_by)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'SCHEDULED', ?, ?)""")
                    .params(
                            caller.practiceId().value(),
                            id.value(),
                            request.clientId().value(),
                            request.therapistId().value(),
                            Timestamps.of(request.startsAt()),
                            Timestamps.of(request.startsAt().plus(Duration.ofMinutes(request.durationMinutes()))),
                            request.durationMinutes(),
                            request.serviceCode(),
                            charge,
                            role.billingModifier() == null
                                    ? null
                                    : role.billingModifier().name(),
                            caller.memberId().value())
                    .update();
        } catch (DataIntegrityViolationException e) {
            throw overlapOr(e);
        }
        events.publishEvent(new SessionScheduled(
                caller.practiceId(),
                id,
                request.clientId(),
                request.therapistId(),
                request.startsAt(),
                caller.memberId()));
        return view(caller, id);
    }

    /**
     * Marks the session as taken place. Snapshots the renderer's billing modifier and a current
     * supervisor as they are now, so later role or supervision changes never rewrite the claim.
     */
    @Transactional
    public SessionView complete(Caller caller, SessionId id) {
        Session session = lockForOutcome(caller, id);
        session.complete(clock.instant());
        RoleView role = roleOf(caller.practiceId(), session.therapistId);
        MemberId supervisor = supervision.currentSupervisors(caller.practiceId(), session.therapistId).stream()
                .findFirst()
                .orElse(null);
        jdbc.sql("""
                update session set status = 'COMPLETED', billing_modifier = ?, supervisor_id = ?
                where practice_id = ? and id = ?""")
                .params(
                        role.billingModifier() == null
                                ? null
                                : role.billingModifier().name(),
                        supervisor == null ? null : supervisor.value(),
                        caller.practiceId().value(),
                        id.value())
                .update();
        events.publishEvent(new SessionCompleted(caller.practiceId(), id, session.clientId, caller.memberId()));
        return view(caller, id);
    }

    @Transactional
    public SessionView cancel(Caller caller, SessionId id) {
        Session session = lockForOutcome(caller, id);
        session.cancel();
        saveStatus(session);
        events.publishEvent(new SessionCancelled(caller.practiceId(), id, session.clientId, caller.memberId()));
        return view(caller, id);
    }

    @Transactional
    public SessionView markNoShow(Caller caller, SessionId id) {
        Session session = lockForOutcome(caller, id);
        session.markNoShow(clock.instant());
        saveStatus(session);
        events.publishEvent(new SessionMarkedNoShow(caller.practiceId(), id, session.clientId, caller.memberId()));
        return view(caller, id);
    }

    // ---- notes ------------------------------------------------------------------------------------

    /** Writes (or rewrites) the draft; only the rendering therapist, also while On Hold. */
    @Transactional
    public SessionView writeNote(Caller caller, SessionId id, String text) {
        Session session = lockVisible(caller, id);
        requireAuthor(caller, session);
        session.writeNote(text);
        saveNote(session);
        events.publishEvent(new NoteWritten(caller.practiceId(), id, session.clientId, caller.memberId()));
        return view(caller, id);
    }

    /**
     * Signs the note: final (SIGNED), or AWAITING_COSIGN when the author's role requires supervision
     * or lacks {@code notes.sign_independently}.
     */
    @Transactional
    public SessionView signNote(Caller caller, SessionId id) {
        Session session = lockVisible(caller, id);
        requireAuthor(caller, session);
        RoleView role = roleOf(caller.practiceId(), session.therapistId);
        boolean needsCosignature = role.requiresSupervision() || !role.allows(Feature.NOTES_SIGN_INDEPENDENTLY);
        session.sign(needsCosignature, clock.instant());
        saveNote(session);
        events.publishEvent(
                new NoteSigned(caller.practiceId(), id, session.clientId, session.noteStatus, caller.memberId()));
        return view(caller, id);
    }

    /**
     * Whether the caller may book sessions at all: On Hold members take no new sessions (SPEC §2).
     * The page offers "Schedule session" on this answer; the request still checks everything else.
     */
    public boolean mayScheduleSessions(Caller caller) {
        return caller.status() == MemberStatus.ACTIVE;
    }

    /**
     * Whether the caller may co-sign notes the author wrote: an Active current supervisor of the
     * author while supervision is on. Decides both the "Co-sign note" button and the request.
     */
    public boolean mayCosign(Caller caller, MemberId author) {
        return caller.status() == MemberStatus.ACTIVE
                && supervision.supervises(caller.practiceId(), caller.memberId(), author);
    }

    /** Co-signs a note awaiting it; only a current supervisor of the author (supervision on). */
    @Transactional
    public SessionView cosignNote(Caller caller, SessionId id) {
        Session session = lockVisible(caller, id);
        requireActive(caller);
        if (!mayCosign(caller, session.therapistId)) {
            throw SessionProblems.onlySupervisor();
        }
        session.cosign(caller.memberId(), clock.instant());
        saveNote(session);
        events.publishEvent(new NoteCosigned(caller.practiceId(), id, session.clientId, caller.memberId()));
        return view(caller, id);
    }

    // ---- reading ----------------------------------------------------------------------------------

    public SessionView get(Caller caller, SessionId id) {
        SessionView view = view(caller, id);
        read(caller, "session.detail", List.of(view.clientId()));
        return view;
    }

    public NoteView note(Caller caller, SessionId id) {
        Session s = find(caller, id).orElseThrow(SessionProblems::notFound);
        read(caller, "note.read", List.of(s.clientId));
        return new NoteView(s.id, s.therapistId, s.noteStatus, s.noteText, s.noteSignedAt, s.cosignedBy, s.cosignedAt);
    }

    /** A client's sessions, newest first. */
    public Page<SessionView> ofClient(Caller caller, ClientId client, String cursor, int limit) {
        visibility.requireVisible(caller, client);
        Page<SessionView> page = list(caller, "s.client_id = :scope", client.value(), cursor, limit);
        read(caller, "client.sessions", List.of(client));
        return page;
    }

    /** A therapist's sessions, newest first: for admins, the member and their supervisors. */
    public Page<SessionView> ofTherapist(Caller caller, MemberId therapist, String cursor, int limit) {
        if (!visibility.mayViewCaseloadOf(caller, therapist)) {
            throw CaseloadException.notFound("This therapist");
        }
        Page<SessionView> page = list(caller, "s.therapist_id = :scope", therapist.value(), cursor, limit);
        read(caller, "therapist.sessions", clientsOf(page));
        return page;
    }

    /** Completed sessions whose note is not final, among the clients visible to the caller. */
    public Page<SessionView> pendingNotes(Caller caller, String cursor, int limit) {
        Page<SessionView> page =
                list(caller, "s.status = 'COMPLETED' and s.note_status <> 'SIGNED'", null, cursor, limit);
        read(caller, "notes.pending", clientsOf(page));
        return page;
    }

    private Page<SessionView> list(Caller caller, String scopeSql, UUID scope, String cursor, int limit) {
        Cursor after = Cursor.decode(cursor);
        Predicate visible = visibility.sessionPredicate(caller, "s");
        Map<String, Object> params = new LinkedHashMap<>(visible.params());
        if (scope != null) {
            // Never bound as a null: an untyped parameter costs a round trip (see Timestamps).
            params.put("scope", scope);
        }
        StringBuilder sql = new StringBuilder("select " + COLUMNS)
                .append(" from session s")
                .append(" where s.practice_id = :vis_practice and ")
                .append(scopeSql)
                .append(" and ")
                .append(visible.sql());
        if (after != null) {
            sql.append(" and (s.starts_at, s.id) < (:afterAt, :afterId)");
            params.put("afterAt", Timestamps.of(after.instantKey()));
            params.put("afterId", after.id());
        }
        sql.append(" order by s.starts_at desc, s.id desc limit :limit");
        params.put("limit", limit + 1);
        List<SessionView> rows =
                jdbc.sql(PAGE_WITH_THERAPIST.formatted(sql)).params(params).query(Sessions::mapRow).list().stream()
                        .map(Sessions::viewOf)
                        .toList();
        return Page.of(rows, limit, v -> Cursor.encode(v.startsAt(), v.id().value()));
    }

    // ---- hand-over ----------------------------------------------------------------------------------

    /** The future sessions a member still renders (removal refuses while there are any). */
    List<Map<String, Object>> futureSessions(PracticeId practice, MemberId member) {
        return jdbc.sql("""
                select id, starts_at from session
                where practice_id = ? and therapist_id = ? and status = 'SCHEDULED' and starts_at > ?
                order by starts_at, id""")
                .params(practice.value(), member.value(), Timestamps.of(clock.instant()))
                .query((rs, n) -> Map.<String, Object>of(
                        "id",
                        rs.getObject("id", UUID.class),
                        "startsAt",
                        rs.getTimestamp("starts_at").toInstant()))
                .list();
    }

    /**
     * Moves the member's future sessions (optionally of one client only) to another therapist, under
     * the rule that schedules them (SPEC §6): a target whose role requires supervision must have a
     * current supervisor. A refusal rolls the whole hand-over back.
     */
    int handOverFuture(PracticeId practice, MemberId from, MemberId to, List<ClientId> onlyClients, MemberId by) {
        RoleView role = roleOf(practice, to);
        int moved;
        try {
            moved = jdbc.sql("""
                    update session set therapist_id = :to, billing_modifier = :modifier, supervisor_id = null
                    where practice_id = :practice and therapist_id = :from and status = 'SCHEDULED' and starts_at > :now
                      and (cast(:clients as uuid[]) is null or client_id = any(cast(:clients as uuid[])))""")
                    .param("to", to.value())
                    .param(
                            "modifier",
                            role.billingModifier() == null
                                    ? null
                                    : role.billingModifier().name())
                    .param("practice", practice.value())
                    .param("from", from.value())
                    .param("now", Timestamps.of(clock.instant()))
                    .param(
                            "clients",
                            onlyClients == null
                                    ? null
                                    : onlyClients.stream().map(ClientId::value).toArray(UUID[]::new))
                    .update();
        } catch (DataIntegrityViolationException e) {
            throw overlapOr(e);
        }
        if (moved > 0 && role.requiresSupervision() && !supervision.isSupervised(practice, to)) {
            throw SessionProblems.handOverToUnsupervised(moved);
        }
        if (moved > 0) {
            events.publishEvent(new SessionsHandedOver(practice, from, to, moved, by));
        }
        return moved;
    }

    /**
     * A direct client's sessions are with their assigned therapist: when direct clients are
     * reassigned, their future sessions move with them, in the same transaction and one statement
     * however many moved (a clash or an unsupervised target refuses the whole reassignment).
     */
    @EventListener
    void onClientsReassigned(ClientsReassigned reassigned) {
        if (!reassigned.directClientIds().isEmpty() && reassigned.from() != null) {
            handOverFuture(
                    reassigned.practiceId(),
                    reassigned.from(),
                    reassigned.to(),
                    reassigned.directClientIds(),
                    reassigned.by());
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private record ClientRow(String kind, UUID therapistId, String status) {}

    private SessionView view(Caller caller, SessionId id) {
        return find(caller, id).map(Sessions::viewOf).orElseThrow(SessionProblems::notFound);
    }

    private Optional<Session> find(Caller caller, SessionId id) {
        Predicate visible = visibility.sessionPredicate(caller, "s");
        return jdbc.sql(PAGE_WITH_THERAPIST.formatted("select " + COLUMNS
                        + " from session s where s.practice_id = :vis_practice and s.id = :id and "
                        + visible.sql()))
                .params(visible.params())
                .param("id", id.value())
                .query(Sessions::mapRow)
                .optional();
    }

    private Session lockVisible(Caller caller, SessionId id) {
        find(caller, id).orElseThrow(SessionProblems::notFound);
        jdbc.sql("select id from session where practice_id = ? and id = ? for update")
                .params(caller.practiceId().value(), id.value())
                .query(UUID.class)
                .single();
        return find(caller, id).orElseThrow(SessionProblems::notFound);
    }

    /**
     * Who may complete, cancel or mark a no-show: the rendering therapist (while On Hold only for
     * sessions that already started), admins, and roles with {@code sessions.schedule_others}.
     */
    private Session lockForOutcome(Caller caller, SessionId id) {
        Session session = lockVisible(caller, id);
        boolean renderer = session.therapistId.equals(caller.memberId());
        if (caller.status() == MemberStatus.ACTIVE) {
            if (!renderer && !caller.isAdmin() && !allows(caller, Feature.SESSIONS_SCHEDULE_OTHERS)) {
                throw SessionProblems.mayNotChange();
            }
        } else if (!renderer || !session.hasStarted(clock.instant())) {
            throw ClientProblems.readOnlyOnHold();
        }
        return session;
    }

    private static void requireAuthor(Caller caller, Session session) {
        if (!session.therapistId.equals(caller.memberId())) {
            throw SessionProblems.onlyAuthor();
        }
    }

    private static void requireActive(Caller caller) {
        if (caller.status() != MemberStatus.ACTIVE) {
            throw ClientProblems.readOnlyOnHold();
        }
    }

    /** Locks the member against removal and checks they are current and Active; answers their role. */
    private RoleView lockActiveTherapist(PracticeId practice, MemberId therapist, String field) {
        app.caseload.clients.Clients.lockOrder(jdbc, practice);
        Optional<Map.Entry<String, UUID>> row = jdbc.sql("""
                select status, role_id from member where practice_id = ? and id = ? and removed_at is null for share""")
                .params(practice.value(), therapist.value())
                .query((rs, n) -> Map.entry(rs.getString("status"), rs.getObject("role_id", UUID.class)))
                .optional();
        if (row.isEmpty()) {
            throw ClientProblems.unknownTherapist(field);
        }
        if (MemberStatus.valueOf(row.get().getKey()) != MemberStatus.ACTIVE) {
            throw ClientProblems.therapistNotActive();
        }
        return roles.get(practice, new RoleId(row.get().getValue()));
    }

    private RoleView roleOf(PracticeId practice, MemberId member) {
        UUID role = jdbc.sql("select role_id from member where practice_id = ? and id = ?")
                .params(practice.value(), member.value())
                .query(UUID.class)
                .single();
        return roles.get(practice, new RoleId(role));
    }

    private boolean allows(Caller caller, Feature feature) {
        return roles.rules(caller.practiceId(), caller.roleId()).allows(feature);
    }

    private void saveStatus(Session session) {
        jdbc.sql("update session set status = ? where practice_id = ? and id = ?")
                .params(session.status.name(), session.practiceId.value(), session.id.value())
                .update();
    }

    private void saveNote(Session session) {
        jdbc.sql("""
                update session set note_status = ?, note_text = ?, note_signed_at = ?, note_cosigned_by = ?,
                                   note_cosigned_at = ?
                where practice_id = ? and id = ?""")
                .params(
                        session.noteStatus.name(),
                        session.noteText,
                        Timestamps.of(session.noteSignedAt),
                        session.cosignedBy == null ? null : session.cosignedBy.value(),
                        Timestamps.of(session.cosignedAt),
                        session.practiceId.value(),
                        session.id.value())
                .update();
    }

    private void read(Caller caller, String action, List<ClientId> clients) {
        events.publishEvent(new ClientDataRead(caller.practiceId(), caller.memberId(), action, clients));
    }

    private static List<ClientId> clientsOf(Page<SessionView> page) {
        return page.items().stream().map(SessionView::clientId).distinct().toList();
    }

    private static RuntimeException overlapOr(DataIntegrityViolationException e) {
        String message = String.valueOf(e.getMostSpecificCause().getMessage());
        if (message.contains("session_no_overlap")) {
            return SessionProblems.doubleBooked();
        }
        return e;
    }

    private static Session mapRow(ResultSet rs, int row) throws SQLException {
        Session s = new Session(
                new PracticeId(rs.getObject("practice_id", UUID.class)),
                new SessionId(rs.getObject("id", UUID.class)),
                new ClientId(rs.getObject("client_id", UUID.class)),
                new MemberId(rs.getObject("therapist_id", UUID.class)),
                rs.getTimestamp("starts_at").toInstant(),
                SessionStatus.valueOf(rs.getString("status")),
                NoteStatus.valueOf(rs.getString("note_status")),
                rs.getString("note_text"));
        s.durationMinutes = rs.getInt("duration_minutes");
        s.serviceCode = rs.getString("service_code");
        s.chargeCents = rs.getLong("charge_cents");
        Timestamp signed = rs.getTimestamp("note_signed_at");
        s.noteSignedAt = signed == null ? null : signed.toInstant();
        UUID cosigner = rs.getObject("note_cosigned_by", UUID.class);
        s.cosignedBy = cosigner == null ? null : new MemberId(cosigner);
        Timestamp cosigned = rs.getTimestamp("note_cosigned_at");
        s.cosignedAt = cosigned == null ? null : cosigned.toInstant();
        s.therapistStatus = MemberStatus.valueOf(rs.getString("therapist_status"));
        return s;
    }

    private static SessionView viewOf(Session s) {
        return new SessionView(
                s.id,
                s.clientId,
                s.therapistId,
                s.startsAt,
                s.durationMinutes,
                s.serviceCode,
                s.chargeCents,
                s.status,
                s.noteStatus,
                s.therapistStatus);
    }
}
