package app.caseload.clinical;

import app.caseload.support.Api;
import app.caseload.support.Fixtures;
import app.caseload.support.Fixtures.Member;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One practice holding every caller × client relation of SPEC §5, built through the API, and an
 * oracle that states the rule independently of the production policy.
 *
 * <p>Callers: admin, therapist, supervisor (of the supervisee), supervisee, a role with {@code
 * clients.view_practice}, On Hold, Inactive, removed, and the admin of another practice. For each
 * of therapist, supervisor, supervisee, viewer, On Hold and Inactive there is a direct own client,
 * a practice client where they are primary, a walk-in (practice client of someone else with a
 * non-cancelled session of theirs) and a client with only a cancelled session of theirs; plus
 * another therapist's direct client and a practice client nobody has seen.
 */
final class VisibilityWorld {

    enum Status {
        ACTIVE,
        ON_HOLD,
        INACTIVE,
        REMOVED
    }

    /** A caller as the oracle sees it. */
    record Who(
            String name, Member member, Status status, boolean admin, boolean viewPractice, Set<String> supervisees) {}

    /** A client as the oracle sees it. */
    record Client(
            String id,
            String label,
            String practiceId,
            String kind,
            String owner,
            Set<String> sessionsBy,
            Set<String> anySessionBy,
            boolean pending,
            boolean claimable,
            String probeSession) {}

    final Map<String, Who> callers = new LinkedHashMap<>();
    final List<Client> clients = new ArrayList<>();
    final Map<String, Member> members = new LinkedHashMap<>();

    static VisibilityWorld build(Api api, Fixtures fixtures) {
        VisibilityWorld w = new VisibilityWorld();
        Clinic clinic = new Clinic(api);
        Member admin = fixtures.signup("Visibility World");
        Member therapist = fixtures.join(admin, "Theo Therapist", "Licensed Therapist");
        Member supervisor = fixtures.join(admin, "Sam Supervisor", "Supervisor");
        Member supervisee = fixtures.join(admin, "Eve Associate", "Associate");
        Member viewer = fixtures.join(admin, "Vic Viewer", "Licensed Therapist");
        Member onHold = fixtures.join(admin, "Hal Hold", "Licensed Therapist");
        Member inactive = fixtures.join(admin, "Ina Inactive", "Licensed Therapist");
        Member removed = fixtures.join(admin, "Rex Removed", "Licensed Therapist");
        Member other = fixtures.join(admin, "Zoe Other", "Licensed Therapist");
        Member foreign = fixtures.signup("Another Practice");
        String viewRole = api.as(admin.token())
                .post(
                        "/api/v1/roles",
                        Map.of(
                                "name", "Practice viewer",
                                "features",
                                        Map.of(
                                                "clients.view_practice",
                                                true,
                                                "billing.view",
                                                true,
                                                "clients.export",
                                                true),
                                "billingModifier", "HO"))
                .expect(201)
                .field("id");
        api.as(admin.token())
                .put("/api/v1/therapists/" + viewer.memberId() + "/role", Map.of("roleId", viewRole))
                .expect(200);
        clinic.enableSupervision(admin);
        clinic.supervise(admin, supervisor, supervisee);

        Map<String, Member> subjects = new LinkedHashMap<>();
        subjects.put("therapist", therapist);
        subjects.put("supervisor", supervisor);
        subjects.put("supervisee", supervisee);
        subjects.put("viewer", viewer);
        subjects.put("onHold", onHold);
        subjects.put("inactive", inactive);
        for (var subject : subjects.entrySet()) {
            Member m = subject.getValue();
            String s = subject.getKey();
            w.relationClient(clinic, admin, supervisor, s + " direct own", "DIRECT", m, m, true);
            w.relationClient(clinic, admin, supervisor, s + " primary", "PRACTICE", m, m, true);
            w.relationClient(clinic, admin, supervisor, s + " walk-in", "PRACTICE", other, m, true);
            w.relationClient(clinic, admin, supervisor, s + " cancelled only", "PRACTICE", other, m, false);
        }
        w.relationClient(clinic, admin, supervisor, "zz direct other", "DIRECT", other, other, true);
        w.relationClient(clinic, admin, supervisor, "zz none", "PRACTICE", other, null, false);
        // The removed member saw a practice client once; the session stays theirs after removal.
        w.relationClient(clinic, admin, supervisor, "removed walk-in", "PRACTICE", other, removed, true);
        String foreignClient = clinic.client(foreign, "Foreign Client", "DIRECT", foreign);
        w.clients.add(new Client(
                foreignClient,
                "foreign",
                foreign.practiceId(),
                "DIRECT",
                foreign.memberId(),
                Set.of(),
                Set.of(),
                false,
                false,
                null));

        clinic.status(admin, onHold, "ON_HOLD");
        clinic.status(admin, inactive, "INACTIVE");
        api.as(admin.token()).delete("/api/v1/therapists/" + removed.memberId()).expect(204);

        w.who("admin", admin, Status.ACTIVE, true, false, Set.of());
        w.who("therapist", therapist, Status.ACTIVE, false, false, Set.of());
        w.who("supervisor", supervisor, Status.ACTIVE, false, false, Set.of(supervisee.memberId()));
        w.who("supervisee", supervisee, Status.ACTIVE, false, false, Set.of());
        w.who("viewPractice", viewer, Status.ACTIVE, false, true, Set.of());
        w.who("onHold", onHold, Status.ON_HOLD, false, false, Set.of());
        w.who("inactive", inactive, Status.INACTIVE, false, false, Set.of());
        w.who("removed", removed, Status.REMOVED, false, false, Set.of());
        w.who("otherPractice", foreign, Status.ACTIVE, true, false, Set.of());
        w.members.put("other", other);
        return w;
    }

