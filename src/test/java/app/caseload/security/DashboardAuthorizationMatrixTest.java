package app.caseload.security;

import static app.caseload.security.DashboardAuthorizationMatrixTest.ClientKey.B_OWN;
import static app.caseload.security.DashboardAuthorizationMatrixTest.ClientKey.C_DIRECT;
import static app.caseload.security.DashboardAuthorizationMatrixTest.ClientKey.C_PRACTICE;
import static app.caseload.security.DashboardAuthorizationMatrixTest.ClientKey.C_WALKIN;
import static app.caseload.security.DashboardAuthorizationMatrixTest.ClientKey.E_DIRECT;
import static app.caseload.security.DashboardAuthorizationMatrixTest.ClientKey.E_PRIMARY;
import static app.caseload.security.DashboardAuthorizationMatrixTest.Outcome.DONE;
import static app.caseload.security.DashboardAuthorizationMatrixTest.Outcome.FORBIDDEN;
import static app.caseload.security.DashboardAuthorizationMatrixTest.Outcome.HOME;
import static app.caseload.security.DashboardAuthorizationMatrixTest.Outcome.NOT_FOUND;
import static app.caseload.security.DashboardAuthorizationMatrixTest.Outcome.PAGE;
import static app.caseload.security.DashboardAuthorizationMatrixTest.Outcome.REFUSED;
import static app.caseload.security.DashboardAuthorizationMatrixTest.Outcome.SIGNED_OUT;
import static app.caseload.security.DashboardAuthorizationMatrixTest.Outcome.SIGN_IN;
import static app.caseload.security.DashboardAuthorizationMatrixTest.Outcome.UNSEEN;
import static app.caseload.security.DashboardAuthorizationMatrixTest.Target.COLLEAGUE;
import static app.caseload.security.DashboardAuthorizationMatrixTest.Target.COL_DIRECT;
import static app.caseload.security.DashboardAuthorizationMatrixTest.Target.COL_PRACTICE;
import static app.caseload.security.DashboardAuthorizationMatrixTest.Target.NONE;
import static app.caseload.security.DashboardAuthorizationMatrixTest.Target.OTHER_CLIENT;
import static app.caseload.security.DashboardAuthorizationMatrixTest.Target.OTHER_PRACTICE;
import static app.caseload.security.DashboardAuthorizationMatrixTest.Target.OWN;
import static app.caseload.security.DashboardAuthorizationMatrixTest.Target.SELF;
import static app.caseload.security.DashboardAuthorizationMatrixTest.Target.SUPERVISEE;
import static app.caseload.security.DashboardAuthorizationMatrixTest.Target.SUP_DIRECT;
import static app.caseload.security.DashboardAuthorizationMatrixTest.Target.SUP_PRIMARY;
import static app.caseload.security.DashboardAuthorizationMatrixTest.Target.SUP_WALKIN;
import static org.assertj.core.api.Assertions.assertThat;

