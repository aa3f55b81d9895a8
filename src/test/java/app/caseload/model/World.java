package app.caseload.model;

import app.caseload.model.Model.Client;
import app.caseload.model.Model.Member;
import app.caseload.model.Model.Role;
import app.caseload.model.Model.Session;
import app.caseload.model.Model.Status;
import app.caseload.model.Model.Supervision;
import app.caseload.support.Api;
import app.caseload.support.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * One seeded random practice, built through the HTTP API as an admin would build it, with every
 * accepted operation applied to the {@link Model} as well. Each operation's answer is predicted by
 * the rules first; an answer that contradicts the prediction is recorded (and the model follows what
 * the server did, so it never drifts from the server).
 */
final class World {

    final long seed;
    final Model model = new Model();
    /** One line per operation, as "#n what → status". */
    final List<String> log = new ArrayList<>();
    /** Operations whose answer contradicted the rules. */
    final List<String> refusals = new ArrayList<>();

    /** A second practice: nothing of it may ever show up in this one. */
    String foreignMemberId;

    String foreignClientId;
    String foreignSessionId;

    private final Random rnd;
    private final Api api;
    private final Fixtures fixtures;
    private final Instant base = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    private int slot;
    private Member owner;
    private Fixtures.Member ownerLogin;

    World(long seed, Api api, Fixtures fixtures) {
        this.seed = seed;
        this.rnd = new Random(seed);
        this.api = api;
        this.fixtures = fixtures;
    }

    // ---- the generator ---------------------------------------------------------------------------

    World build() {
        team();
        clientsAndSessions();
        int churn = 16 + rnd.nextInt(10);
        boolean removed = false;
        for (int i = 0; i < churn; i++) {
            int pick = rnd.nextInt(24);
            if (pick < 7) randomReassign();
            else if (pick < 11) randomSession();
            else if (pick < 13) randomOutcome();
            else if (pick < 16) randomNoteStep();
            else if (pick < 17) randomClientStatus();
            else if (pick < 19) randomRisk();
            else if (pick < 20) randomEndSupervision();
            else if (pick < 21) randomSupervise(false);
            else if (pick < 22) temporaryHold();
            else if (!removed) removed = randomRemoval();
            else randomReassign();
        }
        renderedAccess();
        handOverToUnsupervised();
        if (!removed && rnd.nextInt(4) > 0) {
            randomRemoval();
        }
        finalStatuses();
        toggleSupervision();
        foreignPractice();
        return this;
    }

