package app.caseload.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The reference model: one practice as plain data, and the rules of /work/notes/rules.md (SPEC §2,
 * §4, §5, §6) written out plainly over it. No production class is used here; every answer the API
 * gives is compared with what these methods say.
 */
final class Model {

    enum Status {
        ACTIVE,
        ON_HOLD,
        INACTIVE
    }

    static final class Role {
        String id;
        String name;
        boolean viewPractice;
        boolean reportsView;
        boolean requiresSupervision;
        boolean canSupervise;
        boolean signIndependently;

        @Override
        public String toString() {
            List<String> traits = new ArrayList<>();
            if (viewPractice) traits.add("view_practice");
            if (reportsView) traits.add("reports.view");
            if (requiresSupervision) traits.add("requiresSupervision");
            if (canSupervise) traits.add("canSupervise");
            if (!signIndependently) traits.add("!signIndependently");
            return name + traits;
        }
    }

    static final class Member {
        String id;
        String label;
        String token;
        Role role;
        Status status = Status.ACTIVE;
        boolean admin;
        boolean removed;

        @Override
        public String toString() {
            return label;
        }
    }

    static final class Supervision {
        final Member supervisor;
        final Member supervisee;
        boolean ended;

        Supervision(Member supervisor, Member supervisee) {
            this.supervisor = supervisor;
            this.supervisee = supervisee;
        }
    }

    static final class Client {
        String id;
        String label;
        String name;
        String kind;
        Member therapist;
        String status = "ACTIVE";
        String risk = "NONE";
        /** Assignment history, oldest first: [from, to] (from null at registration). */
        final List<Member[]> assignments = new ArrayList<>();

        @Override
        public String toString() {
            return label;
        }
    }

    static final class Session {
        String id;
        String label;
        Client client;
        Member therapist;
        Instant startsAt;
        String status = "SCHEDULED";
        String note = "NONE";

        @Override
        public String toString() {
            return label;
        }
    }

    /** Numbers of one therapist (GET /therapists metrics). */
    record TherapistMetrics(long activeClients, long sessionsLast30Days, long pendingNotes, long highRiskClients) {}

    /** Numbers of one client (client JSON metrics). */
    record ClientMetrics(long sessionsCount, Instant lastSessionAt, long pendingNotes) {}

    /** Practice-wide numbers (GET /practice metrics). */
    record PracticeMetrics(
            long activeClients, long highRiskClients, long pendingNotes, Map<String, Long> membersByStatus) {}

    boolean supervisionOn;
    final Map<String, Role> roles = new LinkedHashMap<>();
    final List<Member> members = new ArrayList<>();
    final List<Supervision> supervisions = new ArrayList<>();
    final List<Client> clients = new ArrayList<>();
    final List<Session> sessions = new ArrayList<>();

    // ---- the team ---------------------------------------------------------------------------------

    static boolean canSignIn(Member x) {
        return !x.removed && x.status != Status.INACTIVE;
    }

    /** Admin rights count only while Active. */
    static boolean activeAdmin(Member x) {
        return !x.removed && x.admin && x.status == Status.ACTIVE;
    }

    /** Current supervisees of x (not ended, not removed); the setting is not looked at here. */
    List<Member> assignedSupervisees(Member x) {
        return supervisions.stream()
                .filter(s -> !s.ended && s.supervisor == x && !s.supervisee.removed)
                .map(s -> s.supervisee)
                .toList();
    }

    /** Current supervisors of t while supervision is on (what the API calls supervisorIds). */
    List<Member> currentSupervisors(Member t) {
        if (!supervisionOn) {
            return List.of();
        }
        return supervisions.stream()
                .filter(s -> !s.ended && s.supervisee == t && !s.supervisor.removed)
                .map(s -> s.supervisor)
                .toList();
    }

    boolean supervises(Member supervisor, Member supervisee) {
        return currentSupervisors(supervisee).contains(supervisor);
    }

    /** Everyone above m in the current supervision graph (the setting ignored), for the cycle rule. */
    Set<Member> transitiveSupervisors(Member m) {
        Set<Member> above = new LinkedHashSet<>();
        List<Member> todo = new ArrayList<>(List.of(m));
        while (!todo.isEmpty()) {
            Member next = todo.remove(0);
            for (Supervision s : supervisions) {
                if (!s.ended && s.supervisee == next && above.add(s.supervisor)) {
                    todo.add(s.supervisor);
                }
            }
        }
        return above;
    }