import app.caseload.support.Api;
import app.caseload.support.Fixtures;
import app.caseload.support.IntegrationTest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * Every dashboard route (each HTML page and form POST of our own controllers, i.e. every handler
 * not under {@code /api/} or {@code /fhir/}) × every kind of caller × every kind of target, with the outcome the
 * access rules (notes/rules.md, SPEC §2–§6) promise, over plain HTTP with a session cookie and the
 * CSRF token like a browser. A route registered without an entry here fails the test.
 *
 * <p>Outcomes: anonymous → redirect to sign-in; Inactive and removed members → redirect to the
 * signed-out page (each route's first form comes from a sign-in that was valid until they lost
 * access, so it passes CSRF and meets the sign-in check; their other cells replay that ended
 * session's cookie and token, as a stale tab would); an invisible client, session or therapist
 * caseload, or another practice's member → the 404 page; a visible thing the caller may not change →
 * refused (see {@link Outcome#REFUSED}) and nothing changed, re-read through the API as the
 * practice's admin. Pages that list clients are compared by CONTENT: the set of client names (and
 * sessions, caseload categories, therapists' numbers) shown must be exactly what the rules give this
 * caller; and no page any caller is shown, nor the page a form sends them to, may name a client the
 * caller may not see.
 *
 * <p>The world: practice A with supervision on — admin, therapist, Active supervisor and an On Hold
 * supervisor both supervising one supervisee (an Associate holding a direct client, a primary
 * practice client and a walk-in of a colleague's practice client), a member whose role has
 * {@code clients.view_practice}, an On Hold therapist, an Inactive and a removed member, a colleague
 * (a direct and two practice clients); practice B with its admin. Every client has a completed
 * session with a draft note by its holder; the supervisee's walk-in session too.
 */
class DashboardAuthorizationMatrixTest extends IntegrationTest {

    enum Who {
        ANONYMOUS,
        ADMIN,
        THERAPIST,
        SUPERVISOR,
        HELD_SUPERVISOR,
        VIEW_PRACTICE,
        ON_HOLD,
        INACTIVE,
        REMOVED,
        OTHER_ADMIN
    }

    /** The people of the world; only OTHER_ADMIN belongs to practice B. */
    enum Person {
        ADMIN,
        THERAPIST,
        SUPERVISOR,
        HELD_SUPERVISOR,
        VIEWER,
        ON_HOLD,
        INACTIVE,
        REMOVED,
        COLLEAGUE,
        SUPERVISEE,
        SPARE,
        OTHER_ADMIN;

        boolean practiceB() {
            return this == OTHER_ADMIN;
        }
    }

    enum Kind {
        DIRECT,
        PRACTICE
    }

    enum Category {
        DIRECT,
        PRIMARY,
        WALK_IN
    }

    /** Every client of the world, with its assigned (direct) or primary (practice) therapist. */
    enum ClientKey {
        ADMIN_OWN(Person.ADMIN, Kind.DIRECT, "Ada Aspenwood"),
        THERAPIST_OWN(Person.THERAPIST, Kind.DIRECT, "Ben Birchfield"),
        SUPERVISOR_OWN(Person.SUPERVISOR, Kind.DIRECT, "Cora Cedarholm"),
        HELD_OWN(Person.HELD_SUPERVISOR, Kind.DIRECT, "Dan Dogwoodley"),
        VIEWER_OWN(Person.VIEWER, Kind.DIRECT, "Eve Elmsworth"),
        ON_HOLD_OWN(Person.ON_HOLD, Kind.DIRECT, "Finn Firbank"),
        E_DIRECT(Person.SUPERVISEE, Kind.DIRECT, "Gail Ginkgoson"),
        E_PRIMARY(Person.SUPERVISEE, Kind.PRACTICE, "Hugo Hazeldine"),
        C_DIRECT(Person.COLLEAGUE, Kind.DIRECT, "Iris Ilexford"),
        C_PRACTICE(Person.COLLEAGUE, Kind.PRACTICE, "Jack Juniperly"),
        /** The colleague's practice client that the supervisee has a walk-in session with. */
        C_WALKIN(Person.COLLEAGUE, Kind.PRACTICE, "Kara Kapokston"),
        B_OWN(Person.OTHER_ADMIN, Kind.DIRECT, "Liam Larchmont");

        final Person owner;
        final Kind kind;
        final String fullName;

        ClientKey(Person owner, Kind kind, String fullName) {
            this.owner = owner;
            this.kind = kind;
            this.fullName = fullName;
        }
    }

    /**
     * What a request names. For members: the caller themself, the supervisee, a colleague, practice
     * B's admin. For clients (and the session acted on): the caller's own direct client, the
     * supervisee's direct, primary and walk-in client (the walk-in session is the supervisee's), the
     * colleague's direct and practice client, practice B's client.
     */
    enum Target {
        NONE,
        SELF,
        SUPERVISEE,
        COLLEAGUE,
        OTHER_PRACTICE,
        OWN,
        SUP_DIRECT,
        SUP_PRIMARY,
        SUP_WALKIN,
        COL_DIRECT,
        COL_PRACTICE,
        OTHER_CLIENT
    }

    enum Outcome {
        /** 200: the page (or, for public forms, the form shown again). */
        PAGE,
        /** A redirect to Home (signed-in members opening the start or sign-in page). */
        HOME,
        /** A redirect to the sign-in page. */
        SIGN_IN,
        /** A redirect to the signed-out page: the sign-in has ended. */
        SIGNED_OUT,
        /** The 404 page. */
        NOT_FOUND,
        /** The 403 page. */
        FORBIDDEN,
        /** A form POST that was carried out: no refusal shown, and the change is there. */
        DONE,
        /**
         * A form POST refused, and nothing changed: the 403 page; or (unless run with
         * {@code -Ddashboard.strictRefusals=true}) the page or form shown again with the refusal in
         * place, or sent back without any notice of success. The summary counts each kind.
         */
        REFUSED,
        /**
         * A form naming something the caller may not see where the rules ask no 404 page of the
         * dashboard (a client in a form field; another practice's invitation, role or supervision):
         * the 404 page, a redirect to one, or a refusal in place; nothing changed.
         */
        UNSEEN
    }

    /** Whether a refusal must be the 403 page (the brief's reading) rather than any visible or silent refusal. */
    static final boolean STRICT_REFUSALS = Boolean.getBoolean("dashboard.strictRefusals");

    record Cell(Who who, Target target, Outcome expected) {}

    interface Expect {
        Outcome of(Who who, Target target);
    }

    interface Subject {
        String of(Cell c, World w);
    }

    interface PathOf {
        String of(Cell c, World w, String subject);
    }

    interface FormOf {
        Map<String, String> of(Cell c, World w, String subject);
    }

    interface Content {
        void check(Cell c, World w, String body, List<String> problems);
    }

    interface Read {
        String of(Cell c, World w, String subject);
    }

    interface Restore {
        void of(Cell c, World w, String subject, String before);
    }

    /**
     * How a form POST's effect is re-read (as the practice's admin, through the API). A refused POST
     * must leave it unchanged; a DONE one must change it when {@code changes}. Whatever changed is
     * put back by {@code restore}, so that one wrong cell does not spoil the next.
     */
    record Probe(Read read, boolean changes, Restore restore) {}

    record Entry(
            String key,
            List<Target> targets,
            Subject subject,
            PathOf path,
            FormOf form,
            Expect expect,
            Content content,
            Probe probe) {

        boolean post() {
            return key.startsWith("POST ");
        }
    }

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;

    private static final AtomicInteger SERIAL = new AtomicInteger();

    // ---- the rules (notes/rules.md) restated for this world ------------------------------------------

    static Person person(Who who) {
        return switch (who) {
            case ANONYMOUS -> null;
            case ADMIN -> Person.ADMIN;
            case THERAPIST -> Person.THERAPIST;
            case SUPERVISOR -> Person.SUPERVISOR;
            case HELD_SUPERVISOR -> Person.HELD_SUPERVISOR;
            case VIEW_PRACTICE -> Person.VIEWER;
            case ON_HOLD -> Person.ON_HOLD;
            case INACTIVE -> Person.INACTIVE;
            case REMOVED -> Person.REMOVED;
            case OTHER_ADMIN -> Person.OTHER_ADMIN;
        };
    }

    static boolean signedOut(Who who) {
        return who == Who.ANONYMOUS || who == Who.INACTIVE || who == Who.REMOVED;
    }

    /** Active admins (nobody On Hold is an admin here). */
    static boolean admin(Who who) {
        return who == Who.ADMIN || who == Who.OTHER_ADMIN;
    }

    static boolean onHold(Who who) {
        return who == Who.ON_HOLD || who == Who.HELD_SUPERVISOR;
    }

    static boolean practiceB(Who who) {
        return who == Who.OTHER_ADMIN;
    }

    /** Signed-out callers never reach a page. */
    static Outcome gate(Who who) {
        return switch (who) {
            case ANONYMOUS -> SIGN_IN;
            case INACTIVE, REMOVED -> SIGNED_OUT;
            default -> null;
        };
    }

    /**
     * lens(X) for a signed-in non-admin: X, plus the current supervisees only while X is Active and
     * supervision is on. The On Hold supervisor's lens is themself only.
     */
    static Set<Person> lens(Who who) {
        if (who == Who.SUPERVISOR) {
            return EnumSet.of(Person.SUPERVISOR, Person.SUPERVISEE);
        }
        return EnumSet.of(person(who));
    }

    /** What a member holds: DIRECT, PRIMARY, WALK_IN (nobody holds a RENDERED client here). */
    static Map<ClientKey, Category> holds(Person p) {
        Map<ClientKey, Category> held = new EnumMap<>(ClientKey.class);
        for (ClientKey c : ClientKey.values()) {
            if (c.owner == p) {
                held.put(c, c.kind == Kind.DIRECT ? Category.DIRECT : Category.PRIMARY);
            }
        }
        if (p == Person.SUPERVISEE) {
            held.put(C_WALKIN, Category.WALK_IN);
        }
        return held;
    }

    /** Client visibility. */
    static boolean sees(Who who, ClientKey c) {
        if (signedOut(who)) {
            return false;
        }
        if (admin(who)) {
            return practiceB(who) == c.owner.practiceB();
        }
        if (c.owner.practiceB()) {
            return false;
        }
        if (lens(who).stream().anyMatch(p -> holds(p).containsKey(c))) {
            return true;
        }
        return who == Who.VIEW_PRACTICE && c.kind == Kind.PRACTICE;
    }

    static Set<ClientKey> visible(Who who) {
        Set<ClientKey> visible = EnumSet.noneOf(ClientKey.class);
        for (ClientKey c : ClientKey.values()) {
            if (sees(who, c)) {
                visible.add(c);
            }
        }
        return visible;
    }

    /** Session visibility: its client is visible, or its (non-cancelled) renderer is in the lens. */
    static boolean seesSession(Who who, ClientKey client, Person renderer) {
        if (sees(who, client)) {
            return true;
        }
        return !signedOut(who) && !admin(who) && lens(who).contains(renderer);
    }

    /** "X may open T's caseload" (and sees T's numbers). */
    static boolean mayOpen(Who who, Person t) {
        if (signedOut(who)) {
            return false;
        }
        if (admin(who)) {
            return practiceB(who) == t.practiceB();
        }
        return lens(who).contains(t);
    }

    /** Details and status: Active admin, the client's Active therapist, an Active supervisor of them. */
    static boolean mayChange(Who who, ClientKey c) {
        if (!sees(who, c) || onHold(who)) {
            return false;
        }
        return admin(who) || c.owner == person(who) || (who == Who.SUPERVISOR && c.owner == Person.SUPERVISEE);
    }

    /** Admins and {@code clients.reassign} (the Supervisor role has it). */
    static boolean reassigner(Who who) {
        return admin(who) || who == Who.SUPERVISOR || who == Who.HELD_SUPERVISOR;
    }

    /** Practice-wide numbers: Active admins and Active members whose role has {@code reports.view}. */
    static boolean reportsView(Who who) {
        return admin(who) || who == Who.SUPERVISOR;
    }

    /** Whether the thing a target names belongs to the caller's practice. */
    static boolean inPractice(Who who, Target t) {
        return switch (t) {
            case NONE, SELF, OWN -> true;
            case OTHER_PRACTICE, OTHER_CLIENT -> practiceB(who);
            default -> !practiceB(who);
        };
    }

    static Person memberTarget(Who who, Target t) {
        return switch (t) {
            case SELF -> who == Who.ANONYMOUS ? Person.THERAPIST : person(who);
            case SUPERVISEE -> Person.SUPERVISEE;
            case COLLEAGUE -> Person.COLLEAGUE;
            case OTHER_PRACTICE -> Person.OTHER_ADMIN;
            default -> throw new IllegalArgumentException(t.name());
        };
    }

    static ClientKey own(Who who) {
        return switch (who) {
            case ADMIN -> ClientKey.ADMIN_OWN;
            case SUPERVISOR -> ClientKey.SUPERVISOR_OWN;
            case HELD_SUPERVISOR -> ClientKey.HELD_OWN;
            case VIEW_PRACTICE -> ClientKey.VIEWER_OWN;
            case ON_HOLD -> ClientKey.ON_HOLD_OWN;
            case OTHER_ADMIN -> B_OWN;
            default -> ClientKey.THERAPIST_OWN;
        };
    }

    static ClientKey clientTarget(Who who, Target t) {
        return switch (t) {
            case OWN -> own(who);
            case SUP_DIRECT -> E_DIRECT;
            case SUP_PRIMARY -> E_PRIMARY;
            case SUP_WALKIN -> C_WALKIN;
            case COL_DIRECT -> C_DIRECT;
            case COL_PRACTICE -> C_PRACTICE;
            case OTHER_CLIENT -> B_OWN;
            default -> throw new IllegalArgumentException(t.name());
        };
    }

    /** Who rendered the session a client target names: the supervisee for the walk-in. */
    static Person renderer(Who who, Target t) {
        return t == SUP_WALKIN ? Person.SUPERVISEE : clientTarget(who, t).owner;
    }

    static boolean seesTargetSession(Who who, Target t) {
        return seesSession(who, clientTarget(who, t), renderer(who, t));
    }

    static boolean supervised(Target t) {
        return t == SUP_DIRECT || t == SUP_PRIMARY || t == SUP_WALKIN;
    }

    // ---- expectation builders ------------------------------------------------------------------------

    static Expect members(Outcome ok) {
        return (who, t) -> gate(who) != null ? gate(who) : ok;
    }

    static Expect admins(Outcome ok, Outcome refused) {
        return (who, t) -> gate(who) != null ? gate(who) : !admin(who) ? refused : inPractice(who, t) ? ok : NOT_FOUND;
    }

    /** As {@link #admins}, for another practice's invitation, role or supervision: {@link Outcome#UNSEEN}. */
    static Expect adminsOnThings() {
        return (who, t) -> {
            Outcome o = admins(DONE, REFUSED).of(who, t);
            return o == NOT_FOUND ? UNSEEN : o;
        };
    }

    static Expect everyone(Outcome o) {
        return (who, t) -> o;
    }

    /** Start and sign-in pages: a page for those not signed in; Home for members. */
    static Expect door(Outcome endedSignIn) {
        return (who, t) -> switch (who) {
            case ANONYMOUS -> PAGE;
            case INACTIVE, REMOVED -> endedSignIn;
            default -> HOME;
        };
    }

    static Expect clientPage() {
        return (who, t) -> gate(who) != null ? gate(who) : sees(who, clientTarget(who, t)) ? PAGE : NOT_FOUND;
    }

    static Expect sessionStep(boolean renderersAndAdmins) {
        return (who, t) -> {
            if (gate(who) != null) {
                return gate(who);
            }
            if (!seesTargetSession(who, t)) {
                return NOT_FOUND;
            }
            boolean renders = renderer(who, t) == person(who);
            return renders || (renderersAndAdmins && admin(who)) ? DONE : REFUSED;
        };
    }

    // ---- the matrix ----------------------------------------------------------------------------------

    static final List<Target> CLIENTS =
            List.of(OWN, SUP_DIRECT, SUP_PRIMARY, SUP_WALKIN, COL_DIRECT, COL_PRACTICE, OTHER_CLIENT);
    static final List<Target> MEMBERS = List.of(SELF, SUPERVISEE, COLLEAGUE, OTHER_PRACTICE);
    static final List<Target> THINGS = List.of(COLLEAGUE, OTHER_PRACTICE);

    List<Entry> matrix() {
        List<Entry> m = new ArrayList<>();

        // ---- doors open to everyone ----------------------------------------------------------------
        get(m, "GET /", List.of(NONE), (c, w, s) -> "/", door(SIGNED_OUT), null);
        get(m, "GET /start", List.of(NONE), (c, w, s) -> "/start", door(SIGNED_OUT), null);
        get(m, "GET /signin", List.of(NONE), (c, w, s) -> "/signin", door(PAGE), null);
        get(m, "GET /signed-out", List.of(NONE), (c, w, s) -> "/signed-out?reason=signout", everyone(PAGE), null);
        get(
                m,
                "GET /invitations/accept",
                List.of(NONE),
                (c, w, s) -> "/invitations/accept?token=bogus.token",
                everyone(PAGE),
                null);
        get(m, "GET /password-reset", List.of(NONE), (c, w, s) -> "/password-reset", everyone(PAGE), null);
        // Forgot password: a blank email and a too-short new password are refused in place.
        post(
                m,
                "POST /password-reset",
                List.of(NONE),
                null,
                (c, w, s) -> "/password-reset",
                (c, w, s) -> Map.of("email", ""),
                everyone(PAGE),
                null);
        post(
                m,
                "POST /password-reset/confirm",
                List.of(NONE),
                null,
                (c, w, s) -> "/password-reset/confirm",
                (c, w, s) -> Map.of("token", "bogus.token", "password", "short", "repeat", "short"),
                everyone(PAGE),
                null);
        // Public forms, sent so that they are refused in place: the same page for every caller.
        post(
                m,
                "POST /start",
                List.of(NONE),
                null,
                (c, w, s) -> "/start",
                (c, w, s) -> Map.of("practiceName", "", "fullName", "", "email", "", "password", ""),
                everyone(PAGE),
                null);
        // Inactive and removed members try their real password: they cannot sign in.
        post(
                m,
                "POST /signin",
                List.of(NONE),
                null,
                (c, w, s) -> "/signin",
                (c, w, s) -> c.who() == Who.INACTIVE || c.who() == Who.REMOVED
                        ? Map.of("email", w.member(person(c.who())).email(), "password", Fixtures.PASSWORD)
                        : Map.of(
                                "email",
                                c.who() == Who.ANONYMOUS
                                        ? Fixtures.uniqueEmail("nobody")
                                        : w.member(person(c.who())).email(),
                                "password",
                                "not the password at all"),
                everyone(PAGE),
                null);
        post(
                m,
                "POST /signin/code",
                List.of(NONE),
                null,
                (c, w, s) -> "/signin/code",
                (c, w, s) -> Map.of("mfaToken", "bogus", "code", "123456"),
                everyone(PAGE),
                null);
        post(
                m,
                "POST /invitations/accept",
                List.of(NONE),
                null,
                (c, w, s) -> "/invitations/accept",
                (c, w, s) -> Map.of("token", "bogus.token", "password", Fixtures.PASSWORD, "repeat", Fixtures.PASSWORD),
                everyone(PAGE),
                null);
        post(
                m,
                "POST /invitations/decline",
                List.of(NONE),
                null,
                (c, w, s) -> "/invitations/decline",
                (c, w, s) -> Map.of("token", "bogus.token"),
                everyone(PAGE),
                null);

        // ---- the caller's own account ----------------------------------------------------------------
        get(m, "GET /account/mfa", List.of(NONE), (c, w, s) -> "/account/mfa", members(PAGE), null);
        post(
                m,
                "POST /account/mfa/enrol",
                List.of(NONE),
                null,
                (c, w, s) -> "/account/mfa/enrol",
                (c, w, s) -> Map.of(),
                members(PAGE),
                null);
        for (String step : List.of("confirm", "remove")) {
            post(
                    m,
                    "POST /account/mfa/" + step,
                    List.of(NONE),
                    null,
                    (c, w, s) -> "/account/mfa/" + step,
                    (c, w, s) -> Map.of("code", "000000"),
                    members(PAGE),
                    null);
        }

        // ---- Home and the team ------------------------------------------------------------------------
        get(m, "GET /home", List.of(NONE), (c, w, s) -> "/home", members(PAGE), (c, w, body, problems) -> {
            boolean shown = body.contains("id=\"practice-heading\"");
            if (shown != reportsView(c.who())) {
                problems.add("practice-wide numbers on Home: expected " + (reportsView(c.who()) ? "shown" : "absent")
                        + " but " + (shown ? "shown" : "absent"));
            }
        });
        get(
                m,
                "GET /therapists",
                List.of(NONE),
                (c, w, s) -> "/therapists",
                members(PAGE),
                DashboardAuthorizationMatrixTest::rosterNumbers);
        get(
                m,
                "GET /therapists/{id}",
                MEMBERS,
                (c, w, s) -> "/therapists/" + w.id(memberTarget(c.who(), c.target())),
                (who, t) -> gate(who) != null ? gate(who) : inPractice(who, t) ? PAGE : NOT_FOUND,
                DashboardAuthorizationMatrixTest::profileNumbers);
        get(
                m,
                "GET /therapists/{id}/caseload",
                MEMBERS,
                (c, w, s) -> "/therapists/" + w.id(memberTarget(c.who(), c.target())) + "/caseload",
                (who, t) -> gate(who) != null ? gate(who) : mayOpen(who, memberTarget(who, t)) ? PAGE : NOT_FOUND,
                (c, w, body, problems) -> compare(
                        problems,
                        "caseload (client · category)",
                        labelled(holds(memberTarget(c.who(), c.target()))),
                        categorised(body, "tr")));
        get(
                m,
                "GET /therapists/{id}/sessions",
                MEMBERS,
                (c, w, s) -> "/therapists/" + w.id(memberTarget(c.who(), c.target())) + "/sessions",
                (who, t) -> gate(who) != null ? gate(who) : mayOpen(who, memberTarget(who, t)) ? PAGE : NOT_FOUND,
                (c, w, body, problems) -> {
                    Person t = memberTarget(c.who(), c.target());
                    List<Visit> rendered =
                            w.visits.stream().filter(v -> v.renderer() == t).toList();
                    compare(problems, "sessions", ids(rendered), sessionIds(body));
                    compare(problems, "client names", names(clientsOf(rendered)), names(shown(body)));
                });
        get(
                m,
                "GET /therapists/{id}/supervision",
                MEMBERS,
                (c, w, s) -> "/therapists/" + w.id(memberTarget(c.who(), c.target())) + "/supervision",
                (who, t) -> gate(who) != null ? gate(who) : inPractice(who, t) ? PAGE : NOT_FOUND,
                null);
        get(
                m,
                "GET /therapists/{id}/status",
                MEMBERS,
                (c, w, s) -> "/therapists/" + w.id(memberTarget(c.who(), c.target())) + "/status?to=ON_HOLD",
                admins(PAGE, FORBIDDEN),
                null);
        get(
                m,
                "GET /therapists/{id}/remove",
                MEMBERS,
                (c, w, s) -> "/therapists/" + w.id(memberTarget(c.who(), c.target())) + "/remove",
                admins(PAGE, FORBIDDEN),
                null);
        get(
                m,
                "GET /therapists/{id}/held-clients",
                MEMBERS,
                (c, w, s) -> "/therapists/" + w.id(memberTarget(c.who(), c.target())) + "/held-clients",
                admins(PAGE, FORBIDDEN),
                (c, w, body, problems) -> {
                    Set<ClientKey> held = EnumSet.noneOf(ClientKey.class);
                    holds(memberTarget(c.who(), c.target())).forEach((k, cat) -> {
                        if (cat != Category.WALK_IN) {
                            held.add(k);
                        }
                    });
                    compare(problems, "held clients", names(held), names(shown(body)));
                });
        get(
                m,
                "GET /supervisees",
                List.of(NONE),
                (c, w, s) -> "/supervisees",
                members(PAGE),
                (c, w, body, problems) -> {
                    Map<ClientKey, Category> expected = new EnumMap<>(ClientKey.class);
                    if (!admin(c.who())) {
                        for (Person p : lens(c.who())) {
                            if (p != person(c.who())) {
                                expected.putAll(holds(p));
                            }
                        }
                    }
                    compare(
                            problems,
                            "supervisees' caseloads (client · category)",
                            labelled(expected),
                            categorised(body, "li"));
                });

        // ---- clients -------------------------------------------------------------------------------------
        get(
                m,
                "GET /clients",
                List.of(NONE),
                (c, w, s) -> "/clients",
                members(PAGE),
                (c, w, body, problems) ->
                        compare(problems, "client list", names(visible(c.who())), names(shown(body))));
        get(m, "GET /clients/new", List.of(NONE), (c, w, s) -> "/clients/new", members(PAGE), null);
        // Client CSV: admins, or roles with clients.create and clients.export (nobody else in this world).
        // The export holds exactly the clients the caller sees; a form posted without a file is refused in
        // place (a browser sends the file as multipart: ClientImportBrowserTest).
        get(
                m,
                "GET /clients/export",
                List.of(NONE),
                (c, w, s) -> "/clients/export",
                admins(PAGE, FORBIDDEN),
                (c, w, body, problems) ->
                        compare(problems, "client export", names(visible(c.who())), names(shown(body))));
        get(m, "GET /clients/import", List.of(NONE), (c, w, s) -> "/clients/import", admins(PAGE, FORBIDDEN), null);
        for (String path : List.of("/clients/import", "/clients/import/preview")) {
            post(
                    m,
                    "POST " + path,
                    List.of(NONE),
                    null,
                    (c, w, s) -> path,
                    (c, w, s) -> Map.of("expectedRows", "1"),
                    admins(REFUSED, FORBIDDEN),
                    new Probe((c, w, s) -> w.adminRead("/api/v1/clients?limit=500"), false, null));
        }
        get(
                m,
                "GET /clients/{id}",
                CLIENTS,
                (c, w, s) -> "/clients/" + w.client(clientTarget(c.who(), c.target())),
                clientPage(),
                (c, w, body, problems) -> {
                    ClientKey k = clientTarget(c.who(), c.target());
                    compare(problems, "client names", names(Set.of(k)), names(shown(body)));
                    compare(
                            problems,
                            "the client's sessions (all of them)",
                            ids(w.visits.stream().filter(v -> v.client() == k).toList()),
                            sessionIds(body));
                });
        post(
                m,
                "POST /clients",
                List.of(SELF, COLLEAGUE, OTHER_PRACTICE),
                (c, w) -> "Nia Newcomb " + SERIAL.incrementAndGet(),
                (c, w, s) -> "/clients",
                (c, w, s) -> Map.of(
                        "fullName", s,
                        "dateOfBirth", "1990-01-01",
                        "email", "",
                        "phone", "",
                        "kind", "DIRECT",
                        "therapist", w.id(memberTarget(c.who(), c.target()))),
                (who, t) -> {
                    if (gate(who) != null) return gate(who);
                    if (onHold(who)) return REFUSED;
                    if (t == SELF) return DONE;
                    if (!reassigner(who)) return REFUSED;
                    return inPractice(who, t) ? DONE : REFUSED;
                },
                new Probe(
                        (c, w, s) -> String.valueOf(w.asAdmin(practiceB(c.who()))
                                .get("/api/v1/clients?q=" + s.replace(' ', '+'))
                                .expect(200)
                                .json()
                                .path("items")
                                .size()),
                        true,
                        null));
        post(
                m,
                "POST /clients/{id}/status",
                CLIENTS,
                (c, w) -> w.client(clientTarget(c.who(), c.target())),
                (c, w, s) -> "/clients/" + s + "/status",
                (c, w, s) -> Map.of("status", "INACTIVE"),
                (who, t) -> {
                    if (gate(who) != null) return gate(who);
                    ClientKey k = clientTarget(who, t);
                    return !sees(who, k) ? NOT_FOUND : mayChange(who, k) ? DONE : REFUSED;
                },
                new Probe(
                        (c, w, s) -> w.clientField(s, "status"),
                        true,
                        (c, w, s, before) -> w.asAdminOfClient(s)
                                .patch("/api/v1/clients/" + s, Map.of("status", before))
                                .expect(200)));
        post(
                m,
                "POST /clients/{id}/risk",
                CLIENTS,
                (c, w) -> w.client(clientTarget(c.who(), c.target())),
                (c, w, s) -> "/clients/" + s + "/risk",
                (c, w, s) -> Map.of(
                        "level",
                        "LOW".equals(w.clientField(s, "riskLevel")) ? "MODERATE" : "LOW",
                        "note",
                        "Matrix check"),
                (who, t) -> {
                    if (gate(who) != null) return gate(who);
                    return !sees(who, clientTarget(who, t)) ? NOT_FOUND : onHold(who) ? REFUSED : DONE;
                },
                new Probe((c, w, s) -> w.clientField(s, "riskLevel"), true, null));
        post(
                m,
                "POST /clients/{id}/reassign",
                CLIENTS,
                (c, w) -> w.client(clientTarget(c.who(), c.target())),
                (c, w, s) -> "/clients/" + s + "/reassign",
                // Permitted: to its own therapist (changes nothing). Refused: an attempt to move it.
                (c, w, s) -> {
                    ClientKey k = clientTarget(c.who(), c.target());
                    Person to = c.expected() == DONE
                            ? k.owner
                            : k.owner == Person.THERAPIST ? Person.COLLEAGUE : Person.THERAPIST;
                    return Map.of("therapist", w.id(to));
                },
                (who, t) -> {
                    if (gate(who) != null) return gate(who);
                    if (!sees(who, clientTarget(who, t))) return NOT_FOUND;
                    return onHold(who) || !reassigner(who) ? REFUSED : DONE;
                },
                new Probe(
                        (c, w, s) -> w.clientField(s, "therapistId"),
                        false,
                        (c, w, s, before) -> w.asAdminOfClient(s)
                                .post("/api/v1/clients/" + s + "/reassign", Map.of("therapistId", before))
                                .expect(200)));

        // ---- sessions and notes ------------------------------------------------------------------------
        get(
                m,
                "GET /sessions/new",
                CLIENTS,
                (c, w, s) -> "/sessions/new?client=" + w.client(clientTarget(c.who(), c.target())),
                clientPage(),
                // The client picker lists every client the caller may see (all of them are Active).
                (c, w, body, problems) ->
                        compare(problems, "client picker", names(visible(c.who())), names(shown(body))));
        post(
                m,
                "POST /sessions",
                CLIENTS,
                (c, w) -> w.client(clientTarget(c.who(), c.target())),
                (c, w, s) -> "/sessions",
                (c, w, s) -> Map.of(
                        "client",
                        s,
                        "therapist",
                        w.id(clientTarget(c.who(), c.target()).owner),
                        "startsAt",
                        LocalDateTime.ofInstant(futureSlot(), ZoneOffset.UTC).format(FORM_TIME),
                        "durationMinutes",
                        "50",
                        "serviceCode",
                        "90834"),
                // Scheduling needs an Active caller; for someone else, an admin; and a visible client.
                (who, t) -> {
                    if (gate(who) != null) return gate(who);
                    if (onHold(who)) return REFUSED;
                    ClientKey k = clientTarget(who, t);
                    if (k.owner != person(who) && !admin(who)) return REFUSED;
                    return sees(who, k) ? DONE : UNSEEN;
                },
                new Probe(
                        (c, w, s) -> String.valueOf(w.asAdminOfClient(s)
                                .get("/api/v1/clients/" + s + "/sessions?limit=100")
                                .expect(200)
                                .json()
                                .path("items")
                                .size()),
                        true,
                        null));
        get(
                m,
                "GET /sessions/{id}",
                CLIENTS,
                (c, w, s) -> "/sessions/" + w.session(c),
                (who, t) -> gate(who) != null ? gate(who) : seesTargetSession(who, t) ? PAGE : NOT_FOUND,
                (c, w, body, problems) -> compare(
                        problems,
                        "client names",
                        names(Set.of(clientTarget(c.who(), c.target()))),
                        names(shown(body))));
        for (String step : List.of("complete", "cancel", "no-show")) {
            post(
                    m,
                    "POST /sessions/{id}/" + step,
                    CLIENTS,
                    (c, w) -> c.expected() == DONE ? w.freshScheduled(c) : w.session(c),
                    (c, w, s) -> "/sessions/" + s + "/" + step,
                    (c, w, s) -> Map.of(),
                    // The renderer (also On Hold, once the session has started) and admins.
                    sessionStep(true),
                    new Probe((c, w, s) -> w.sessionField(s, "status"), true, null));
        }
        post(
                m,
                "POST /sessions/{id}/note",
                CLIENTS,
                (c, w) -> w.session(c),
                (c, w, s) -> "/sessions/" + s + "/note",
                (c, w, s) -> Map.of("text", "Matrix note " + SERIAL.incrementAndGet()),
                // Only the rendering therapist writes the note, also while On Hold.
                sessionStep(false),
                new Probe((c, w, s) -> w.noteText(s), true, null));
        post(
                m,
                "POST /sessions/{id}/note/cosign",
                CLIENTS,
                (c, w) -> supervised(c.target()) && seesTargetSession(c.who(), c.target())
                        ? w.freshAwaitingCosign(clientTarget(c.who(), c.target()))
                        : w.session(c),
                (c, w, s) -> "/sessions/" + s + "/note/cosign",
                (c, w, s) -> Map.of(),
                // A current (Active) supervisor of the author co-signs.
                (who, t) -> {
                    if (gate(who) != null) return gate(who);
                    if (!seesTargetSession(who, t)) return NOT_FOUND;
                    return who == Who.SUPERVISOR && supervised(t) ? DONE : REFUSED;
                },
                new Probe((c, w, s) -> w.sessionField(s, "noteStatus"), true, null));
        get(
                m,
                "GET /notes/pending",
                List.of(NONE),
                (c, w, s) -> "/notes/pending",
                members(PAGE),
                (c, w, body, problems) -> {
                    List<Visit> pending = w.visits.stream()
                            .filter(v -> v.pending() && seesSession(c.who(), v.client(), v.renderer()))
                            .toList();
                    compare(problems, "pending notes", ids(pending), sessionIds(body));
                    compare(problems, "client names", names(clientsOf(pending)), names(shown(body)));
                });

        // ---- a therapist's status, role, admin rights, membership and supervision (admins) ----------
        post(
                m,
                "POST /therapists/{id}/status",
                MEMBERS,
                (c, w) -> w.id(memberTarget(c.who(), c.target())),
                (c, w, s) -> "/therapists/" + s + "/status",
                (c, w, s) -> {
                    // Permitted: the status it has (changes nothing). Refused: an attempt to change it.
                    String now = w.memberField(s, "status");
                    String status = c.expected() == DONE ? now : "ON_HOLD".equals(now) ? "ACTIVE" : "ON_HOLD";
                    return Map.of("status", status, "returnTo", "/therapists/" + s);
                },
                admins(DONE, REFUSED),
                new Probe(
                        (c, w, s) -> w.memberField(s, "status"),
                        false,
                        (c, w, s, before) -> w.asAdminOfMember(s)
                                .put("/api/v1/therapists/" + s + "/status", Map.of("status", before))
                                .expect(200)));
        post(
                m,
                "POST /therapists/{id}/role",
                MEMBERS,
                (c, w) -> w.id(memberTarget(c.who(), c.target())),
                (c, w, s) -> "/therapists/" + s + "/role",
                (c, w, s) -> {
                    String now = w.memberField(s, "role.id");
                    boolean b = w.memberPracticeB(s);
                    String supervisorRole = w.roleId(b, "Supervisor");
                    String role = c.expected() == DONE
                            ? now
                            : now.equals(supervisorRole) ? w.roleId(b, "Licensed Therapist") : supervisorRole;
                    return Map.of("role", role);
                },
                admins(DONE, REFUSED),
                new Probe(
                        (c, w, s) -> w.memberField(s, "role.id"),
                        false,
                        (c, w, s, before) -> w.asAdminOfMember(s)
                                .put("/api/v1/therapists/" + s + "/role", Map.of("roleId", before))
                                .expect(200)));
        post(
                m,
                "POST /therapists/{id}/admin",
                MEMBERS,
                (c, w) -> w.id(memberTarget(c.who(), c.target())),
                (c, w, s) -> "/therapists/" + s + "/admin",
                (c, w, s) -> {
                    boolean now = Boolean.parseBoolean(w.memberField(s, "admin"));
                    return Map.of("admin", String.valueOf(c.expected() == DONE ? now : !now));
                },
                admins(DONE, REFUSED),
                new Probe(
                        (c, w, s) -> w.memberField(s, "admin"),
                        false,
                        (c, w, s, before) -> w.asAdminOfMember(s)
                                .put(
                                        "/api/v1/therapists/" + s + "/admin",
                                        Map.of("admin", Boolean.parseBoolean(before)))
                                .expect(200)));
        post(
                m,
                "POST /therapists/{id}/remove",
                List.of(SELF, COLLEAGUE, OTHER_PRACTICE),
                // A new member for removals that may happen; for refused colleague cells a member who
                // holds nothing (so that the refusal is about who asks, not about what the member holds).
                (c, w) -> c.expected() == DONE
                        ? w.freshMember(practiceB(c.who()))
                        : c.target() == COLLEAGUE ? w.removable : w.id(memberTarget(c.who(), c.target())),
                (c, w, s) -> "/therapists/" + s + "/remove",
                (c, w, s) -> Map.of(),
                // The practice's last Active admin cannot be removed.
                (who, t) -> t == SELF && admin(who)
                        ? REFUSED
                        : admins(DONE, REFUSED).of(who, t),
                new Probe((c, w, s) -> w.membership(s), true, null));
        post(
                m,
                "POST /therapists/{id}/supervisors",
                List.of(SUPERVISEE, OTHER_PRACTICE),
                (c, w) -> c.expected() == DONE
                        ? w.freshMember(false)
                        : c.target() == SUPERVISEE ? w.id(Person.SPARE) : w.id(Person.OTHER_ADMIN),
                (c, w, s) -> "/therapists/" + s + "/supervisors",
                (c, w, s) -> Map.of("supervisor", w.id(Person.SUPERVISOR)),
                // Practice A's supervisor is an unknown supervisor for practice B's member.
                (who, t) -> who == Who.OTHER_ADMIN && t == OTHER_PRACTICE
                        ? REFUSED
                        : adminsOnThings().of(who, t),
                new Probe(
                        (c, w, s) -> w.memberField(s, "supervisorIds"),
                        true,
                        (c, w, s, before) -> w.asAdminOfMember(s)
                                .delete("/api/v1/therapists/" + s + "/supervisors/" + w.id(Person.SUPERVISOR))));
        post(
                m,
                "POST /therapists/{id}/supervisors/{supervisor}/end",
                List.of(SUPERVISEE, OTHER_PRACTICE),
                (c, w) -> c.expected() == DONE
                        ? w.freshSupervised()
                        : c.target() == SUPERVISEE ? w.id(Person.SUPERVISEE) : w.id(Person.OTHER_ADMIN),
                (c, w, s) -> "/therapists/" + s + "/supervisors/" + w.id(Person.SUPERVISOR) + "/end",
                (c, w, s) -> Map.of(),
                (who, t) -> who == Who.OTHER_ADMIN && t == OTHER_PRACTICE
                        ? UNSEEN
                        : adminsOnThings().of(who, t),
                new Probe(
                        (c, w, s) -> w.memberField(s, "supervisorIds"),
                        true,
                        (c, w, s, before) -> w.asAdminOfMember(s)
                                .post(
                                        "/api/v1/therapists/" + s + "/supervisors",
                                        Map.of("supervisorId", w.id(Person.SUPERVISOR)))
                                .expect(201)));

        // ---- invitations (admins) ------------------------------------------------------------------------
        get(
                m,
                "GET /therapists/invite",
                List.of(NONE),
                (c, w, s) -> "/therapists/invite",
                admins(PAGE, FORBIDDEN),
                null);
        get(
                m,
                "GET /therapists/invitations",
                List.of(NONE),
                (c, w, s) -> "/therapists/invitations",
                admins(PAGE, FORBIDDEN),
                null);
        post(
                m,
                "POST /therapists/invite",
                List.of(NONE),
                (c, w) -> Fixtures.uniqueEmail("matrix-invite"),
                (c, w, s) -> "/therapists/invite",
                (c, w, s) ->
                        Map.of("fullName", "Ivo Invited", "email", s, "role", w.roleId(practiceB(c.who()), "Intern")),
                admins(DONE, REFUSED),
                new Probe(
                        (c, w, s) -> String.valueOf(w.asAdmin(practiceB(c.who()))
                                .get("/api/v1/invitations?limit=100")
                                .expect(200)
                                .body()
                                .contains(s)),
                        true,
                        null));
        post(
                m,
                "POST /therapists/invitations/{id}/resend",
                THINGS,
                (c, w) -> w.invitations.get(c.target() == OTHER_PRACTICE),
                (c, w, s) -> "/therapists/invitations/" + s + "/resend",
                (c, w, s) -> Map.of(),
                adminsOnThings(),
                new Probe((c, w, s) -> w.adminRead("/api/v1/invitations/" + s), false, null));
        post(
                m,
                "POST /therapists/invitations/{id}/revoke",
                THINGS,
                (c, w) -> c.expected() == DONE
                        ? w.freshInvitation(c.target() == OTHER_PRACTICE)
                        : w.invitations.get(c.target() == OTHER_PRACTICE),
                (c, w, s) -> "/therapists/invitations/" + s + "/revoke",
                (c, w, s) -> Map.of(),
                adminsOnThings(),
                new Probe((c, w, s) -> w.adminRead("/api/v1/invitations/" + s), true, null));

        // ---- roles ---------------------------------------------------------------------------------------
        get(m, "GET /roles", List.of(NONE), (c, w, s) -> "/roles", members(PAGE), null);
        get(m, "GET /roles/new", List.of(NONE), (c, w, s) -> "/roles/new", admins(PAGE, FORBIDDEN), null);
        get(
                m,
                "GET /roles/{id}",
                THINGS,
                (c, w, s) -> "/roles/" + w.spareRoles.get(c.target() == OTHER_PRACTICE),
                (who, t) -> gate(who) != null ? gate(who) : inPractice(who, t) ? PAGE : NOT_FOUND,
                null);
        post(
                m,
                "POST /roles/new",
                List.of(NONE),
                (c, w) -> "Matrix role " + SERIAL.incrementAndGet(),
                (c, w, s) -> "/roles/new",
                (c, w, s) -> Map.of("name", s, "description", "made by the matrix", "billingModifier", ""),
                admins(DONE, REFUSED),
                new Probe(
                        (c, w, s) -> String.valueOf(w.asAdmin(practiceB(c.who()))
                                .get("/api/v1/roles")
                                .expect(200)
                                .body()
                                .contains(s)),
                        true,
                        null));
        post(
                m,
                "POST /roles/{id}",
                THINGS,
                (c, w) -> w.spareRoles.get(c.target() == OTHER_PRACTICE),
                (c, w, s) -> "/roles/" + s,
                (c, w, s) -> Map.of(
                        "name", "Spare",
                        "description", "Changed " + SERIAL.incrementAndGet(),
                        "billingModifier", ""),
                adminsOnThings(),
                new Probe((c, w, s) -> w.adminRead("/api/v1/roles/" + s), true, null));
        post(
                m,
                "POST /roles/{id}/delete",
                THINGS,
                (c, w) -> c.expected() == DONE
                        ? w.freshRole(c.target() == OTHER_PRACTICE)
                        : w.spareRoles.get(c.target() == OTHER_PRACTICE),
                (c, w, s) -> "/roles/" + s + "/delete",
                (c, w, s) -> Map.of(),
                adminsOnThings(),
                new Probe((c, w, s) -> w.adminRead("/api/v1/roles/" + s), true, null));

        // ---- audit and settings (admins) --------------------------------------------------------------
        get(m, "GET /audit", List.of(NONE), (c, w, s) -> "/audit", admins(PAGE, FORBIDDEN), null);
        get(m, "GET /audit/export", List.of(NONE), (c, w, s) -> "/audit/export", admins(PAGE, FORBIDDEN), null);
        // The audit page's client picker: the admin's own practice's clients whose name has an "a" in it.
        get(
                m,
                "GET /audit/clients",
                List.of(NONE),
                (c, w, s) -> "/audit/clients?clientName=a",
                admins(PAGE, FORBIDDEN),
                (c, w, body, problems) -> compare(
                        problems,
                        "audit client picker",
                        names(visible(c.who()).stream()
                                .filter(k -> k.fullName.toLowerCase().contains("a"))
                                .collect(Collectors.toCollection(() -> EnumSet.noneOf(ClientKey.class)))),
                        names(shown(body))));
        get(m, "GET /settings", List.of(NONE), (c, w, s) -> "/settings", admins(PAGE, FORBIDDEN), null);
        post(
                m,
                "POST /settings",
                List.of(NONE),
                null,
                (c, w, s) -> "/settings",
                // Permitted: the settings as they are. Refused: an attempt to rename the practice.
                (c, w, s) -> {
                    boolean b = practiceB(c.who());
                    Map<String, String> form = new LinkedHashMap<>();
                    form.put("name", c.expected() == DONE ? w.practiceName(b) : "Renamed by " + c.who());
                    if (!b) {
                        form.put("supervisionEnabled", "true");
                    }
                    form.put("mfaRequired", "NONE");
                    return form;
                },
                admins(DONE, REFUSED),
                new Probe(
                        (c, w, s) -> w.practiceName(practiceB(c.who())),
                        false,
                        (c, w, s, before) -> w.asAdmin(practiceB(c.who()))
                                .patch("/api/v1/practice", Map.of("name", before))
                                .expect(200)));
        return m;
    }

    // ---- content: what a page shows -------------------------------------------------------------------

    private static final Pattern SESSION_LINK = Pattern.compile("href=\"/sessions/([0-9a-f-]{36})\"");
    private static final Pattern ALERT =
            Pattern.compile("(?:role=\"alert\"|class=\"field-error\")[^>]*>(.*?)</(?:div|p)>", Pattern.DOTALL);

    /** The world's clients whose name the page shows. */
    static Set<ClientKey> shown(String body) {
        Set<ClientKey> shown = EnumSet.noneOf(ClientKey.class);
        for (ClientKey c : ClientKey.values()) {
            if (body.contains(c.fullName)) {
                shown.add(c);
            }
        }
        return shown;
    }

    static Set<String> names(Set<ClientKey> clients) {
        return clients.stream().map(c -> c.fullName).collect(Collectors.toCollection(TreeSet::new));
    }

    static Set<String> labelled(Map<ClientKey, Category> held) {
        Set<String> labelled = new TreeSet<>();
        held.forEach((c, cat) -> labelled.add(c.fullName + " · " + cat));
        return labelled;
    }

    /** "client · CATEGORY" for each element {@code <tag data-category=...>} naming a world client. */
    static Set<String> categorised(String body, String tag) {
        Set<String> found = new TreeSet<>();
        Matcher row = Pattern.compile(
                        "<" + tag + " data-category=\"([A-Z_]+)\"[^>]*>(.*?)</" + tag + ">", Pattern.DOTALL)
                .matcher(body);
        while (row.find()) {
            for (ClientKey c : shown(row.group(2))) {
                found.add(c.fullName + " · " + row.group(1));
            }
        }
        return found;
    }

    static Set<String> sessionIds(String body) {
        Set<String> ids = new TreeSet<>();
        Matcher link = SESSION_LINK.matcher(body);
        while (link.find()) {
            ids.add(link.group(1));
        }
        return ids;
    }

    static Set<String> ids(List<Visit> visits) {
        return visits.stream().map(Visit::id).collect(Collectors.toCollection(TreeSet::new));
    }

    static Set<ClientKey> clientsOf(List<Visit> visits) {
        Set<ClientKey> clients = EnumSet.noneOf(ClientKey.class);
        visits.forEach(v -> clients.add(v.client()));
        return clients;
    }

    static void compare(List<String> problems, String what, Set<String> expected, Set<String> actual) {
        if (!expected.equals(actual)) {
            Set<String> missing = new TreeSet<>(expected);
            missing.removeAll(actual);
            Set<String> extra = new TreeSet<>(actual);
            extra.removeAll(expected);
            problems.add(what + ": expected " + expected + " but shown " + actual
                    + (missing.isEmpty() ? "" : "; missing " + missing)
                    + (extra.isEmpty() ? "" : "; extra " + extra));
        }
    }

    /** Roster: a therapist's numbers are shown exactly to those who may open their caseload, the same for all. */
    static void rosterNumbers(Cell c, World w, String body, List<String> problems) {
        Matcher row = Pattern.compile("<tr data-email=\"([^\"]+)\">(.*?)</tr>", Pattern.DOTALL)
                .matcher(body);
        Set<String> expected = new TreeSet<>();
        Set<String> actual = new TreeSet<>();
        for (Person p : Person.values()) {
            if (p != Person.REMOVED && p.practiceB() == practiceB(c.who()) && mayOpen(c.who(), p)) {
                expected.add(p.name());
            }
        }
        while (row.find()) {
            Person p = w.byEmail.get(row.group(1));
            if (p == null) {
                continue;
            }
            String active = cell(row.group(2), "Active clients");
            String pending = cell(row.group(2), "Pending notes");
            if (!"—".equals(active) || !"—".equals(pending)) {
                actual.add(p.name());
                JsonNode truth = w.metrics.get(p);
                if (!active.equals(truth.path("activeClients").asString())
                        || !pending.equals(truth.path("pendingNotes").asString())) {
                    problems.add(
                            "roster numbers of " + p + ": shown " + active + "/" + pending + " but the admin's are "
                                    + truth.path("activeClients").asString() + "/"
                                    + truth.path("pendingNotes").asString());
                }
            }
        }
        compare(problems, "members whose numbers the roster shows", expected, actual);
    }

    private static String cell(String row, String label) {
        Matcher m = Pattern.compile("data-label=\"" + label + "\"[^>]*>\\s*([^<]*?)\\s*<")
                .matcher(row);
        return m.find() ? m.group(1) : "?";
    }

    /** Profile: the Metrics section exactly for those who may open the caseload, with the admin's numbers. */
    static void profileNumbers(Cell c, World w, String body, List<String> problems) {
        Person t = memberTarget(c.who(), c.target());
        boolean shown = body.contains("id=\"metrics-heading\"");
        boolean expected = mayOpen(c.who(), t);
        if (shown != expected) {
            problems.add("numbers of " + t + " on the profile: expected " + (expected ? "shown" : "absent") + " but "
                    + (shown ? "shown" : "absent"));
        }
        if (shown) {
            JsonNode truth = w.metrics.get(t);
            Map<String, String> fields = Map.of(
                    "Active clients", "activeClients",
                    "Sessions, last 30 days", "sessionsLast30Days",
                    "Pending notes", "pendingNotes",
                    "High or Imminent risk", "highRiskClients");
            fields.forEach((label, field) -> {
                Matcher m = Pattern.compile("<dt>" + Pattern.quote(label) + "</dt>\\s*<dd>([^<]*)</dd>")
                        .matcher(body);
                String value = m.find() ? m.group(1) : "?";
                if (!value.equals(truth.path(field).asString())) {
                    problems.add("profile number '" + label + "' of " + t + ": shown " + value + " but the admin's is "
                            + truth.path(field).asString());
                }
            });
        }
    }

    // ---- running it ----------------------------------------------------------------------------------

    /** What one cell found: its place in the matrix, what was wrong (or null), how a refusal was shown. */
    record Result(int order, String wrong, String refusal) {}

    @Test
    void everyDashboardRouteAnswersEveryCallerAsTheRulesSay() throws Exception {
        long started = System.nanoTime();
        List<Entry> matrix = matrix();

        Set<String> registered = dashboardRoutes();
        Set<String> covered = matrix.stream().map(Entry::key).collect(Collectors.toCollection(TreeSet::new));
        assertThat(registered)
                .as("dashboard routes without an entry in the dashboard authorization matrix")
                .isSubsetOf(covered);
        assertThat(covered).as("matrix entries for routes that do not exist").isSubsetOf(registered);

        // The first form POST of each route by an Inactive or removed member comes from a browser
        // whose sign-in was valid until the member lost access (so it passes CSRF and meets the
        // sign-in check); their other cells replay that ended session's cookie and token.
        int endedSignIns = (int) matrix.stream().filter(Entry::post).count();
        World world = new World(endedSignIns);
        long built = System.nanoTime();

        List<Result> results = new ArrayList<>();
        // Pages first, while the world is as built (their content is compared to it). They change
        // nothing, so each caller's run in parallel, each in its own browser.
        ExecutorService callers = Executors.newFixedThreadPool(3);
        try {
            List<Callable<List<Result>>> each = new ArrayList<>();
            for (Who who : Who.values()) {
                each.add(() -> {
                    List<Result> mine = new ArrayList<>();
                    for (int e = 0; e < matrix.size(); e++) {
                        if (!matrix.get(e).post()) {
                            mine.addAll(cells(e, matrix.get(e), who, world));
                        }
                    }
                    return mine;
                });
            }
            for (Future<List<Result>> mine : callers.invokeAll(each)) {
                results.addAll(mine.get());
            }
        } finally {
            callers.shutdown();
        }
        long pages = System.nanoTime();
        // Then the forms, one at a time: they change the world, and their cells share its objects.
        for (int e = 0; e < matrix.size(); e++) {
            if (matrix.get(e).post()) {
                for (Who who : Who.values()) {
                    results.addAll(cells(e, matrix.get(e), who, world));
                }
            }
        }
        long done = System.nanoTime();

        results.sort(Comparator.comparingInt(Result::order));
        Map<String, Integer> refusedHow = new TreeMap<>();
        results.stream().filter(r -> r.refusal() != null).forEach(r -> refusedHow.merge(r.refusal(), 1, Integer::sum));
        List<String> wrong =
                results.stream().map(Result::wrong).filter(Objects::nonNull).toList();
        System.out.printf(
                "Dashboard authorization matrix: %d routes, %d cells; world %.1f s, pages %.1f s, forms %.1f s%n",
                matrix.size(), results.size(), (built - started) / 1e9, (pages - built) / 1e9, (done - pages) / 1e9);
        System.out.println("Refusals, by how they were shown: " + refusedHow);
        wrong.forEach(w -> System.out.println("WRONG " + w));
        assertThat(wrong).as("cells answered differently from the rules").isEmpty();
    }

    /** The cells of one route for one caller. */
    private List<Result> cells(int index, Entry entry, Who who, World world) {
        List<Result> results = new ArrayList<>();
        for (int t = 0; t < entry.targets().size(); t++) {
            Target target = entry.targets().get(t);
            Cell cell = new Cell(who, target, entry.expect().of(who, target));
            List<String> problems = new ArrayList<>();
            Seen seen = null;
            try {
                seen = run(entry, cell, world, t == 0, problems);
            } catch (RuntimeException | AssertionError e) {
                problems.add("could not run: " + e);
            }
            String refusal = seen == null || cell.expected() == DONE || cell.expected() == PAGE
                    ? null
                    : seen.refusal() == null ? null : (entry.post() ? "POST: " : "GET: ") + seen.refusal();
            String wrong = problems.isEmpty()
                    ? null
                    : entry.key() + " as " + who + " on " + target + ": expected " + cell.expected() + ", got "
                            + (seen == null ? "error" : seen) + " — " + String.join("; ", problems);
            results.add(new Result(index * 10_000 + who.ordinal() * 100 + t, wrong, refusal));
        }
        return results;
    }

    /**
     * Runs one cell and adds every difference from the rules to {@code problems}. {@code first}: the
     * route's first target, which an Inactive or removed member sends from a freshly ended sign-in.
     */
    private Seen run(Entry entry, Cell cell, World w, boolean first, List<String> problems) {
        Who who = cell.who();
        String subject = entry.subject() == null ? null : entry.subject().of(cell, w);
        String path = entry.path().of(cell, w, subject);
        DashboardClient browser = w.browser(who, entry.post() && first);
        String before = entry.probe() == null ? null : entry.probe().read().of(cell, w, subject);

        DashboardClient.Answer answer =
                entry.post() ? browser.post(path, entry.form().of(cell, w, subject)) : browser.get(path);
        DashboardClient.Answer followed = null;
        if (entry.post() && answer.redirect() && !signInOrOut(answer.location())) {
            followed = browser.get(answer.location());
        }

        Seen seen = Seen.of(answer, followed);
        if (!seen.matches(cell.expected())) {
            problems.add("answered " + seen);
        }

        // No page names a client the caller may not see.
        Set<ClientKey> leaked = EnumSet.noneOf(ClientKey.class);
        leaked.addAll(shown(answer.body()));
        if (followed != null) {
            leaked.addAll(shown(followed.body()));
        }
        leaked.removeAll(visible(who));
        if (!leaked.isEmpty()) {
            problems.add("shows clients the caller may not see: " + names(leaked));
        }

        if (!entry.post() && entry.content() != null && cell.expected() == PAGE && answer.status() == 200) {
            entry.content().check(cell, w, answer.body(), problems);
        }

        if (entry.probe() != null) {
            String after = entry.probe().read().of(cell, w, subject);
            boolean changed = !after.equals(before);
            if (cell.expected() == DONE && entry.probe().changes() && !changed) {
                problems.add("nothing changed (still " + before + ")");
            }
            if (cell.expected() != DONE && changed) {
                problems.add("refused, yet it changed: " + before + " → " + after);
            }
            if (changed && entry.probe().restore() != null) {
                entry.probe().restore().of(cell, w, subject, before);
            }
        }
        return seen;
    }

    static boolean signInOrOut(String location) {
        return location.equals("/signin") || location.startsWith("/signin?") || location.startsWith("/signed-out");
    }

    /** What a request answered, as a person would see it. */
    record Seen(
            int status,
            String location,
            String page,
            int followedStatus,
            boolean followedTo404,
            String refusalMessage,
            boolean notice) {

        static Seen of(DashboardClient.Answer answer, DashboardClient.Answer followed) {
            String page = null;
            if (answer.status() == 404 && answer.body().contains("This page does not exist")) {
                page = "404 page";
            } else if (answer.status() == 403 && answer.body().contains("You may not do this")) {
                page = "403 page";
            }
            String shownTo = followed != null ? followed.body() : answer.status() == 200 ? answer.body() : null;
            String message = null;
            if (shownTo != null) {
                Matcher alert = ALERT.matcher(shownTo);
                if (alert.find()) {
                    message = alert.group(1).replaceAll("<[^>]*>", " ").strip().replaceAll("\\s+", " ");
                    if (message.isEmpty()) {
                        message = "(a message)";
                    }
                }
            }
            return new Seen(
                    answer.status(),
                    answer.location(),
                    page,
                    followed == null ? 0 : followed.status(),
                    followed != null
                            && followed.status() == 404
                            && followed.body().contains("This page does not exist"),
                    message,
                    shownTo != null && shownTo.contains("class=\"notice\""));
        }

        boolean redirectTo(String prefix) {
            return status == 302 && location != null && (location.equals(prefix) || location.startsWith(prefix + "?"));
        }

        /** Back on a page (or the same form) of the app, not sent away to sign in. */
        private boolean shownAPage() {
            return status == 200 || (status == 302 && followedStatus == 200 && !signInOrOut(location));
        }

        boolean inPlaceRefusal() {
            return refusalMessage != null && shownAPage();
        }

        /** Sent back to the page with neither a refusal nor a notice of success. */
        boolean silentRefusal() {
            return status == 302 && refusalMessage == null && !notice && shownAPage();
        }

        boolean carriedOut() {
            return refusalMessage == null && (status == 200 || (shownAPage() && notice));
        }

        boolean matches(Outcome expected) {
            return switch (expected) {
                case PAGE -> status == 200;
                case HOME -> redirectTo("/home");
                case SIGN_IN -> redirectTo("/signin");
                case SIGNED_OUT -> status == 302 && location != null && location.startsWith("/signed-out");
                case NOT_FOUND -> "404 page".equals(page);
                case FORBIDDEN -> "403 page".equals(page);
                case DONE -> carriedOut();
                case REFUSED -> "403 page".equals(page) || (!STRICT_REFUSALS && (inPlaceRefusal() || silentRefusal()));
                case UNSEEN -> "404 page".equals(page) || followedTo404 || inPlaceRefusal();
            };
        }

        /** How a refusal reached the person, for the summary. */
        String refusal() {
            if (page != null) {
                return page;
            }
            if (followedTo404) {
                return "redirect to the 404 page";
            }
            if (inPlaceRefusal()) {
                return "in place (" + status + ")";
            }
            return silentRefusal() ? "sent back silently" : null;
        }

        @Override
        public String toString() {
            String s = page != null ? page : String.valueOf(status);
            if (status == 302) {
                s += " → " + location
                        + (followedStatus == 0 ? "" : " (" + (followedTo404 ? "404 page" : followedStatus) + ")");
            }
            if (refusalMessage != null) {
                s += " with refusal in place: \"" + refusalMessage + "\"";
            } else if (notice) {
                s += " with a notice of success";
            } else if (status == 200 || followedStatus == 200) {
                s += " (no refusal shown)";
            }
            return s;
        }
    }

    /** Our own controllers' handler methods that are not part of the JSON API. */
    private Set<String> dashboardRoutes() {
        Set<String> routes = new TreeSet<>();
        mapping.getHandlerMethods().forEach((info, handler) -> {
            if (!handler.getBeanType().getPackageName().startsWith("app.caseload")
                    || info.getPathPatternsCondition() == null) {
                return;
            }
            for (String pattern : info.getPathPatternsCondition().getPatternValues()) {
                if (pattern.startsWith("/api/") || pattern.startsWith("/fhir/")) {
                    // The JSON and FHIR APIs have their own matrices (AuthorizationMatrixTest,
                    // FhirAuthorizationMatrixTest).
                    continue;
                }
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                if (methods.isEmpty()) {
                    routes.add("ANY " + pattern);
                }
                methods.forEach(method -> routes.add(method.name() + " " + pattern));
            }
        });
        return routes;
    }

    private static void get(
            List<Entry> m, String key, List<Target> targets, PathOf path, Expect expect, Content content) {
        m.add(new Entry(key, targets, null, path, null, expect, content, null));
    }

    private static void post(
            List<Entry> m,
            String key,
            List<Target> targets,
            Subject subject,
            PathOf path,
            FormOf form,
            Expect expect,
            Probe probe) {
        m.add(new Entry(key, targets, subject, path, form, expect, null, probe));
    }

    // ---- time ----------------------------------------------------------------------------------------

    private static final DateTimeFormatter FORM_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
    private static final AtomicLong SLOT = new AtomicLong();
    private static final Instant PAST =
            Instant.now().truncatedTo(ChronoUnit.HOURS).minus(1500, ChronoUnit.DAYS);

    /** Slots never overlap: each call takes the next two-hour slot. */
    static Instant pastSlot() {
        return PAST.plus(2 * SLOT.incrementAndGet(), ChronoUnit.HOURS);
    }

    static Instant futureSlot() {
        return Instant.now()
                .truncatedTo(ChronoUnit.HOURS)
                .plus(40, ChronoUnit.DAYS)
                .plus(2 * SLOT.incrementAndGet(), ChronoUnit.HOURS);
    }

    // ---- the world -----------------------------------------------------------------------------------

    /** A session of the world: its client, who renders it, and whether its note is pending. */
    record Visit(String id, ClientKey client, Person renderer, boolean pending) {}

    final class World {
        final Fixtures f = fixtures();
        final Map<Person, Fixtures.Member> members = new EnumMap<>(Person.class);
        final Map<String, Person> byEmail = new HashMap<>();
        final Map<String, Boolean> memberPracticeB = new HashMap<>();
        final Map<ClientKey, String> clients = new EnumMap<>(ClientKey.class);
        final Map<String, ClientKey> clientById = new HashMap<>();
        final List<Visit> visits = new ArrayList<>();
        /** The completed session with a draft note of each client by its therapist; and the walk-in one. */
        final Map<ClientKey, String> standard = new EnumMap<>(ClientKey.class);

        String walkIn;
        /** A member of practice A who holds nothing: whom refused removals try to remove. */
        String removable;

        final Map<Person, Deque<String>> scheduledBeforeHold = new EnumMap<>(Person.class);
        final Map<Who, DashboardClient> browsers = new EnumMap<>(Who.class);
        final Map<Who, Deque<DashboardClient>> endedSignIns = new EnumMap<>(Who.class);
        final Map<Person, JsonNode> metrics = new EnumMap<>(Person.class);
        final Map<Boolean, String> invitations = new HashMap<>();
        final Map<Boolean, String> spareRoles = new HashMap<>();
        final Map<String, String> roleIds = new HashMap<>();

        World(int endedSignInsNeeded) {
            Fixtures.Member admin = f.signup("Dashboard A");
            put(Person.ADMIN, admin);
            put(Person.OTHER_ADMIN, f.signup("Dashboard B"));
            Api asAdmin = asAdmin(false);
            String viewRole = asAdmin.post(
                            "/api/v1/roles",
                            Map.of(
                                    "name", "Practice viewer",
                                    "features", Map.of("clients.view_practice", true, "billing.view", true),
                                    "billingModifier", "HO"))
                    .expect(201)
                    .field("id");
            join(Person.THERAPIST, "Tom Matrix", "Licensed Therapist");
            join(Person.SUPERVISOR, "Sam Supervisor", "Supervisor");
            join(Person.HELD_SUPERVISOR, "Hal Heldback", "Supervisor");
            join(Person.VIEWER, "Vic Viewer", "Licensed Therapist");
            asAdmin.put("/api/v1/therapists/" + id(Person.VIEWER) + "/role", Map.of("roleId", viewRole))
                    .expect(200);
            join(Person.ON_HOLD, "Olga Paused", "Licensed Therapist");
            join(Person.INACTIVE, "Ian Inactive", "Associate");
            join(Person.REMOVED, "Rita Removed", "Associate");
            join(Person.COLLEAGUE, "Zoe Colleague", "Licensed Therapist");
            join(Person.SUPERVISEE, "Sue Supervisee", "Associate");
            join(Person.SPARE, "Pat Spare", "Associate");
            removable = freshMember(false);

            asAdmin.patch("/api/v1/practice", Map.of("supervisionEnabled", true))
                    .expect(200);
            for (Person supervisor : List.of(Person.SUPERVISOR, Person.HELD_SUPERVISOR)) {
                asAdmin.post(
                                "/api/v1/therapists/" + id(Person.SUPERVISEE) + "/supervisors",
                                Map.of("supervisorId", id(supervisor)))
                        .expect(201);
            }

            for (ClientKey c : ClientKey.values()) {
                String client = asAdmin(c.owner.practiceB())
                        .post(
                                "/api/v1/clients",
                                Map.of(
                                        "fullName",
                                        c.fullName,
                                        "dateOfBirth",
                                        "1990-04-01",
                                        "kind",
                                        c.kind.name(),
                                        "therapistId",
                                        id(c.owner)))
                        .expect(201)
                        .field("id");
                clients.put(c, client);
                clientById.put(client, c);
            }
            for (ClientKey c : ClientKey.values()) {
                String session = draft(c, c.owner, schedule(c, c.owner, pastSlot()));
                standard.put(c, session);
                visits.add(new Visit(session, c, c.owner, true));
            }
            walkIn = draft(C_WALKIN, Person.SUPERVISEE, schedule(C_WALKIN, Person.SUPERVISEE, pastSlot()));
            visits.add(new Visit(walkIn, C_WALKIN, Person.SUPERVISEE, true));
            // Started sessions of the members put On Hold below, for them to complete, cancel, mark.
            for (ClientKey c : List.of(ClientKey.HELD_OWN, ClientKey.ON_HOLD_OWN)) {
                Deque<String> started = new ArrayDeque<>();
                for (int i = 0; i < 3; i++) {
                    String session = schedule(c, c.owner, pastSlot());
                    started.add(session);
                    visits.add(new Visit(session, c, c.owner, false));
                }
                scheduledBeforeHold.put(c.owner, started);
            }
            // Browsers of the Inactive and removed members, signed in while they still could.
            ExecutorService signIns = Executors.newFixedThreadPool(3);
            try {
                for (Who who : List.of(Who.INACTIVE, Who.REMOVED)) {
                    List<Callable<DashboardClient>> each = new ArrayList<>();
                    for (int i = 0; i <= endedSignInsNeeded; i++) {
                        each.add(() -> new DashboardClient(api().base(), address(who))
                                .signIn(member(person(who)).email(), Fixtures.PASSWORD));
                    }
                    Deque<DashboardClient> pool = new ArrayDeque<>();
                    for (Future<DashboardClient> browser : signIns.invokeAll(each)) {
                        pool.add(browser.get());
                    }
                    endedSignIns.put(who, pool);
                }
            } catch (InterruptedException | ExecutionException e) {
                throw new IllegalStateException("could not sign in before losing access", e);
            } finally {
                signIns.shutdown();
            }
            for (Person p : List.of(Person.HELD_SUPERVISOR, Person.ON_HOLD)) {
                asAdmin.put("/api/v1/therapists/" + id(p) + "/status", Map.of("status", "ON_HOLD"))
                        .expect(200);
            }
            asAdmin.put("/api/v1/therapists/" + id(Person.INACTIVE) + "/status", Map.of("status", "INACTIVE"))
                    .expect(200);
            asAdmin.delete("/api/v1/therapists/" + id(Person.REMOVED)).expect(204);
            // Their next request says why the sign-in ended. For their page cells, that browser keeps
            // sending the ended session's cookie (a stale tab, or a replayed cookie).
            for (Who who : List.of(Who.INACTIVE, Who.REMOVED)) {
                DashboardClient browser = endedSignIns.get(who).pop().replayingCookies();
                DashboardClient.Answer home = browser.get("/home");
                assertThat(home.location())
                        .as("first page of " + who + " after losing access")
                        .isEqualTo("/signed-out?reason=" + (who == Who.INACTIVE ? "inactive" : "removed"));
                browsers.put(who, browser);
            }
            for (Who who : Who.values()) {
                if (who == Who.ANONYMOUS) {
                    browsers.put(who, DashboardClient.anonymous(api().base(), address(who)));
                } else if (!browsers.containsKey(who)) {
                    browsers.put(
                            who,
                            new DashboardClient(api().base(), address(who))
                                    .signIn(member(person(who)).email(), Fixtures.PASSWORD));
                }
            }
            for (boolean b : List.of(false, true)) {
                invitations.put(b, freshInvitation(b));
                spareRoles.put(
                        b,
                        asAdmin(b)
                                .post("/api/v1/roles", Map.of("name", "Spare", "description", "kept"))
                                .expect(201)
                                .field("id"));
            }
            // Each member's numbers as the practice's admin reads them through the API.
            for (Person p : Person.values()) {
                if (p != Person.REMOVED) {
                    metrics.put(
                            p,
                            asAdmin(p.practiceB())
                                    .get("/api/v1/therapists/" + id(p))
                                    .expect(200)
                                    .json()
                                    .path("metrics"));
                }
            }
        }

        private void put(Person p, Fixtures.Member m) {
            members.put(p, m);
            byEmail.put(m.email(), p);
            memberPracticeB.put(m.memberId(), p.practiceB());
        }

        private void join(Person p, String name, String role) {
            put(p, f.join(members.get(Person.ADMIN), name, role));
        }

        Fixtures.Member member(Person p) {
            return members.get(p);
        }

        String id(Person p) {
            return members.get(p).memberId();
        }

        String client(ClientKey c) {
            return clients.get(c);
        }

        /** The session a client target names: the client's standard one; the supervisee's walk-in one. */
        String session(Cell c) {
            return c.target() == SUP_WALKIN ? walkIn : standard.get(clientTarget(c.who(), c.target()));
        }

        /** The caller's browser; for an Inactive or removed member, a freshly ended sign-in when asked. */
        DashboardClient browser(Who who, boolean freshlyEnded) {
            if (freshlyEnded && endedSignIns.containsKey(who)) {
                return endedSignIns.get(who).pop();
            }
            return browsers.get(who);
        }

        private String address(Who who) {
            return "198.51.100." + (20 + who.ordinal());
        }

        Api asAdmin(boolean practiceB) {
            return api().as(members.get(practiceB ? Person.OTHER_ADMIN : Person.ADMIN)
                    .token());
        }

        Api asAdminOfClient(String client) {
            ClientKey k = clientById.get(client);
            return asAdmin(k != null && k.owner.practiceB());
        }

        Api asAdminOfMember(String member) {
            return asAdmin(memberPracticeB(member));
        }

        boolean memberPracticeB(String member) {
            return memberPracticeB.getOrDefault(member, false);
        }

        String clientField(String client, String field) {
            return asAdminOfClient(client)
                    .get("/api/v1/clients/" + client)
                    .expect(200)
                    .json()
                    .path(field)
                    .asString();
        }

        String sessionField(String session, String field) {
            return adminJson("/api/v1/sessions/" + session).path(field).asString();
        }

        String noteText(String session) {
            return adminJson("/api/v1/sessions/" + session + "/note")
                    .path("text")
                    .asString();
        }

        /** A field of the member as their practice's admin reads it; "HTTP 404" once they are gone. */
        String memberField(String member, String path) {
            Api.Response response = asAdminOfMember(member).get("/api/v1/therapists/" + member);
            if (response.status() != 200) {
                return "HTTP " + response.status();
            }
            JsonNode node = response.json();
            for (String part : path.split("\\.")) {
                node = node.path(part);
            }
            return node.isArray() || node.isObject() ? node.toString() : node.asString();
        }

        /** Whether the member is still a member of their practice (as its admin reads it). */
        String membership(String member) {
            int status =
                    asAdminOfMember(member).get("/api/v1/therapists/" + member).status();
            return status == 200 ? "member" : "gone (" + status + ")";
        }

        String practiceName(boolean practiceB) {
            return asAdmin(practiceB).get("/api/v1/practice").expect(200).field("name");
        }

        String roleId(boolean practiceB, String name) {
            return roleIds.computeIfAbsent(
                    practiceB + name, k -> f.roleId(members.get(practiceB ? Person.OTHER_ADMIN : Person.ADMIN), name));
        }

        /** The thing as practice A's admin reads it, else as B's; its status when neither may. */
        String adminRead(String path) {
            Api.Response a = asAdmin(false).get(path);
            if (a.status() == 200) {
                return a.body();
            }
            Api.Response b = asAdmin(true).get(path);
            return b.status() == 200 ? b.body() : "HTTP " + a.status() + "/" + b.status();
        }

        private JsonNode adminJson(String path) {
            Api.Response a = asAdmin(false).get(path);
            return (a.status() == 200 ? a : asAdmin(true).get(path).expect(200)).json();
        }

        private String schedule(ClientKey c, Person therapist, Instant at) {
            return asAdmin(c.owner.practiceB())
                    .post(
                            "/api/v1/sessions",
                            Map.of(
                                    "clientId", client(c),
                                    "therapistId", id(therapist),
                                    "startsAt", at.toString(),
                                    "durationMinutes", 50,
                                    "serviceCode", "90834"))
                    .expect(201)
                    .field("id");
        }

        /** Completes the session (as the practice's admin) and has its therapist write a draft note. */
        private String draft(ClientKey c, Person therapist, String session) {
            asAdmin(c.owner.practiceB())
                    .post("/api/v1/sessions/" + session + "/complete", null)
                    .expect(200);
            api().as(member(therapist).token())
                    .put("/api/v1/sessions/" + session + "/note", Map.of("text", "Progress noted."))
                    .expect(200);
            return session;
        }

        /** A new started, scheduled session of the cell's client by the renderer of its session. */
        String freshScheduled(Cell c) {
            ClientKey k = clientTarget(c.who(), c.target());
            Person renderer = renderer(c.who(), c.target());
            Deque<String> started = scheduledBeforeHold.get(renderer);
            if (started != null) {
                return started.pop();
            }
            return schedule(k, renderer, pastSlot());
        }

        /** A new session of the supervisee with this client whose signed note awaits co-signature. */
        String freshAwaitingCosign(ClientKey k) {
            String session = draft(k, Person.SUPERVISEE, schedule(k, Person.SUPERVISEE, pastSlot()));
            api().as(member(Person.SUPERVISEE).token())
                    .post("/api/v1/sessions/" + session + "/note/sign", null)
                    .expect(200);
            return session;
        }

        String freshMember(boolean practiceB) {
            Fixtures.Member m =
                    f.join(members.get(practiceB ? Person.OTHER_ADMIN : Person.ADMIN), "Fay Fresh", "Associate");
            memberPracticeB.put(m.memberId(), practiceB);
            return m.memberId();
        }

        String freshSupervised() {
            String member = freshMember(false);
            asAdmin(false)
                    .post(
                            "/api/v1/therapists/" + member + "/supervisors",
                            Map.of("supervisorId", id(Person.SUPERVISOR)))
                    .expect(201);
            return member;
        }

        String freshInvitation(boolean practiceB) {
            return f.invite(
                            members.get(practiceB ? Person.OTHER_ADMIN : Person.ADMIN),
                            "Ivy Pending",
                            Fixtures.uniqueEmail("ivy"),
                            "Intern")
                    .path("id")
                    .asString();
        }

        String freshRole(boolean practiceB) {
            return asAdmin(practiceB)
                    .post(
                            "/api/v1/roles",
                            Map.of("name", "Fresh " + SERIAL.incrementAndGet(), "description", "to delete"))
                    .expect(201)
                    .field("id");
        }
    }
}