    private void team() {
        ownerLogin = fixtures.signup("Model world " + seed);
        owner = new Member();
        owner.id = ownerLogin.memberId();
        owner.token = ownerLogin.token();
        owner.label = "M0";
        owner.admin = true;
        model.members.add(owner);
        log("signup M0 (Active admin, Licensed Therapist)", 201, 201);

        boolean viewerReports = rnd.nextBoolean();
        createRole(
                "Practice Viewer", Map.of("clients.view_practice", true, "reports.view", viewerReports), false, false);
        createRole(
                "Clinical Lead",
                Map.of("clients.view_practice", rnd.nextBoolean(), "reports.view", rnd.nextBoolean()),
                false,
                true);
        boolean supervisedViewer = rnd.nextBoolean();
        if (supervisedViewer) {
            createRole("Supervised Viewer", Map.of("clients.view_practice", true), true, false);
        }
        loadRoles();
        owner.role = model.roles.get("Licensed Therapist");
        setSupervision(true);

        List<String> plan = new ArrayList<>();
        plan.add("Supervisor");
        plan.add("Clinical Lead");
        if (rnd.nextInt(3) == 0) plan.add(rnd.nextBoolean() ? "Supervisor" : "Clinical Lead");
        plan.add("Associate");
        plan.add(rnd.nextBoolean() ? "Intern" : "Associate");
        if (supervisedViewer) plan.add("Supervised Viewer");
        else if (rnd.nextBoolean()) plan.add("Intern");
        plan.add("Practice Viewer");
        plan.add("Licensed Therapist");
        if (rnd.nextBoolean()) plan.add("Licensed Therapist");
        // Invitations are independent: joined a few at once (each waits for its email), labelled in plan order.
        List<Member> joining = new ArrayList<>();
        for (String roleName : plan) {
            Member m = new Member();
            m.label = "M" + (model.members.size() + joining.size());
            m.role = model.roles.get(roleName);
            joining.add(m);
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Fixtures.Member>> joined = new ArrayList<>();
            for (Member m : joining) {
                joined.add(pool.submit(() -> fixtures.join(ownerLogin, m.label + " " + m.role.name, m.role.name)));
            }
            for (int i = 0; i < joining.size(); i++) {
                Member m = joining.get(i);
                Fixtures.Member member = joined.get(i).get();
                m.id = member.memberId();
                m.token = member.token();
                model.members.add(m);
                log("join " + m.label + " as " + m.role.name, 200, 200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("Joining failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        if (rnd.nextInt(10) < 9) {
            Member second = pick(m -> m != owner && !m.role.requiresSupervision);
            if (second != null) {
                Api.Response r = expect(
                        "grant admin to " + second.label,
                        200,
                        () -> as(owner).put("/api/v1/therapists/" + second.id + "/admin", Map.of("admin", true)));
                if (r.status() == 200) second.admin = true;
            }
        }
        // Supervision: 1-2 supervisors for those who need them (most of them), some others too.
        for (Member m : List.copyOf(model.members)) {
            int wanted;
            if (m.role.requiresSupervision) wanted = rnd.nextInt(100) < 85 ? 1 + (rnd.nextInt(100) < 60 ? 1 : 0) : 0;
            else if (m == owner) wanted = 0;
            else wanted = rnd.nextInt(100) < 30 ? 1 : 0;
            for (int i = 0; i < wanted; i++) {
                Member sup = pick(s -> validSupervision(s, m));
                if (sup != null) supervise(sup, m);
            }
        }
        if (rnd.nextBoolean()) {
            randomSupervise(true);
        }
    }

    private void clientsAndSessions() {
        int clients = 8 + rnd.nextInt(11);
        for (int i = 0; i < clients; i++) {
            Member t = pick(m -> !m.removed && m.status == Status.ACTIVE);
            registerClient(rnd.nextBoolean() ? "DIRECT" : "PRACTICE", t);
        }
        for (Client c : List.copyOf(model.clients)) {
            int n = rnd.nextInt(5);
            for (int i = 0; i < n; i++) {
                sessionFor(c);
            }
        }
        // A few refusals the rules predict.
        Member unsupervised = pick(m -> !m.removed && model.unsupervisedButMustBe(m));
        if (unsupervised != null && !model.clients.isEmpty()) {
            Client c = pick(model.clients, x -> x.kind.equals("PRACTICE") || x.therapist == unsupervised);
            if (c != null) schedule(c, unsupervised, when());
        }
        Client direct = pick(model.clients, x -> x.kind.equals("DIRECT"));
        if (direct != null) {
            Member other = pick(m -> !m.removed && m.status == Status.ACTIVE && m != direct.therapist);
            if (other != null) schedule(direct, other, when());
        }
    }

    // ---- random operations ----------------------------------------------------------------------

    private void randomReassign() {
        // Prefer direct clients with pending notes: their author keeps rendered access.
        Client c = rnd.nextBoolean()
                ? pick(
                        model.clients,
                        x -> x.kind.equals("DIRECT")
                                && model.sessions.stream().anyMatch(s -> s.client == x && Model.pending(s)))
                : null;
        if (c == null) c = pick(model.clients, x -> true);
        if (c == null) return;
        Client client = c;
        Instant now = Instant.now();
        boolean movesSessions = client.kind.equals("DIRECT")
                && !model.futureSessionsOf(client.therapist, client, now).isEmpty();
        // A target who needs supervision and has none is refused only when sessions move with the
        // client (rules.md "Who may change"); without sessions to move the rules say nothing: not generated.
        Member to = pick(m -> !m.removed
                && m.status == Status.ACTIVE
                && m != client.therapist
                && (movesSessions || !model.unsupervisedButMustBe(m)));
        if (to != null) reassign(client, to);
    }

    private void randomSession() {
        Client c = pick(model.clients, x -> true);
        if (c != null) sessionFor(c);
    }

    private void randomOutcome() {
        Session s = pick(model.sessions, x -> x.status.equals("SCHEDULED"));
        if (s == null) return;
        int k = rnd.nextInt(3);
        outcome(s, k == 0 ? "complete" : k == 1 ? "cancel" : "no-show");
    }

    private void randomNoteStep() {
        Session s = pick(
                model.sessions,
                x -> x.status.equals("COMPLETED") && !x.note.equals("SIGNED") && Model.canSignIn(x.therapist));
        if (s == null) return;
        noteStep(s);
    }

    private void randomClientStatus() {
        Client c = pick(model.clients, x -> true);
        if (c == null) return;
        List<String> others = new ArrayList<>(List.of("ACTIVE", "INACTIVE", "DISCHARGED"));
        others.remove(c.status);
        String status = others.get(rnd.nextInt(others.size()));
        Api.Response r = expect(
                "client " + c.label + " status " + c.status + "→" + status,
                200,
                () -> as(owner).patch("/api/v1/clients/" + c.id, Map.of("status", status)));
        if (r.status() == 200) c.status = status;
    }

    private void randomRisk() {
        Client c = pick(model.clients, x -> true);
        if (c == null) return;
        String[] levels = {"NONE", "LOW", "MODERATE", "HIGH", "IMMINENT", "HIGH", "IMMINENT"};
        String level = levels[rnd.nextInt(levels.length)];
        Api.Response r = expect(
                "risk " + c.label + " " + c.risk + "→" + level,
                200,
                () -> as(owner).put("/api/v1/clients/" + c.id + "/risk", Map.of("level", level)));
        if (r.status() == 200) c.risk = level;
    }

    private void randomEndSupervision() {
        Supervision s = pick(model.supervisions, x -> !x.ended && !x.supervisee.removed && !x.supervisor.removed);
        if (s == null) return;
        Api.Response r = expect(
                "end supervision of " + s.supervisee.label + " by " + s.supervisor.label,
                204,
                () -> as(owner).delete("/api/v1/therapists/" + s.supervisee.id + "/supervisors/" + s.supervisor.id));
        if (r.status() == 204) s.ended = true;
    }

    /**
     * Finishes notes through rendered access: the author (and the author's supervisor) of a session
     * whose direct client has moved to someone else. Moves such a client first when there is none.
     */
    private void renderedAccess() {
        java.util.Set<Session> tried = new java.util.HashSet<>();
        for (int i = 0; i < 3; i++) {
            Session s = pick(
                    model.sessions,
                    x -> Model.pending(x)
                            && !tried.contains(x)
                            && "RENDERED".equals(model.category(x.therapist, x.client))
                            && Model.canSignIn(x.therapist));
            if (s == null) {
                Session candidate = pick(
                        model.sessions,
                        x -> Model.pending(x)
                                && x.client.kind.equals("DIRECT")
                                && x.client.therapist == x.therapist
                                && x.therapist.status == Status.ACTIVE);
                if (candidate == null) return;
                Client c = candidate.client;
                Member to = pick(m ->
                        !m.removed && m.status == Status.ACTIVE && m != c.therapist && !model.unsupervisedButMustBe(m));
                if (to == null) return;
                reassign(c, to);
                if (c.therapist != to) return;
                s = candidate;
            }
            tried.add(s);
            noteStep(s);
            if (s.note.equals("AWAITING_COSIGN") && rnd.nextBoolean()) noteStep(s);
        }
    }

    /**
     * Hands a direct client's future sessions to a member who needs supervision and has none: the
     * rules refuse it (409) and nothing changes.
     */
    private void handOverToUnsupervised() {
        if (rnd.nextInt(10) < 3) return;
        Member target = pick(m -> !m.removed && m.status == Status.ACTIVE && model.unsupervisedButMustBe(m));
        if (target == null) {
            // Make one: end every supervision of a supervisee.
            Member supervisee = pick(m -> !m.removed
                    && m.status == Status.ACTIVE
                    && m.role.requiresSupervision
                    && !model.currentSupervisors(m).isEmpty());
            if (supervisee == null) return;
            for (Supervision sv : List.copyOf(model.supervisions)) {
                if (!sv.ended && sv.supervisee == supervisee) {
                    Api.Response r = expect(
                            "end supervision of " + supervisee.label + " by " + sv.supervisor.label,
                            204,
                            () -> as(owner)
                                    .delete("/api/v1/therapists/" + supervisee.id + "/supervisors/"
                                            + sv.supervisor.id));
                    if (r.status() == 204) sv.ended = true;
                }
            }
            if (!model.unsupervisedButMustBe(supervisee)) return;
            target = supervisee;
        }
        Member to = target;
        Instant now = Instant.now();
        Client c = pick(
                model.clients,
                x -> x.kind.equals("DIRECT")
                        && x.therapist != to
                        && !model.futureSessionsOf(x.therapist, x, now).isEmpty());
        if (c == null) {
            Client direct = pick(
                    model.clients,
                    x -> x.kind.equals("DIRECT")
                            && x.therapist != to
                            && x.status.equals("ACTIVE")
                            && x.therapist.status == Status.ACTIVE
                            && !model.unsupervisedButMustBe(x.therapist));
            if (direct == null) return;
            schedule(direct, direct.therapist, base.plus(Duration.ofDays(10)).plus(Duration.ofHours(++slot)));
            c = direct;
        }
        reassign(c, to);
    }

    /** A valid supervision, or (when {@code refusal}) one the rules refuse with 409. */
    private void randomSupervise(boolean refusal) {
        if (!refusal) {
            Member supervisee = pick(m -> !m.removed && m != owner);
            if (supervisee == null) return;
            Member sup = pick(s -> validSupervision(s, supervisee));
            if (sup != null) supervise(sup, supervisee);
            return;
        }
        int kind = rnd.nextInt(3);
        Member a = pick(m -> !m.removed && m.role.canSupervise);
        if (a == null) return;
        Member supervisor;
        Member supervisee;
        String why;
        if (kind == 0) {
            supervisor = a;
            supervisee = a;
            why = "self";
        } else if (kind == 1) {
            supervisor = pick(m -> !m.removed && !m.role.canSupervise);
            supervisee = pick(m -> !m.removed && m != supervisor);
            why = "role cannot supervise";
        } else {
            Supervision s = pick(model.supervisions, x -> !x.ended);
            if (s == null) return;
            // Already assigned, or the reverse of a current one (a cycle).
            supervisor = rnd.nextBoolean() ? s.supervisor : s.supervisee;
            supervisee = supervisor == s.supervisor ? s.supervisee : s.supervisor;
            why = supervisor == s.supervisor ? "already assigned" : "cycle";
            if (why.equals("cycle") && !supervisor.role.canSupervise) return;
        }
        if (supervisor == null || supervisee == null) return;
        Api.Response r = expect(
                "supervise " + supervisee.label + " by " + supervisor.label + " (" + why + ")",
                409,
                () -> as(owner)
                        .post(
                                "/api/v1/therapists/" + supervisee.id + "/supervisors",
                                Map.of("supervisorId", supervisor.id)));
        if (r.status() == 201) model.supervisions.add(new Supervision(supervisor, supervisee));
    }

    /** Puts someone On Hold for a moment: the rules refuse them new sessions and new clients. */
    private void temporaryHold() {
        Member m = pick(x -> !x.removed && x != owner && x.status == Status.ACTIVE);
        if (m == null) return;
        if (!setStatus(m, Status.ON_HOLD)) return;
        Client c = pick(model.clients, x -> x.kind.equals("PRACTICE") || x.therapist == m);
        if (c != null) schedule(c, m, when());
        Client other = pick(model.clients, x -> x.therapist != m);
        if (other != null) reassign(other, m);
        setStatus(m, Status.ACTIVE);
    }

    /** Removes a member, with or without a therapist to hand their caseload to. */
    private boolean randomRemoval() {
        Member m = pick(x -> !x.removed && x != owner);
        if (m == null) return false;
        Instant now = Instant.now();
        boolean holds = model.clients.stream().anyMatch(c -> c.therapist == m)
                || !model.futureSessionsOf(m, null, now).isEmpty();
        Member to = null;
        if (holds || rnd.nextInt(3) > 0) {
            boolean movesSessions = !model.futureSessionsOf(m, null, now).isEmpty();
            to = pick(x -> !x.removed
                    && x != m
                    && x.status == Status.ACTIVE
                    && (movesSessions || !model.unsupervisedButMustBe(x)));
            if (rnd.nextInt(5) == 0) to = null; // and see the refusal listing what they hold
        }
        Member target = to;
        int expected;
        String why = "";
        if (target == null) expected = holds ? 409 : 204;
        else if (!model.futureSessionsOf(m, null, now).isEmpty() && model.unsupervisedButMustBe(target)) {
            expected = 409;
            why = " (target needs supervision and has none)";
        } else expected = 204;
        String what = "remove " + m.label + (target == null ? " (no reassignTo)" : " reassignTo " + target.label)
                + describeHoldings(m, now) + why;
        Api.Response r = expect(
                what,
                expected,
                () -> as(owner)
                        .delete("/api/v1/therapists/" + m.id + (target == null ? "" : "?reassignTo=" + target.id)));
        if (r.status() == 204) {
            model.remove(m, target, now);
            return true;
        }
        return false;
    }

    private void finalStatuses() {
        // On Hold: preferably a supervisor with supervisees, sometimes the second admin, sometimes a renderer.
        Member sup = pick(
                m -> !m.removed && m != owner && !model.assignedSupervisees(m).isEmpty());
        if (sup != null && rnd.nextInt(10) < 8) setStatus(sup, Status.ON_HOLD);
        Member admin = pick(m -> !m.removed && m != owner && m.admin && m.status == Status.ACTIVE);
        if (admin != null && rnd.nextBoolean()) setStatus(admin, Status.ON_HOLD);
        Member other = pick(m -> !m.removed && m != owner && m.status == Status.ACTIVE);
        if (other != null && rnd.nextBoolean()) setStatus(other, Status.ON_HOLD);
        Member inactive = pick(m -> !m.removed && m != owner && m.status == Status.ACTIVE);
        if (inactive != null && rnd.nextInt(10) < 8) setStatus(inactive, Status.INACTIVE);
        // On Hold renderers may still finish and sign their notes.
        for (int i = 0; i < 3; i++) {
            Session s = pick(
                    model.sessions,
                    x -> x.therapist.status == Status.ON_HOLD
                            && !x.therapist.removed
                            && x.status.equals("COMPLETED")
                            && !x.note.equals("SIGNED"));
            if (s != null) noteStep(s);
        }
        // An On Hold supervisor may not co-sign.
        Session awaiting = pick(
                model.sessions,
                x -> x.note.equals("AWAITING_COSIGN")
                        && model.currentSupervisors(x.therapist).stream().anyMatch(y -> y.status == Status.ON_HOLD));
        if (awaiting != null) {
            Member onHold = pick(model.currentSupervisors(awaiting.therapist), y -> y.status == Status.ON_HOLD);
            cosign(awaiting, onHold);
        }
    }

    private void toggleSupervision() {
        int k = rnd.nextInt(20);
        if (k < 7) {
            setSupervision(false);
        } else if (k < 13) {
            setSupervision(false);
            setSupervision(true);
        }
    }

    private void foreignPractice() {
        Fixtures.Member foreign = fixtures.signup("Model foreign " + seed);
        foreignMemberId = foreign.memberId();
        foreignClientId = api.as(foreign.token())
                .post(
                        "/api/v1/clients",
                        Map.of(
                                "fullName", "Foreign Client",
                                "dateOfBirth", "1980-01-01",
                                "kind", "PRACTICE",
                                "therapistId", foreign.memberId()))
                .expect(201)
                .field("id");
        foreignSessionId = api.as(foreign.token())
                .post(
                        "/api/v1/sessions",
                        sessionBody(foreignClientId, foreign.memberId(), base.minus(Duration.ofDays(9))))
                .expect(201)
                .field("id");
        api.as(foreign.token())
                .post("/api/v1/sessions/" + foreignSessionId + "/complete", null)
                .expect(200);
        log("foreign practice: an admin, a practice client, a completed session", 201, 201);
    }

    // ---- operations -------------------------------------------------------------------------------

    private void createRole(
            String name, Map<String, Boolean> features, boolean requiresSupervision, boolean canSupervise) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("description", "Model test role");
        body.put("features", features);
        body.put("requiresSupervision", requiresSupervision);
        body.put("canSupervise", canSupervise);
        body.put("billingModifier", "HO");
        expect(
                "role " + name + " " + features + (requiresSupervision ? " requiresSupervision" : "")
                        + (canSupervise ? " canSupervise" : ""),
                201,
                () -> as(owner).post("/api/v1/roles", body));
    }

    /** Reads every role with its effective features (overrides over the catalogue's defaults). */
    private void loadRoles() {
        Map<String, Boolean> defaults = new HashMap<>();
        JsonNode features = as(owner).get("/api/v1/features").expect(200).json();
        for (JsonNode f : features.has("items") ? features.path("items") : features) {
            defaults.put(f.path("key").asString(), f.path("defaultEnabled").asBoolean());
        }
        for (JsonNode r : as(owner).get("/api/v1/roles").expect(200).json().path("items")) {
            Role role = new Role();
            role.id = r.path("id").asString();
            role.name = r.path("name").asString();
            JsonNode overrides = r.path("features");
            java.util.function.Function<String, Boolean> on =
                    key -> overrides.has(key) ? overrides.path(key).asBoolean() : defaults.getOrDefault(key, false);
            role.viewPractice = on.apply("clients.view_practice");
            role.reportsView = on.apply("reports.view");
            role.signIndependently = on.apply("notes.sign_independently");
            role.requiresSupervision = r.path("requiresSupervision").asBoolean();
            role.canSupervise = r.path("canSupervise").asBoolean();
            model.roles.put(role.name, role);
        }
    }

    private void setSupervision(boolean on) {
        Api.Response r = expect(
                "supervision " + (on ? "on" : "off"),
                200,
                () -> as(owner).patch("/api/v1/practice", Map.of("supervisionEnabled", on)));
        if (r.status() == 200) model.supervisionOn = on;
    }

    private boolean validSupervision(Member supervisor, Member supervisee) {
        return !supervisor.removed
                && supervisor != supervisee
                && supervisor.role.canSupervise
                && model.supervisionOn
                && model.supervisions.stream()
                        .noneMatch(s -> !s.ended && s.supervisor == supervisor && s.supervisee == supervisee)
                && !model.transitiveSupervisors(supervisor).contains(supervisee);
    }

    private void supervise(Member supervisor, Member supervisee) {
        Api.Response r = expect(
                "supervise " + supervisee.label + " by " + supervisor.label,
                201,
                () -> as(owner)
                        .post(
                                "/api/v1/therapists/" + supervisee.id + "/supervisors",
                                Map.of("supervisorId", supervisor.id)));
        if (r.status() == 201) model.supervisions.add(new Supervision(supervisor, supervisee));
    }

    private boolean setStatus(Member m, Status status) {
        Api.Response r = expect(
                "status " + m.label + " " + m.status + "→" + status,
                200,
                () -> as(owner).put("/api/v1/therapists/" + m.id + "/status", Map.of("status", status.name())));
        if (r.status() == 200) m.status = status;
        return r.status() == 200;
    }

    private void registerClient(String kind, Member t) {
        Client c = new Client();
        c.label = String.format("C%02d", model.clients.size() + 1);
        c.name = c.label + " Client";
        c.kind = kind;
        int expected = t.status == Status.ACTIVE ? 201 : 409;
        Api.Response r = expect(
                "client " + c.label + " " + kind + " of " + t.label,
                expected,
                () -> as(owner)
                        .post(
                                "/api/v1/clients",
                                Map.of(
                                        "fullName",
                                        c.name,
                                        "dateOfBirth",
                                        "1990-04-01",
                                        "kind",
                                        kind,
                                        "therapistId",
                                        t.id)));
        if (r.status() == 201) {
            c.id = r.field("id");
            c.therapist = t;
            c.assignments.add(new Member[] {null, t});
            model.clients.add(c);
        }
    }

    private void reassign(Client c, Member to) {
        Instant now = Instant.now();
        List<Session> moving = c.kind.equals("DIRECT") ? model.futureSessionsOf(c.therapist, c, now) : List.of();
        int expected;
        String why = "";
        if (to.status != Status.ACTIVE) {
            expected = 409;
            why = " (target " + to.status + ")";
        } else if (!moving.isEmpty() && model.unsupervisedButMustBe(to)) {
            expected = 409;
            why = " (target needs supervision and has none)";
        } else {
            expected = 200;
        }
        String what = "reassign " + c.label + " (" + c.kind + ") " + c.therapist.label + "→" + to.label
                + (moving.isEmpty() ? "" : " moving " + labels(moving)) + why;
        Api.Response r = expect(
                what,
                expected,
                () -> as(owner).post("/api/v1/clients/" + c.id + "/reassign", Map.of("therapistId", to.id)));
        if (r.status() == 200) model.reassign(c, to, now);
    }

    /** The session slots never overlap: one hour apart, in three bands (long ago, recent, future). */
    private Instant when() {
        int band = rnd.nextInt(100);
        int k = ++slot;
        if (band < 35) return base.minus(Duration.ofDays(200)).plus(Duration.ofHours(k));
        if (band < 70) return base.minus(Duration.ofDays(25)).plus(Duration.ofHours(k));
        return base.plus(Duration.ofDays(10)).plus(Duration.ofHours(k));
    }

    /** A session of c with some outcome and note: a walk-in when someone else renders a practice client. */
    private void sessionFor(Client c) {
        Member t;
        if (c.kind.equals("DIRECT")) {
            t = c.therapist;
        } else if (rnd.nextBoolean()) {
            t = c.therapist;
        } else {
            t = pick(m -> !m.removed && m != c.therapist && m.status == Status.ACTIVE);
            if (t == null) t = c.therapist;
        }
        Session s = schedule(c, t, when());
        if (s == null) return;
        boolean past = s.startsAt.isBefore(Instant.now());
        int k = rnd.nextInt(100);
        if (past) {
            if (k < 60) outcome(s, "complete");
            else if (k < 75) outcome(s, "cancel");
            else if (k < 85) outcome(s, "no-show");
        } else {
            if (k < 20) outcome(s, "cancel");
            else if (k < 25) outcome(s, "complete"); // refused: not started yet
        }
        if (s.status.equals("COMPLETED")) {
            int note = rnd.nextInt(100);
            if (note >= 25) noteStep(s);
            if (note >= 50) noteStep(s);
            if (note >= 70 && s.note.equals("AWAITING_COSIGN")) noteStep(s);
        }
    }

    private Session schedule(Client c, Member t, Instant at) {
        int expected = 201;
        String why = "";
        if (t.status != Status.ACTIVE) {
            expected = 409;
            why = " (therapist " + t.status + ")";
        } else if (!c.status.equals("ACTIVE")) {
            expected = 409;
            why = " (client " + c.status + ")";
        } else if (c.kind.equals("DIRECT") && c.therapist != t) {
            expected = 409;
            why = " (direct client of " + c.therapist.label + ")";
        } else if (model.unsupervisedButMustBe(t)) {
            expected = 409;
            why = " (needs supervision, has none)";
        }
        Session s = new Session();
        s.label = String.format("S%03d", model.sessions.size() + 1);
        String band =
                at.isAfter(base) ? "future" : at.isBefore(base.minus(Duration.ofDays(60))) ? "long ago" : "recent";
        String what = "session " + (expected == 201 ? s.label + " " : "") + c.label + " (" + c.kind + " of "
                + c.therapist.label + ") by " + t.label + " " + band + why;
        Api.Response r = expect(what, expected, () -> as(owner).post("/api/v1/sessions", sessionBody(c.id, t.id, at)));
        if (r.status() != 201) return null;
        s.id = r.field("id");
        s.client = c;
        s.therapist = t;
        s.startsAt = at;
        model.sessions.add(s);
        return s;
    }

    private static Map<String, Object> sessionBody(String clientId, String therapistId, Instant at) {
        return Map.of(
                "clientId",
                clientId,
                "therapistId",
                therapistId,
                "startsAt",
                at.toString(),
                "durationMinutes",
                50,
                "serviceCode",
                "90834");
    }

    /** complete, cancel or no-show, as the owner. */
    private void outcome(Session s, String verb) {
        int expected = 200;
        if (!s.status.equals("SCHEDULED")) expected = 409;
        else if (!verb.equals("cancel") && s.startsAt.isAfter(Instant.now())) expected = 409;
        Api.Response r = expect(
                verb + " " + s.label, expected, () -> as(owner).post("/api/v1/sessions/" + s.id + "/" + verb, null));
        if (r.status() == 200) {
            s.status = switch (verb) {
                case "complete" -> "COMPLETED";
                case "cancel" -> "CANCELLED";
                default -> "NO_SHOW";
            };
        }
    }

    /** The next step of a completed session's note: write, sign, or co-sign by a current supervisor. */
    private void noteStep(Session s) {
        Member author = s.therapist;
        if (!Model.canSignIn(author)) return;
        switch (s.note) {
            case "NONE" -> {
                Api.Response r = expect(
                        "write note " + s.label + " by " + author.label + visibilityNote(author, s),
                        200,
                        () -> as(author).put("/api/v1/sessions/" + s.id + "/note", Map.of("text", "Model note.")));
                if (r.status() == 200) s.note = "DRAFT";
            }
            case "DRAFT" -> {
                boolean cosign = author.role.requiresSupervision || !author.role.signIndependently;
                Api.Response r = expect(
                        "sign note " + s.label + " by " + author.label + visibilityNote(author, s),
                        200,
                        () -> as(author).post("/api/v1/sessions/" + s.id + "/note/sign", null));
                if (r.status() == 200) s.note = cosign ? "AWAITING_COSIGN" : "SIGNED";
                if (r.status() == 200 && !r.field("noteStatus").equals(s.note)) {
                    refusals.add("#" + log.size() + " sign note " + s.label + ": rules say " + s.note + ", server says "
                            + r.field("noteStatus"));
                    s.note = r.field("noteStatus");
                }
            }
            case "AWAITING_COSIGN" -> {
                Member sup = pick(model.currentSupervisors(author), y -> y.status == Status.ACTIVE);
                if (sup != null) cosign(s, sup);
            }
            default -> {}
        }
    }

    private void cosign(Session s, Member by) {
        int expected;
        if (!model.sessionVisible(by, s)) expected = 404;
        else if (by.status != Status.ACTIVE || !model.supervises(by, s.therapist)) expected = 403;
        else expected = s.note.equals("AWAITING_COSIGN") ? 200 : 409;
        Api.Response r = expect(
                "cosign note " + s.label + " by " + by.label + " (" + by.status + ")" + visibilityNote(by, s),
                expected,
                () -> as(by).post("/api/v1/sessions/" + s.id + "/note/cosign", null));
        if (r.status() == 200) s.note = "SIGNED";
    }

    // ---- helpers ----------------------------------------------------------------------------------

    /** Notes who sees the session through rendered access only (its client is out of their sight). */
    private String visibilityNote(Member who, Session s) {
        return model.clientVisible(who, s.client)
                ? ""
                : " [rendered access: " + s.client.label + " is with " + s.client.therapist.label + "]";
    }

    private String describeHoldings(Member m, Instant now) {
        List<Client> held = model.clients.stream().filter(c -> c.therapist == m).toList();
        List<Session> future = model.futureSessionsOf(m, null, now);
        if (held.isEmpty() && future.isEmpty()) return " holding nothing";
        return " holding " + labels(held) + (future.isEmpty() ? "" : " future " + labels(future));
    }

    static String labels(List<?> things) {
        return things.stream().map(Object::toString).collect(Collectors.joining(",", "[", "]"));
    }

    private Api as(Member m) {
        return api.as(m.token);
    }

    /** Sends, logs and compares the answer with the rules' prediction. */
    private Api.Response expect(String what, int expected, Supplier<Api.Response> call) {
        Api.Response r = call.get();
        log(what, expected, r.status());
        if (r.status() != expected) {
            String body = r.body() == null ? "" : r.body();
            refusals.add(log.get(log.size() - 1) + " — rules say " + expected + ", server said " + r.status() + ": "
                    + body.substring(0, Math.min(200, body.length())));
        }
        if (r.status() >= 500) {
            throw new AssertionError("Server error on '" + what + "': " + r.body());
        }
        return r;
    }

    private void log(String what, int expected, int actual) {
        log.add(String.format(
                "#%02d %s → %d%s",
                log.size() + 1, what, actual, actual == expected ? "" : " (rules: " + expected + ")"));
    }

    private Member pick(Predicate<Member> filter) {
        return pick(model.members, filter);
    }

    private <T> T pick(List<T> from, Predicate<T> filter) {
        List<T> candidates = from.stream().filter(filter).toList();
        return candidates.isEmpty() ? null : candidates.get(rnd.nextInt(candidates.size()));
    }

    /** Which of the interesting situations this world holds (printed with its timing). */
    String coverage() {
        List<String> has = new ArrayList<>();
        has.add("supervision "
                + (model.supervisionOn
                        ? (log.stream().anyMatch(l -> l.contains("supervision off →")) ? "off→on" : "on")
                        : "off"));
        Predicate<Member> supervisor = m -> !model.assignedSupervisees(m).isEmpty();
        if (model.members.stream().anyMatch(m -> m.admin && m.status == Status.ON_HOLD && !m.removed))
            has.add("On Hold admin");
        if (model.members.stream().anyMatch(m -> supervisor.test(m) && m.status == Status.ON_HOLD && !m.removed)) {
            has.add("On Hold supervisor");
        }
        if (model.members.stream().anyMatch(m -> m.status == Status.INACTIVE && !m.removed)) has.add("Inactive");
        if (model.members.stream().anyMatch(m -> m.removed)) has.add("removed");
        if (model.members.stream()
                .anyMatch(m -> model.supervisions.stream()
                                .filter(x -> !x.ended && x.supervisee == m)
                                .count()
                        > 1)) {
            has.add("2 supervisors");
        }
        long walkIns = model.clients.stream()
                .filter(c -> model.members.stream().anyMatch(m -> "WALK_IN".equals(model.category(m, c))))
                .count();
        long rendered = model.clients.stream()
                .filter(c -> model.members.stream().anyMatch(m -> "RENDERED".equals(model.category(m, c))))
                .count();
        has.add(walkIns + " walk-in clients");
        has.add(rendered + " rendered clients");
        has.add(log.stream().filter(l -> l.contains("[rendered access")).count() + " rendered-access note steps");
        if (log.stream().anyMatch(l -> l.contains("needs supervision and has none"))) has.add("hand-over refusal");
        return String.join(", ", has);
    }

    /** A compact description of the world as it ended up. */
    String describe() {
        StringBuilder b = new StringBuilder();
        b.append("supervision ").append(model.supervisionOn ? "on" : "off").append('\n');
        for (Member m : model.members) {
            b.append("  ").append(m.label).append(' ').append(m.removed ? "REMOVED" : m.status);
            if (m.admin) b.append(" admin");
            b.append(' ').append(m.role);
            List<Member> sups = model.supervisions.stream()
                    .filter(s -> !s.ended && s.supervisee == m)
                    .map(s -> s.supervisor)
                    .toList();
            if (!sups.isEmpty()) b.append(" supervised by ").append(labels(sups));
            b.append('\n');
        }
        for (Client c : model.clients) {
            b.append("  ")
                    .append(c.label)
                    .append(' ')
                    .append(c.kind)
                    .append(" of ")
                    .append(c.therapist.label);
            b.append(' ').append(c.status).append(" risk ").append(c.risk);
            List<String> sessions = model.sessions.stream()
                    .filter(s -> s.client == c)
                    .map(s -> s.label + ":" + s.therapist.label + ":" + s.status
                            + (s.status.equals("COMPLETED") ? "/" + s.note : "")
                            + (s.startsAt.isAfter(base) ? ":future" : ""))
                    .toList();
            if (!sessions.isEmpty()) b.append(" sessions ").append(sessions);
            b.append('\n');
        }
        return b.toString();
    }
}