    /** A member whose role requires supervision and who has no current supervisor (supervision on). */
    boolean unsupervisedButMustBe(Member t) {
        return t.role.requiresSupervision && currentSupervisors(t).isEmpty();
    }

    /** lens(X) of rules.md. */
    Set<Member> lens(Member x) {
        Set<Member> lens = new LinkedHashSet<>();
        if (!canSignIn(x)) {
            return lens;
        }
        lens.add(x);
        if (x.status == Status.ACTIVE && supervisionOn) {
            lens.addAll(assignedSupervisees(x));
        }
        return lens;
    }

    // ---- the caseload relation ----------------------------------------------------------------

    static boolean rendersNonCancelled(List<Session> sessions, Member m, Client c) {
        return sessions.stream().anyMatch(s -> s.client == c && s.therapist == m && !s.status.equals("CANCELLED"));
    }

    /** DIRECT, PRIMARY, WALK_IN, RENDERED or null. */
    String category(Member m, Client c) {
        boolean own = c.therapist == m;
        if (c.kind.equals("DIRECT")) {
            if (own) return "DIRECT";
            return rendersNonCancelled(sessions, m, c) ? "RENDERED" : null;
        }
        if (own) return "PRIMARY";
        return rendersNonCancelled(sessions, m, c) ? "WALK_IN" : null;
    }

    static boolean opensClient(String category) {
        return category != null && !category.equals("RENDERED");
    }

    // ---- visibility -------------------------------------------------------------------------------

    /** Why x sees c, or null when c is invisible to x. */
    String whyClientVisible(Member x, Client c) {
        if (!canSignIn(x)) return null;
        if (activeAdmin(x)) return "admin";
        for (Member m : lens(x)) {
            String category = category(m, c);
            if (opensClient(category)) {
                return m == x ? category : category + " of supervisee " + m.label;
            }
        }
        if (x.status == Status.ACTIVE && x.role.viewPractice && c.kind.equals("PRACTICE")) {
            return "view_practice";
        }
        return null;
    }

    boolean clientVisible(Member x, Client c) {
        return whyClientVisible(x, c) != null;
    }

    /** Why x sees s, or null. */
    String whySessionVisible(Member x, Session s) {
        String client = whyClientVisible(x, s.client);
        if (client != null) return "client " + client;
        if (lens(x).contains(s.therapist) && !s.status.equals("CANCELLED")) {
            return s.therapist == x ? "rendered by caller" : "rendered by supervisee " + s.therapist.label;
        }
        return null;
    }

    boolean sessionVisible(Member x, Session s) {
        return whySessionVisible(x, s) != null;
    }

    /** "X may open T's caseload" (also: T's metrics are shown to X, T's sessions are listed). */
    boolean mayOpen(Member x, Member t) {
        return canSignIn(x) && !t.removed && (activeAdmin(x) || lens(x).contains(t));
    }

    /** Caseload items of t: client → category, never RENDERED. */
    Map<Client, String> caseload(Member t) {
        Map<Client, String> items = new LinkedHashMap<>();
        for (Client c : clients) {
            String category = category(t, c);
            if (opensClient(category)) {
                items.put(c, category);
            }
        }
        return items;
    }

    // ---- who may change -----------------------------------------------------------------------------

    /** PATCH /clients/{id}: 200, 403 or 404. */
    int patchStatus(Member x, Client c) {
        if (!clientVisible(x, c)) return 404;
        if (x.status != Status.ACTIVE) return 403;
        if (activeAdmin(x) || c.therapist == x) return 200;
        if (supervisionOn && assignedSupervisees(x).contains(c.therapist)) return 200;
        return 403;
    }

    /** PUT /clients/{id}/risk: 200, 403 or 404. */
    int riskStatus(Member x, Client c) {
        if (!clientVisible(x, c)) return 404;
        return x.status == Status.ACTIVE ? 200 : 403;
    }

    // ---- numbers ----------------------------------------------------------------------------------

