package app.caseload.model;

import app.caseload.model.Model.Client;
import app.caseload.model.Model.ClientMetrics;
import app.caseload.model.Model.Member;
import app.caseload.model.Model.PracticeMetrics;
import app.caseload.model.Model.Session;
import app.caseload.model.Model.TherapistMetrics;
import app.caseload.support.Api;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Asks the API, as every member of the world, everything the rules decide about them, and compares
 * the answers by content with the {@link Model}: sets of ids and categories, fields and numbers.
 */
final class Checker {

    /** One difference between the server and the rules. */
    record Mismatch(
            String callerKind, String caller, String endpoint, String kind, String detail, Set<String> labels) {}

    private static final String V1 = "/api/v1";
    private static final String FHIR = "/fhir/r4";

    private final World world;
    private final Model model;
    private final Api api;
    private static final int THREADS = Integer.getInteger("caseload.model.threads", 4);

    private volatile Instant now;
    private final AtomicInteger requests = new AtomicInteger();
    final List<Mismatch> found = new ArrayList<>();

    Checker(World world, Api api) {
        this.world = world;
        this.model = world.model;
        this.api = api;
    }

    /** Checks every member of the world; callers are independent, so a few run at once. */
    Checker run() {
        now = Instant.now();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<List<Mismatch>>> results = new ArrayList<>();
            for (Member x : model.members) {
                results.add(pool.submit(() -> check(x)));
            }
            for (Future<List<Mismatch>> result : results) {
                found.addAll(result.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return this;
    }

    int requests() {
        return requests.get();
    }

    private Api.Response get(Api as, String path) {
        requests.incrementAndGet();
        return as.get(path);
    }

    private Api.Response patch(Api as, String path) {
        requests.incrementAndGet();
        return as.patch(path, Map.of());
    }

    private Api.Response put(Api as, String path, Object body) {
        requests.incrementAndGet();
        return as.put(path, body);
    }

    private List<Mismatch> check(Member x) {
        Api as = api.as(x.token);
        Caller c = new Caller(x, callerKind(x));
        checkAs(as, c);
        return c.found;
    }

    private void checkAs(Api as, Caller c) {
        Member x = c.member;
        if (!Model.canSignIn(x)) {
            for (String path : List.of(V1 + "/clients", V1 + "/me", V1 + "/practice", FHIR + "/Patient")) {
                int status = get(as, path).status();
                if (status != 401) {
                    c.add(
                            "GET " + path,
                            "answers " + status + ", rules say 401",
                            x.label + " is " + (x.removed ? "removed" : x.status) + " and still gets " + status);
                }
            }
            return;
        }
        checkClients(as, c);
        checkSessions(as, c);
        checkFhir(as, c);
        checkTeam(as, c);
        checkPractice(as, c);
    }

    // ---- clients ----------------------------------------------------------------------------------

    private void checkClients(Api as, Caller c) {
        Member x = c.member;
        Map<String, String> expected = new LinkedHashMap<>();
        for (Client client : model.clients) {
            String why = model.whyClientVisible(x, client);
            if (why != null) expected.put(client.id, why);
        }
        Walk list = walk(as, V1 + "/clients", 4);
        if (list.status != 200) {
            c.add("GET /clients", "answers " + list.status, "list answers " + list.status);
        } else {
            compareSet(
                    c,
                    "GET /clients",
                    expected,
                    ids(list.items, i -> i.path("id").asString()),
                    this::whyNotClient);
            for (JsonNode item : list.items) {
                Client client = model.client(item.path("id").asString());
                if (client != null) compareClient(c, "GET /clients", item, client);
            }
        }
        // Filtered pages: the page's conditions narrow each lens member's name-ordered rows, so a
        // filter must give exactly the visible clients that match it, walked in small pages.
        for (String kind : List.of("DIRECT", "PRACTICE")) {
            checkFilteredList(as, c, expected, "kind=" + kind, client -> client.kind.equals(kind));
        }
        checkFilteredList(as, c, expected, "status=ACTIVE", client -> client.status.equals("ACTIVE"));
        // Name Z–A reads the same ranges backwards: the same set, filtered or not.
        checkFilteredList(as, c, expected, "sort=-name", client -> true);
        checkFilteredList(as, c, expected, "kind=PRACTICE&sort=-name", client -> client.kind.equals("PRACTICE"));
        // The therapist filter: the visible clients assigned to that therapist, whoever asks (the caller's
        // own, and those of the member who holds the most), both name orders.
        for (Member therapist : filteredTherapists(x)) {
            String query = "therapistId=" + therapist.id;
            checkFilteredList(as, c, expected, query, client -> client.therapist == therapist);
            checkFilteredList(as, c, expected, query + "&sort=-name", client -> client.therapist == therapist);
        }
        int invisibleProbes = 2;
        Set<String> reasons = new HashSet<>();
        for (Client client : model.clients) {
            String why = expected.get(client.id);
            boolean visible = why != null;
            String path = V1 + "/clients/" + client.id;

            Api.Response detail = get(as, path);
            if (expectStatus(c, "GET /clients/{id}", detail.status(), visible ? 200 : 404, client, why) && visible) {
                compareClient(c, "GET /clients/{id}", detail.json(), client);
            }

            Walk sessions = walk(as, path + "/sessions", 5);
            if (expectStatus(c, "GET /clients/{id}/sessions", sessions.status, visible ? 200 : 404, client, why)
                    && visible) {
                Map<String, String> all = new LinkedHashMap<>();
                model.sessions.stream()
                        .filter(s -> s.client == client)
                        .forEach(s -> all.put(s.id, "session of " + client.label));
                compareSet(
                        c,
                        "GET /clients/{id}/sessions",
                        all,
                        ids(sessions.items, i -> i.path("id").asString()),
                        id -> "not a session of " + client.label);
            }

            // The rest of the client's paths, sampled to keep the run short: one visible client per
            // reason of visibility and answer the rules give to a change, every reassigned one for
            // its history, and a couple of invisible ones (a 404 on every client path is what
            // ClientDataEndpointMatrixTest checks exhaustively).
            boolean firstOfItsKind = visible
                    ? reasons.add(shortWhy(why) + " " + client.kind + " " + model.patchStatus(x, client))
                    : invisibleProbes-- > 0;
            if (!firstOfItsKind && !(visible && client.assignments.size() > 1)) {
                continue;
            }
            Api.Response assignments = get(as, path + "/assignments");
            if (expectStatus(c, "GET /clients/{id}/assignments", assignments.status(), visible ? 200 : 404, client, why)
                    && visible) {
                compareAssignments(c, assignments.json(), client);
            }
            if (!firstOfItsKind) {
                continue;
            }
            expectStatus(
                    c, "GET /clients/{id}/risk", get(as, path + "/risk").status(), visible ? 200 : 404, client, why);
            expectStatus(
                    c,
                    "PATCH /clients/{id} (no change)",
                    patch(as, path).status(),
                    model.patchStatus(x, client),
                    client,
                    why);
            expectStatus(
                    c,
                    "PUT /clients/{id}/risk (same level)",
                    put(as, path + "/risk", Map.of("level", client.risk)).status(),
                    model.riskStatus(x, client),
                    client,
                    why);
        }
        int foreign = get(as, V1 + "/clients/" + world.foreignClientId).status();
        if (foreign != 404)
            c.add("GET /clients/{id}", "another practice's client answers " + foreign, "foreign client");
        foreign =
                get(as, V1 + "/clients/" + world.foreignClientId + "/sessions").status();
        if (foreign != 404) {
            c.add("GET /clients/{id}/sessions", "another practice's client answers " + foreign, "foreign client");
        }
    }

    private void compareClient(Caller c, String endpoint, JsonNode json, Client client) {
        List<String> diffs = new ArrayList<>();
        field(diffs, "fullName", client.name, json.path("fullName").asString());
        field(diffs, "kind", client.kind, json.path("kind").asString());
        field(
                diffs,
                "therapistId",
                client.therapist.id,
                json.path("therapistId").asString(),
                model::label);
        field(diffs, "status", client.status, json.path("status").asString());
        field(diffs, "riskLevel", client.risk, json.path("riskLevel").asString());
        if (json.has("therapistStatus")) {
            field(
                    diffs,
                    "therapistStatus",
                    client.therapist.status.name(),
                    json.path("therapistStatus").asString());
        }
        ClientMetrics m = model.metrics(client);
        JsonNode metrics = json.path("metrics");
        field(
                diffs,
                "metrics.sessionsCount",
                m.sessionsCount(),
                metrics.path("sessionsCount").asLong());
        field(
                diffs,
                "metrics.pendingNotes",
                m.pendingNotes(),
                metrics.path("pendingNotes").asLong());
        field(diffs, "metrics.lastSessionAt", m.lastSessionAt(), instant(metrics.path("lastSessionAt")));
        for (String d : diffs) {
            c.add(endpoint, "field " + d.substring(0, d.indexOf(':')), client.label + "." + d, client.label);
        }
    }

    private void compareAssignments(Caller c, JsonNode json, Client client) {
        List<String> expected = new ArrayList<>();
        for (int i = client.assignments.size() - 1; i >= 0; i--) {
            Member[] a = client.assignments.get(i);
            expected.add((a[0] == null ? "-" : a[0].label) + "→" + a[1].label);
        }
        List<String> actual = new ArrayList<>();
        JsonNode items = json.has("items") ? json.path("items") : json;
        for (JsonNode a : items) {
            String from = a.path("fromTherapistId").asString();
            actual.add((from == null || from.isEmpty() ? "-" : model.label(from)) + "→"
                    + model.label(a.path("toTherapistId").asString()));
        }
        if (!expected.equals(actual)) {
            c.add(
                    "GET /clients/{id}/assignments",
                    "history differs",
                    client.label + ": rules " + expected + ", server " + actual,
                    client.label);
        }
    }

    // ---- sessions and notes -------------------------------------------------------------------------

    private void checkSessions(Api as, Caller c) {
        Member x = c.member;
        Map<String, String> pending = new LinkedHashMap<>();
        int invisibleNotes = 2;
        for (Session s : model.sessions) {
            String why = model.whySessionVisible(x, s);
            boolean visible = why != null;
            if (visible && Model.pending(s)) pending.put(s.id, why);
            Api.Response r = get(as, V1 + "/sessions/" + s.id);
            if (expectStatus(c, "GET /sessions/{id}", r.status(), visible ? 200 : 404, s, why) && visible) {
                compareSession(c, "GET /sessions/{id}", r.json(), s);
            }
            // Notes of completed sessions (the others have none), and a few invisible sessions.
            if (visible ? !s.status.equals("COMPLETED") : invisibleNotes-- <= 0) {
                continue;
            }
            Api.Response note = get(as, V1 + "/sessions/" + s.id + "/note");
            if (expectStatus(c, "GET /sessions/{id}/note", note.status(), visible ? 200 : 404, s, why) && visible) {
                List<String> diffs = new ArrayList<>();
                field(diffs, "status", s.note, note.json().path("status").asString());
                for (String d : diffs)
                    c.add("GET /sessions/{id}/note", "field status", s.label + ".note " + d, s.label);
            }
        }
        int foreign = get(as, V1 + "/sessions/" + world.foreignSessionId).status();
        if (foreign != 404) c.add("GET /sessions/{id}", "another practice's session answers " + foreign, "foreign");

        Walk list = walk(as, V1 + "/notes/pending", 5);
        if (list.status != 200) {
            c.add("GET /notes/pending", "answers " + list.status, "pending answers " + list.status);
            return;
        }
        compareSet(
                c,
                "GET /notes/pending",
                pending,
                ids(list.items, i -> i.path("id").asString()),
                this::whyNotSession);
        for (JsonNode item : list.items) {
            Session s = model.session(item.path("id").asString());
            if (s != null) compareSession(c, "GET /notes/pending", item, s);
        }
    }

    private void compareSession(Caller c, String endpoint, JsonNode json, Session s) {
        List<String> diffs = new ArrayList<>();
        field(diffs, "clientId", s.client.id, json.path("clientId").asString(), model::label);
        field(diffs, "therapistId", s.therapist.id, json.path("therapistId").asString(), model::label);
        field(diffs, "status", s.status, json.path("status").asString());
        field(diffs, "noteStatus", s.note, json.path("noteStatus").asString());
        field(diffs, "startsAt", s.startsAt, instant(json.path("startsAt")));
        for (String d : diffs) {
            c.add(endpoint, "field " + d.substring(0, d.indexOf(':')), s.label + "." + d, s.label);
        }
    }

    // ---- FHIR: the same relation through /fhir/r4 ------------------------------------------------------

    /**
     * The FHIR Patient and CareTeam sets are the visible clients, the Encounter set the visible
     * sessions, each walked through its next links; another practice's client and session are 404.
     */
    private void checkFhir(Api as, Caller c) {
        Member x = c.member;
        Map<String, String> clients = new LinkedHashMap<>();
        for (Client client : model.clients) {
            String why = model.whyClientVisible(x, client);
            if (why != null) clients.put(client.id, why);
        }
        for (String type : List.of("Patient", "CareTeam")) {
            Walk walk = walkFhir(as, FHIR + "/" + type, 4);
            if (walk.status != 200) {
                c.add("FHIR " + type + " search", "answers " + walk.status, type + " answers " + walk.status);
                continue;
            }
            compareSet(
                    c,
                    "FHIR " + type + " search",
                    clients,
                    ids(walk.items, i -> i.path("id").asString()),
                    this::whyNotClient);
        }
        Map<String, String> sessions = new LinkedHashMap<>();
        for (Session s : model.sessions) {
            String why = model.whySessionVisible(x, s);
            if (why != null) sessions.put(s.id, why);
        }
        Walk encounters = walkFhir(as, FHIR + "/Encounter", 5);
        if (encounters.status != 200) {
            c.add("FHIR Encounter search", "answers " + encounters.status, "Encounter answers " + encounters.status);
        } else {
            compareSet(
                    c,
                    "FHIR Encounter search",
                    sessions,
                    ids(encounters.items, i -> i.path("id").asString()),
                    this::whyNotSession);
            for (JsonNode encounter : encounters.items) {
                Session s = model.session(encounter.path("id").asString());
                if (s == null) continue;
                String subject = encounter.path("subject").path("reference").asString();
                String renderer = encounter
                        .path("participant")
                        .path(0)
                        .path("individual")
                        .path("reference")
                        .asString();
                if (!subject.equals("Patient/" + s.client.id) || !renderer.equals("Practitioner/" + s.therapist.id)) {
                    c.add(
                            "FHIR Encounter search",
                            "subject or participant differs",
                            s.label + ": " + subject + ", " + renderer,
                            s.label);
                }
            }
        }
        int foreign = get(as, FHIR + "/Patient/" + world.foreignClientId).status();
        if (foreign != 404) c.add("FHIR Patient read", "another practice's client answers " + foreign, "foreign");
        foreign = get(as, FHIR + "/Encounter/" + world.foreignSessionId).status();
        if (foreign != 404) c.add("FHIR Encounter read", "another practice's session answers " + foreign, "foreign");
    }

    /** A FHIR search walked through its next links: the resources of every page, in order. */
    private Walk walkFhir(Api as, String path, int count) {
        List<JsonNode> items = new ArrayList<>();
        String url = path + "?_count=" + count;
        for (int page = 0; page < 1000; page++) {
            Api.Response r = get(as, url);
            if (r.status() != 200) return new Walk(r.status(), items);
            JsonNode bundle = r.json();
            bundle.path("entry").forEach(e -> items.add(e.path("resource")));
            url = null;
            for (JsonNode link : bundle.path("link")) {
                if (link.path("relation").asString().equals("next")) {
                    String next = link.path("url").asString();
                    url = next.substring(next.indexOf(FHIR + "/"));
                }
            }
            if (url == null) return new Walk(200, items);
        }
        throw new AssertionError("Paging never ends: " + path);
    }

    // ---- the team, caseloads and therapists' numbers -------------------------------------------

    private void checkTeam(Api as, Caller c) {
        Member x = c.member;
        Walk roster = walk(as, V1 + "/therapists", 3);
        if (roster.status != 200) {
            c.add("GET /therapists", "answers " + roster.status, "roster answers " + roster.status);
        } else {
            Map<String, String> expected = new LinkedHashMap<>();
            model.members.stream().filter(m -> !m.removed).forEach(m -> expected.put(m.id, "current member"));
            compareSet(
                    c,
                    "GET /therapists",
                    expected,
                    ids(roster.items, i -> i.path("id").asString()),
                    id -> {
                        Member m = model.member(id);
                        return m != null && m.removed ? "removed" : "not a member of this practice";
                    });
            for (JsonNode item : roster.items) {
                Member t = model.member(item.path("id").asString());
                if (t != null && !t.removed) compareMember(c, "GET /therapists", item, t);
            }
        }
        for (Member t : model.members) {
            String path = V1 + "/therapists/" + t.id;
            Api.Response profile = get(as, path);
            if (expectStatus(c, "GET /therapists/{id}", profile.status(), t.removed ? 404 : 200, t, null)
                    && !t.removed) {
                compareMember(c, "GET /therapists/{id}", profile.json(), t);
            }
            boolean open = model.mayOpen(x, t);
            String why = open ? (Model.activeAdmin(x) ? "admin" : t == x ? "self" : "supervisor") : null;

            Walk caseload = walk(as, path + "/caseload", 4);
            if (expectStatus(c, "GET /therapists/{id}/caseload", caseload.status, open ? 200 : 404, t, why) && open) {
                Map<String, String> items = new LinkedHashMap<>();
                model.caseload(t).forEach((client, category) -> items.put(client.id + ":" + category, category));
                compareSet(
                        c,
                        "GET /therapists/{id}/caseload of " + role(t),
                        items,
                        ids(
                                caseload.items,
                                i -> i.path("client").path("id").asString() + ":"
                                        + i.path("category").asString()),
                        key -> "rules: " + t.label + " holds "
                                + model.client(key.substring(0, key.indexOf(':'))) + " as "
                                + model.category(t, model.client(key.substring(0, key.indexOf(':')))));
                for (JsonNode item : caseload.items) {
                    Client client = model.client(item.path("client").path("id").asString());
                    if (client != null) compareClient(c, "GET /therapists/{id}/caseload", item.path("client"), client);
                }
            }

            Walk sessions = walk(as, path + "/sessions", 6);
            if (expectStatus(c, "GET /therapists/{id}/sessions", sessions.status, open ? 200 : 404, t, why) && open) {
                Map<String, String> rows = new LinkedHashMap<>();
                for (Session s : model.sessions) {
                    String seen = model.whySessionVisible(x, s);
                    if (s.therapist == t && seen != null) rows.put(s.id, seen);
                }
                compareSet(
                        c,
                        "GET /therapists/{id}/sessions",
                        rows,
                        ids(sessions.items, i -> i.path("id").asString()),
                        this::whyNotSession);
            }
        }
        int foreign = get(as, V1 + "/therapists/" + world.foreignMemberId).status();
        if (foreign != 404) c.add("GET /therapists/{id}", "another practice's member answers " + foreign, "foreign");
        foreign = get(as, V1 + "/therapists/" + world.foreignMemberId + "/caseload")
                .status();
        if (foreign != 404) {
            c.add("GET /therapists/{id}/caseload", "another practice's member answers " + foreign, "foreign");
        }
    }

    private void compareMember(Caller c, String endpoint, JsonNode json, Member t) {
        Member x = c.member;
        List<String> diffs = new ArrayList<>();
        field(diffs, "status", t.status.name(), json.path("status").asString());
        field(diffs, "admin", t.admin, json.path("admin").asBoolean());
        field(diffs, "role.id", t.role.id, json.path("role").path("id").asString(), id -> t.role.name);
        if (model.supervisionOn) {
            Set<String> expected = new HashSet<>();
            model.currentSupervisors(t).forEach(m -> expected.add(m.id));
            Set<String> actual = new HashSet<>();
            json.path("supervisorIds").forEach(id -> actual.add(id.asString()));
            if (!expected.equals(actual)) {
                diffs.add("supervisorIds: rules " + labels(expected) + ", server " + labels(actual));
            }
        }
        for (String d : diffs) {
            c.add(endpoint, "field " + d.substring(0, d.indexOf(':')), t.label + "." + d, t.label);
        }
        JsonNode metrics = json.path("metrics");
        boolean present = !metrics.isMissingNode() && !metrics.isNull();
        boolean open = model.mayOpen(x, t);
        if (present && !open) {
            c.add(
                    endpoint,
                    "metrics of " + role(t) + " present, rules say null",
                    t.label + "'s numbers shown to " + x.label + " (not admin, not " + t.label + " in lens "
                            + World.labels(List.copyOf(model.lens(x))) + ")",
                    t.label);
        } else if (!present && open) {
            c.add(
                    endpoint,
                    "metrics of " + role(t) + " null, rules say present",
                    t.label + "'s numbers hidden from " + x.label,
                    t.label);
        } else if (present) {
            TherapistMetrics m = model.metrics(t, now);
            List<String> numbers = new ArrayList<>();
            field(
                    numbers,
                    "activeClients",
                    m.activeClients(),
                    metrics.path("activeClients").asLong());
            field(
                    numbers,
                    "highRiskClients",
                    m.highRiskClients(),
                    metrics.path("highRiskClients").asLong());
            field(
                    numbers,
                    "sessionsLast30Days",
                    m.sessionsLast30Days(),
                    metrics.path("sessionsLast30Days").asLong());
            field(
                    numbers,
                    "pendingNotes",
                    m.pendingNotes(),
                    metrics.path("pendingNotes").asLong());
            for (String d : numbers) {
                c.add(endpoint, "metrics." + d.substring(0, d.indexOf(':')), t.label + "." + d, t.label);
            }
        }
    }

    // ---- the practice -------------------------------------------------------------------------------

    private void checkPractice(Api as, Caller c) {
        Member x = c.member;
        Api.Response r = get(as, V1 + "/practice");
        if (r.status() != 200) {
            c.add("GET /practice", "answers " + r.status(), "practice answers " + r.status());
            return;
        }
        JsonNode json = r.json();
        if (json.path("supervisionEnabled").asBoolean() != model.supervisionOn) {
            c.add("GET /practice", "field supervisionEnabled", "supervisionEnabled " + json.path("supervisionEnabled"));
        }
        JsonNode metrics = json.path("metrics");
        boolean present = !metrics.isMissingNode() && !metrics.isNull();
        boolean allowed = model.seesPracticeMetrics(x);
        if (present && !allowed) {
            c.add(
                    "GET /practice",
                    "metrics present, rules say null",
                    x.label + " (" + x.status + ", admin=" + x.admin + ", reports.view=" + x.role.reportsView
                            + ") gets practice metrics " + metrics);
        } else if (!present && allowed) {
            c.add("GET /practice", "metrics null, rules say present", x.label + " gets no practice metrics");
        } else if (present) {
            PracticeMetrics m = model.practiceMetrics();
            List<String> diffs = new ArrayList<>();
            field(
                    diffs,
                    "activeClients",
                    m.activeClients(),
                    metrics.path("activeClients").asLong());
            field(
                    diffs,
                    "highRiskClients",
                    m.highRiskClients(),
                    metrics.path("highRiskClients").asLong());
            field(
                    diffs,
                    "pendingNotes",
                    m.pendingNotes(),
                    metrics.path("pendingNotes").asLong());
            for (var e : m.membersByStatus().entrySet()) {
                field(
                        diffs,
                        "membersByStatus." + e.getKey(),
                        e.getValue(),
                        metrics.path("membersByStatus").path(e.getKey()).asLong());
            }
            for (String d : diffs) {
                c.add("GET /practice", "metrics." + d.substring(0, d.indexOf(':')) + " differs", d);
            }
        }
    }

    // ---- comparing --------------------------------------------------------------------------------

    /** The caller being checked, collecting its differences. */
    private final class Caller {
        final Member member;
        final String kind;
        final List<Mismatch> found = new ArrayList<>();

        Caller(Member member, String kind) {
            this.member = member;
            this.kind = kind;
        }

        void add(String endpoint, String what, String detail, String... labels) {
            Set<String> all = new LinkedHashSet<>();
            all.add(member.label);
            all.addAll(List.of(labels));
            found.add(new Mismatch(kind, member.label, endpoint, what, detail, all));
        }
    }

    /** Checks a status; answers whether it is the expected one. */
    private boolean expectStatus(Caller c, String endpoint, int actual, int expected, Object thing, String why) {
        if (actual == expected) return true;
        String reason = why != null ? "rules: visible as " + why : explainInvisible(c.member, thing);
        c.add(
                endpoint,
                actual + ", rules say " + expected + describeThing(thing),
                c.member.label + " on " + thing + ": " + actual + " (rules " + expected + "; " + reason + ")",
                labelsOf(thing));
        return false;
    }

    /** A short note on what kind of thing it is, for grouping. */
    private String describeThing(Object thing) {
        if (thing instanceof Session s) {
            return " (session " + s.status + ", client " + s.client.kind + relation(s) + ")";
        }
        if (thing instanceof Client client) {
            return " (" + client.kind + " client)";
        }
        if (thing instanceof Member m) {
            return " (" + (m.removed ? "removed" : m.status) + " " + role(m) + ")";
        }
        return "";
    }

    /** Whether the session's renderer still holds its client, for grouping. */
    private String relation(Session s) {
        String category = model.category(s.therapist, s.client);
        return ", renderer's relation " + category;
    }

    private String[] labelsOf(Object thing) {
        if (thing instanceof Session s) return new String[] {s.label, s.client.label, s.therapist.label};
        if (thing instanceof Client client) return new String[] {client.label};
        if (thing instanceof Member m) return new String[] {m.label};
        return new String[0];
    }

    private String explainInvisible(Member x, Object thing) {
        String lens = "lens " + World.labels(List.copyOf(model.lens(x)));
        if (thing instanceof Client client) return "invisible; " + lens + "; " + relations(client);
        if (thing instanceof Session s) {
            return "invisible; " + lens + "; renderer " + s.therapist.label + "; " + relations(s.client);
        }
        if (thing instanceof Member m) return "may not open " + m.label + "; " + lens;
        return lens;
    }

    private String relations(Client client) {
        List<String> rel = new ArrayList<>();
        for (Member m : model.members) {
            String category = model.category(m, client);
            if (category != null) rel.add(m.label + ":" + category);
        }
        return client.label + " " + client.kind + " held " + rel;
    }

    private String whyNotClient(String id) {
        Client client = model.client(id);
        return client == null ? "unknown id " + id : relations(client);
    }

    private String whyNotSession(String id) {
        Session s = model.session(id);
        return s == null ? "unknown id " + id : s.status + " by " + s.therapist.label + " of " + relations(s.client);
    }

    /** Expected ids (with why) against the ids received (in order, possibly repeated). */
    private void compareSet(
            Caller c,
            String endpoint,
            Map<String, String> expected,
            List<String> actual,
            Function<String, String> whyNot) {
        Set<String> seen = new HashSet<>();
        for (String id : actual) {
            if (!seen.add(id)) c.add(endpoint, "duplicate across pages", "duplicate " + label(id), labelsFor(id));
        }
        for (var e : expected.entrySet()) {
            if (!seen.contains(e.getKey())) {
                c.add(
                        endpoint,
                        "missing " + kindOf(e.getKey()) + " (" + shortWhy(e.getValue()) + ")",
                        "missing " + label(e.getKey()) + " (rules: " + e.getValue() + ")",
                        labelsFor(e.getKey()));
            }
        }
        for (String id : seen) {
            if (!expected.containsKey(id)) {
                c.add(
                        endpoint,
                        "extra " + kindOf(id),
                        "extra " + label(id) + " (rules: " + whyNot.apply(id) + "; lens "
                                + World.labels(List.copyOf(model.lens(c.member))) + ")",
                        labelsFor(id));
            }
        }
    }

    /** The rule behind an expectation without the member labels, for grouping. */
    private static String shortWhy(String why) {
        return why.replaceAll(" M\\d+", "").replaceAll(" (C|S)\\d+", "");
    }

    private String kindOf(String key) {
        String id = key.contains(":") ? key.substring(0, key.indexOf(':')) : key;
        Client client = model.client(id);
        if (client != null)
            return client.kind + " client" + (key.contains(":") ? " as " + key.substring(key.indexOf(':') + 1) : "");
        Session s = model.session(id);
        if (s != null) return s.status + " session (" + s.client.kind + relation(s) + ")";
        Member m = model.member(id);
        if (m != null) return "member";
        return "thing";
    }

    /** The labels of the thing behind an id or "id:category" key, for the operations that touch it. */
    private String[] labelsFor(String key) {
        String id = key.contains(":") ? key.substring(0, key.indexOf(':')) : key;
        Object thing = model.client(id);
        if (thing == null) thing = model.session(id);
        if (thing == null) thing = model.member(id);
        return thing == null ? new String[0] : labelsOf(thing);
    }

    private String label(String key) {
        if (key.contains(":")) {
            return model.label(key.substring(0, key.indexOf(':'))) + key.substring(key.indexOf(':'));
        }
        return model.label(key);
    }

    private String labels(Set<String> ids) {
        return ids.stream().map(model::label).sorted().toList().toString();
    }

    private static String role(Member t) {
        return t.role.name;
    }

    private String callerKind(Member x) {
        List<String> parts = new ArrayList<>();
        parts.add(x.removed ? "REMOVED" : x.status.name());
        if (x.admin) parts.add("admin");
        if (!model.assignedSupervisees(x).isEmpty()) {
            parts.add(model.supervisionOn ? "supervisor" : "supervisor(supervision off)");
        }
        if (!model.currentSupervisors(x).isEmpty()) parts.add("supervisee");
        if (x.role.viewPractice) parts.add("view_practice");
        if (x.role.reportsView) parts.add("reports.view");
        if (parts.size() == 1) parts.add("therapist");
        return String.join(" ", parts);
    }

    private static <T> void field(List<String> diffs, String name, T expected, T actual) {
        field(diffs, name, expected, actual, String::valueOf);
    }

    private static <T> void field(List<String> diffs, String name, T expected, T actual, Function<T, String> show) {
        if (!Objects.equals(expected, actual)) {
            diffs.add(name + ": rules " + (expected == null ? null : show.apply(expected)) + ", server "
                    + (actual == null ? null : show.apply(actual)));
        }
    }

    private static Instant instant(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : Instant.parse(node.asString());
    }

    /** The members a caller's list is filtered by: themself, and the member assigned the most clients. */
    private List<Member> filteredTherapists(Member caller) {
        Map<Member, Integer> assigned = new LinkedHashMap<>();
        model.clients.forEach(client -> assigned.merge(client.therapist, 1, Integer::sum));
        List<Member> therapists = new ArrayList<>(List.of(caller));
        assigned.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey)
                .filter(busiest -> busiest != caller)
                .ifPresent(therapists::add);
        return therapists;
    }

    private void checkFilteredList(
            Api as, Caller c, Map<String, String> visible, String query, java.util.function.Predicate<Client> matches) {
        Map<String, String> expected = new LinkedHashMap<>();
        for (var e : visible.entrySet()) {
            if (matches.test(model.client(e.getKey()))) expected.put(e.getKey(), e.getValue() + ", matches " + query);
        }
        Walk list = walk(as, V1 + "/clients?" + query, 3);
        if (list.status != 200) {
            c.add("GET /clients?" + query, "answers " + list.status, "list answers " + list.status);
        } else {
            compareSet(
                    c,
                    "GET /clients?" + query,
                    expected,
                    ids(list.items, i -> i.path("id").asString()),
                    this::whyNotClient);
        }
    }

    private static List<String> ids(List<JsonNode> items, Function<JsonNode, String> id) {
        return items.stream().map(id).toList();
    }

    /** A list walked page by page through its cursors. */
    private record Walk(int status, List<JsonNode> items) {}

    private Walk walk(Api as, String path, int limit) {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 1000; page++) {
            String url = path + (path.contains("?") ? "&" : "?") + "limit=" + limit
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            Api.Response r = get(as, url);
            if (r.status() != 200) return new Walk(r.status(), items);
            JsonNode body = r.json();
            body.path("items").forEach(items::add);
            JsonNode next = body.path("nextCursor");
            if (next.isMissingNode() || next.isNull() || next.asString().isEmpty()) return new Walk(200, items);
            cursor = next.asString();
        }
        throw new AssertionError("Paging never ends: " + path);
    }
}