    private void who(
            String name, Member m, Status status, boolean admin, boolean viewPractice, Set<String> supervisees) {
        callers.put(name, new Who(name, m, status, admin, viewPractice, supervisees));
        members.put(name, m);
    }

    /**
     * A client of {@code owner}; {@code renderer} (if any) has a signed and a pending session with
     * them when {@code seen}, or only a cancelled one otherwise.
     */
    private void relationClient(
            Clinic clinic,
            Member admin,
            Member supervisor,
            String label,
            String kind,
            Member owner,
            Member renderer,
            boolean seen) {
        String id = clinic.client(admin, label, kind, owner);
        Set<String> by = new HashSet<>();
        Set<String> any = new HashSet<>();
        String probe = null;
        boolean pending = false;
        boolean claimable = false;
        if (renderer != null && seen) {
            var signed = clinic.signedSession(admin, id, renderer);
            probe = signed.path("id").asString();
            if (signed.path("noteStatus").asString().equals("AWAITING_COSIGN")) {
                new Api(api(clinic))
                        .as(supervisor.token())
                        .post("/api/v1/sessions/" + probe + "/note/cosign", null)
                        .expect(200);
            }
            clinic.completedSession(admin, id, renderer);
            by.add(renderer.memberId());
            any.add(renderer.memberId());
            pending = true;
            claimable = true;
        } else if (renderer != null) {
            probe = clinic.cancelledSession(admin, id, renderer);
            any.add(renderer.memberId());
        }
        clients.add(
                new Client(id, label, admin.practiceId(), kind, owner.memberId(), by, any, pending, claimable, probe));
    }

    private static String api(Clinic clinic) {
        return clinic.base();
    }

    // ---- the oracle: SPEC §5 restated -----------------------------------------------------------------

    boolean visible(Who c, Client x) {
        if (c.status() == Status.INACTIVE || c.status() == Status.REMOVED) {
            return false;
        }
        if (!x.practiceId().equals(c.member().practiceId())) {
            return false;
        }
        if (c.admin() && c.status() == Status.ACTIVE) {
            return true;
        }
        Set<String> lens = new HashSet<>();
        lens.add(c.member().memberId());
        if (c.status() == Status.ACTIVE) {
            lens.addAll(c.supervisees());
        }
        if (lens.contains(x.owner())) {
            return true;
        }
        if (x.kind().equals("PRACTICE") && x.sessionsBy().stream().anyMatch(lens::contains)) {
            return true;
        }
        return c.status() == Status.ACTIVE && c.viewPractice() && x.kind().equals("PRACTICE");
    }

    Set<String> visibleIds(Who c) {
        return clients.stream().filter(x -> visible(c, x)).map(Client::id).collect(Collectors.toSet());
    }

    /** Whether c may open m's caseload and session history. */
    boolean mayOpenTherapist(Who c, Member m, boolean mRemoved) {
        if (c.status() == Status.INACTIVE || c.status() == Status.REMOVED || mRemoved) {
            return false;
        }
        if (!m.practiceId().equals(c.member().practiceId())) {
            return false;
        }
        return (c.admin() && c.status() == Status.ACTIVE)
                || c.member().memberId().equals(m.memberId())
                || (c.status() == Status.ACTIVE && c.supervisees().contains(m.memberId()));
    }

    Set<String> caseloadOf(Member m) {
        return clients.stream()
                .filter(x -> x.owner().equals(m.memberId())
                        || (x.kind().equals("PRACTICE") && x.sessionsBy().contains(m.memberId())))
                .map(Client::id)
                .collect(Collectors.toSet());
    }

    Set<String> withSessionsOf(Member m) {
        return clients.stream()
                .filter(x -> x.anySessionBy().contains(m.memberId()))
                .map(Client::id)
                .collect(Collectors.toSet());
    }
}