    static boolean pending(Session s) {
        return s.status.equals("COMPLETED") && !s.note.equals("SIGNED");
    }

    static boolean highRisk(Client c) {
        return c.risk.equals("HIGH") || c.risk.equals("IMMINENT");
    }

    TherapistMetrics metrics(Member t, Instant now) {
        long active = clients.stream()
                .filter(c -> c.therapist == t && c.status.equals("ACTIVE"))
                .count();
        long high = clients.stream()
                .filter(c -> c.therapist == t && c.status.equals("ACTIVE") && highRisk(c))
                .count();
        Instant from = now.minus(Duration.ofDays(30));
        long recent = sessions.stream()
                .filter(s -> s.therapist == t
                        && s.status.equals("COMPLETED")
                        && !s.startsAt.isBefore(from)
                        && !s.startsAt.isAfter(now))
                .count();
        long pendingNotes =
                sessions.stream().filter(s -> s.therapist == t && pending(s)).count();
        return new TherapistMetrics(active, recent, pendingNotes, high);
    }

    ClientMetrics metrics(Client c) {
        List<Session> completed = sessions.stream()
                .filter(s -> s.client == c && s.status.equals("COMPLETED"))
                .toList();
        Instant last = completed.stream()
                .map(s -> s.startsAt)
                .max(Comparator.naturalOrder())
                .orElse(null);
        long pendingNotes = completed.stream().filter(Model::pending).count();
        return new ClientMetrics(completed.size(), last, pendingNotes);
    }

    boolean seesPracticeMetrics(Member x) {
        return canSignIn(x) && x.status == Status.ACTIVE && (x.admin || x.role.reportsView);
    }

    PracticeMetrics practiceMetrics() {
        long active = clients.stream().filter(c -> c.status.equals("ACTIVE")).count();
        long high = clients.stream()
                .filter(c -> c.status.equals("ACTIVE") && highRisk(c))
                .count();
        long pendingNotes = sessions.stream().filter(Model::pending).count();
        Map<String, Long> byStatus = new LinkedHashMap<>();
        for (Status s : Status.values()) {
            byStatus.put(
                    s.name(),
                    members.stream().filter(m -> !m.removed && m.status == s).count());
        }
        return new PracticeMetrics(active, high, pendingNotes, byStatus);
    }

    // ---- operations' effects (applied when the server accepted them) ---------------------------

    /** Future SCHEDULED sessions of {@code from} (optionally of one client) at {@code now}. */
    List<Session> futureSessionsOf(Member from, Client only, Instant now) {
        return sessions.stream()
                .filter(s -> s.therapist == from
                        && s.status.equals("SCHEDULED")
                        && s.startsAt.isAfter(now)
                        && (only == null || s.client == only))
                .toList();
    }

    void reassign(Client c, Member to, Instant now) {
        Member from = c.therapist;
        if (from == to) return;
        if (c.kind.equals("DIRECT")) {
            futureSessionsOf(from, c, now).forEach(s -> s.therapist = to);
        }
        c.therapist = to;
        c.assignments.add(new Member[] {from, to});
    }

    void remove(Member m, Member to, Instant now) {
        if (to != null) {
            for (Client c : clients) {
                if (c.therapist == m) {
                    reassign(c, to, now);
                }
            }
            futureSessionsOf(m, null, now).forEach(s -> s.therapist = to);
        }
        supervisions.stream()
                .filter(s -> !s.ended && (s.supervisor == m || s.supervisee == m))
                .forEach(s -> s.ended = true);
        m.removed = true;
    }

    Member member(String id) {
        return members.stream()
                .filter(m -> Objects.equals(m.id, id))
                .findFirst()
                .orElse(null);
    }

    Client client(String id) {
        return clients.stream()
                .filter(c -> Objects.equals(c.id, id))
                .findFirst()
                .orElse(null);
    }

    Session session(String id) {
        return sessions.stream()
                .filter(s -> Objects.equals(s.id, id))
                .findFirst()
                .orElse(null);
    }

    /** Anything with an id, by its label (for messages). */
    String label(String id) {
        Member m = member(id);
        if (m != null) return m.label;
        Client c = client(id);
        if (c != null) return c.label;
        Session s = session(id);
        if (s != null) return s.label;
        return id;
    }
}
