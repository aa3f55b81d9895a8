package app.caseload.security;

import static app.caseload.security.AuthorizationMatrixTest.Target.COLLEAGUE;
import static app.caseload.security.AuthorizationMatrixTest.Target.NONE;
import static app.caseload.security.AuthorizationMatrixTest.Target.OTHER_PRACTICE;
import static app.caseload.security.AuthorizationMatrixTest.Target.SELF;
import static app.caseload.security.AuthorizationMatrixTest.Target.SUPERVISED;
import static org.assertj.core.api.Assertions.assertThat;

import app.caseload.support.Api;
import app.caseload.support.Fixtures;
import app.caseload.support.IntegrationTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every registered API endpoint × every kind of caller × every kind of target, with the exact
 * status SPEC.md and API.md promise. An endpoint registered without an entry here fails the build.
 *
 * <p>To add an endpoint: add one {@code on(...)} line in {@link #matrix()} naming its targets, how
 * to build its path and body for a target, and the expected status per caller and target.
 *
 * <p>Clinical targets are clients (and their sessions): the caller's own direct client, the direct
 * client of a supervisee of practice A's supervisor, a colleague's practice client, and a client
 * of practice B. A client the caller may not see answers 404, never 403 (SPEC §5); 403 means the
 * caller sees the thing but may not do this.
 */
class AuthorizationMatrixTest extends IntegrationTest {

    enum Who {
        ANONYMOUS,
        ADMIN,
        THERAPIST,
        SUPERVISOR,
        VIEW_PRACTICE,
        ON_HOLD,
        INACTIVE,
        REMOVED,
        OTHER_ADMIN
    }

    /**
     * Whose thing the request names: the caller's own, practice A's supervisee's (supervised by the
     * supervisor), a colleague's in practice A, practice B's.
     */
    enum Target {
        NONE,
        SELF,
        SUPERVISED,
        COLLEAGUE,
        OTHER_PRACTICE
    }

    interface Expect {
        int status(Who who, Target target);
    }

    record Entry(
            String key,
            List<Target> targets,
            BiFunction<Cell, World, String> path,
            BiFunction<Cell, World, Object> body,
            Expect expect,
            boolean freshToken) {}

    record Cell(Who who, Target target) {}

    /** A body sent as is, with its own content type (a CSV file), instead of as JSON. */
    record RawBody(String contentType, String text) {}

    static final String ADDRESS = "192.0.2.88";

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;

    // ---- expectations ------------------------------------------------------------------------------

    static boolean signedOut(Who who) {
        return who == Who.ANONYMOUS || who == Who.INACTIVE || who == Who.REMOVED;
    }

    static boolean admin(Who who) {
        return who == Who.ADMIN || who == Who.OTHER_ADMIN;
    }

    /** Whether the target belongs to the caller's practice (B for the other practice's admin). */
    static boolean ownPractice(Who who, Target target) {
        return switch (target) {
            case NONE, SELF -> true;
            case SUPERVISED, COLLEAGUE -> who != Who.OTHER_ADMIN;
            case OTHER_PRACTICE -> who == Who.OTHER_ADMIN;
        };
    }

    static Expect anyone(int status) {
        return (who, target) -> status;
    }

    static Expect members(int ok) {
        return (who, target) -> signedOut(who) ? 401 : ownPractice(who, target) ? ok : 404;
    }

    static Expect admins(int ok) {
        return (who, target) -> signedOut(who) ? 401 : !admin(who) ? 403 : ownPractice(who, target) ? ok : 404;
    }

    /** SPEC §5 restated for the matrix's clients: whether the caller sees the target's client. */
    static boolean sees(Who who, Target target) {
        return switch (who) {
            case ANONYMOUS, INACTIVE, REMOVED -> false;
            case ADMIN -> target != OTHER_PRACTICE;
            case OTHER_ADMIN -> target == SELF || target == OTHER_PRACTICE;
            case SUPERVISOR -> target == SELF || target == SUPERVISED;
            // A practice client, never another's direct client.
            case VIEW_PRACTICE -> target == SELF || target == COLLEAGUE;
            case THERAPIST, ON_HOLD -> target == SELF;
        };
    }

    /** Whether the caller is the therapist of the target's client (B's client is B's admin's own). */
    static boolean renders(Who who, Target target) {
        return target == SELF || (who == Who.OTHER_ADMIN && target == OTHER_PRACTICE);
    }

    /** Reads of one client's data: 200 when visible, 404 otherwise. */
    static Expect clientRead() {
        return (who, target) -> signedOut(who) ? 401 : sees(who, target) ? 200 : 404;
    }

    /**
     * A change to one visible client: 404 when invisible, 403 when On Hold or when {@code may}
     * refuses, {@code ok} otherwise.
     */
    static Expect clientWrite(int ok, BiFunction<Who, Target, Boolean> may) {
        return (who, target) -> signedOut(who)
                ? 401
                : !sees(who, target) ? 404 : who == Who.ON_HOLD || !may.apply(who, target) ? 403 : ok;
    }

    /** Reassigning needs admin or {@code clients.reassign} (the Supervisor role has it). */
    static boolean reassigner(Who who) {
        return admin(who) || who == Who.SUPERVISOR;
    }

    /** Admins, the member themself and (Active) supervisors open a therapist's caseload and sessions. */
    static Expect therapistView() {
        return (who, target) -> {
            if (signedOut(who)) {
                return 401;
            }
            if (!ownPractice(who, target)) {
                return 404;
            }
            boolean may = admin(who) || target == SELF || (who == Who.SUPERVISOR && target == SUPERVISED);
            return may ? 200 : 404;
        };
    }

    /** Claims: admins and {@code billing.view} (the practice viewer's role), Active only. */
    static Expect billing(int ok) {
        return (who, target) -> signedOut(who) ? 401 : admin(who) || who == Who.VIEW_PRACTICE ? ok : 403;
    }

    // ---- the matrix ----------------------------------------------------------------------------------

    List<Entry> matrix() {
        List<Entry> m = new ArrayList<>();
        // Public doors: the same answer for every caller; a token changes nothing.
        on(m, "POST /api/v1/signup", List.of(NONE), (c, w) -> "/api/v1/signup", (c, w) -> Map.of(), anyone(400));
        on(
                m,
                "POST /api/v1/auth/login",
                List.of(NONE),
                (c, w) -> "/api/v1/auth/login",
                (c, w) -> Map.of("email", Fixtures.uniqueEmail("nobody"), "password", "wrong password"),
                anyone(401));
        on(
                m,
                "POST /api/v1/auth/login/mfa",
                List.of(NONE),
                (c, w) -> "/api/v1/auth/login/mfa",
                (c, w) -> Map.of("mfaToken", "bogus", "code", "123456"),
                anyone(401));
        // Forgot password: the same 202 for every caller and every email; a link nobody was sent is gone.
        on(
                m,
                "POST /api/v1/auth/password-reset",
                List.of(NONE),
                (c, w) -> "/api/v1/auth/password-reset",
                (c, w) -> Map.of("email", Fixtures.uniqueEmail("nobody")),
                anyone(202));
        on(
                m,
                "POST /api/v1/auth/password-reset/confirm",
                List.of(NONE),
                (c, w) -> "/api/v1/auth/password-reset/confirm",
                (c, w) -> Map.of("token", "bogus", "password", Fixtures.PASSWORD),
                anyone(410));
        for (String door : List.of("preview", "decline")) {
            on(
                    m,
                    "POST /api/v1/invitations/" + door,
                    List.of(NONE),
                    (c, w) -> "/api/v1/invitations/" + door,
                    (c, w) -> Map.of("token", "bogus.token"),
                    anyone(404));
        }
        on(
                m,
                "POST /api/v1/invitations/accept",
                List.of(NONE),
                (c, w) -> "/api/v1/invitations/accept",
                (c, w) -> Map.of("token", "bogus.token", "password", Fixtures.PASSWORD),
                anyone(404));

        // Signed-in members.
        m.add(new Entry(
                "POST /api/v1/auth/logout",
                List.of(NONE),
                (c, w) -> "/api/v1/auth/logout",
                none(),
                members(204),
                true));
        on(m, "GET /api/v1/me", List.of(NONE), (c, w) -> "/api/v1/me", none(), members(200));
        on(m, "GET /api/v1/practice", List.of(NONE), (c, w) -> "/api/v1/practice", none(), members(200));
        on(m, "PATCH /api/v1/practice", List.of(NONE), (c, w) -> "/api/v1/practice", (c, w) -> Map.of(), admins(200));
        on(m, "GET /api/v1/features", List.of(NONE), (c, w) -> "/api/v1/features", none(), members(200));

        // Roles.
        List<Target> roleTargets = List.of(COLLEAGUE, OTHER_PRACTICE);
        on(m, "GET /api/v1/roles", List.of(NONE), (c, w) -> "/api/v1/roles", none(), members(200));
        on(
                m,
                "POST /api/v1/roles",
                List.of(NONE),
                (c, w) -> "/api/v1/roles",
                (c, w) -> Map.of("name", "Role " + UUID.randomUUID()),
                admins(201));
        on(
                m,
                "GET /api/v1/roles/{id}",
                roleTargets,
                (c, w) -> "/api/v1/roles/" + w.role(c.target()),
                none(),
                members(200));
        on(
                m,
                "PUT /api/v1/roles/{id}",
                roleTargets,
                (c, w) -> "/api/v1/roles/" + w.spareRole(c.target()),
                (c, w) -> Map.of("name", "Spare", "description", "kept as is"),
                admins(200));
        on(
                m,
                "DELETE /api/v1/roles/{id}",
                roleTargets,
                (c, w) -> "/api/v1/roles/"
                        + (expectsSuccess(c, admins(204)) ? w.freshRole(c.target()) : w.spareRole(c.target())),
                none(),
                admins(204));

        // The team.
        List<Target> memberTargets = List.of(SELF, COLLEAGUE, OTHER_PRACTICE);
        on(m, "GET /api/v1/therapists", List.of(NONE), (c, w) -> "/api/v1/therapists", none(), members(200));
        on(
                m,
                "GET /api/v1/therapists/{id}",
                memberTargets,
                (c, w) -> "/api/v1/therapists/" + w.member(c),
                none(),
                members(200));
        on(
                m,
                "PUT /api/v1/therapists/{id}/status",
                memberTargets,
                (c, w) -> "/api/v1/therapists/" + w.member(c) + "/status",
                (c, w) -> Map.of("status", w.status(c)),
                admins(200));
        on(
                m,
                "PUT /api/v1/therapists/{id}/role",
                memberTargets,
                (c, w) -> "/api/v1/therapists/" + w.member(c) + "/role",
                (c, w) -> Map.of("roleId", w.roleOf(c)),
                admins(200));
        on(
                m,
                "PUT /api/v1/therapists/{id}/admin",
                memberTargets,
                (c, w) -> "/api/v1/therapists/" + w.member(c) + "/admin",
                (c, w) -> Map.of("admin", w.isAdmin(c)),
                admins(200));
        Expect removal = (who, target) ->
                who == Who.ADMIN && target == SELF ? 409 : admins(204).status(who, target);
        on(
                m,
                "DELETE /api/v1/therapists/{id}",
                memberTargets,
                (c, w) -> "/api/v1/therapists/" + (expectsSuccess(c, removal) ? w.freshMember(c.who()) : w.member(c)),
                none(),
                removal);
        on(
                m,
                "POST /api/v1/therapists/{id}/sessions/revoke",
                List.of(COLLEAGUE, OTHER_PRACTICE),
                (c, w) -> "/api/v1/therapists/"
                        + (expectsSuccess(c, admins(204)) ? w.freshMember(c.who()) : w.member(c)) + "/sessions/revoke",
                none(),
                admins(204));

        // Invitations.
        List<Target> invitationTargets = List.of(COLLEAGUE, OTHER_PRACTICE);
        on(m, "GET /api/v1/invitations", List.of(NONE), (c, w) -> "/api/v1/invitations", none(), admins(200));
        on(
                m,
                "POST /api/v1/invitations",
                List.of(COLLEAGUE, OTHER_PRACTICE),
                (c, w) -> "/api/v1/invitations",
                (c, w) -> Map.of(
                        "fullName", "Ivy New", "email", Fixtures.uniqueEmail("ivy"), "roleId", w.role(c.target())),
                // A role of another practice is an unknown role: 400, and nothing about that practice is told.
                (who, target) -> signedOut(who) ? 401 : !admin(who) ? 403 : ownPractice(who, target) ? 201 : 400);
        on(
                m,
                "GET /api/v1/invitations/{id}",
                invitationTargets,
                (c, w) -> "/api/v1/invitations/" + w.invitation(c.target()),
                none(),
                admins(200));
        on(
                m,
                "POST /api/v1/invitations/{id}/resend",
                invitationTargets,
                (c, w) -> "/api/v1/invitations/" + w.invitation(c.target()) + "/resend",
                none(),
                admins(200));
        on(
                m,
                "POST /api/v1/invitations/{id}/revoke",
                invitationTargets,
                (c, w) -> "/api/v1/invitations/"
                        + (expectsSuccess(c, admins(200)) ? w.freshInvitation(c.target()) : w.invitation(c.target()))
                        + "/revoke",
                none(),
                admins(200));

        // Audit.
        on(m, "GET /api/v1/audit", List.of(NONE), (c, w) -> "/api/v1/audit", none(), admins(200));
        on(m, "GET /api/v1/audit/export", List.of(NONE), (c, w) -> "/api/v1/audit/export", none(), admins(200));

        // The caller's own second factor (nobody is enrolled in this world).
        on(
                m,
                "POST /api/v1/me/mfa/confirm",
                List.of(NONE),
                (c, w) -> "/api/v1/me/mfa/confirm",
                (c, w) -> Map.of("code", "000000"),
                members(409));
        on(
                m,
                "DELETE /api/v1/me/mfa",
                List.of(NONE),
                (c, w) -> "/api/v1/me/mfa",
                (c, w) -> Map.of("code", "000000"),
                members(409));
        on(m, "POST /api/v1/me/mfa/enrol", List.of(NONE), (c, w) -> "/api/v1/me/mfa/enrol", none(), members(200));

        // ---- clients (SPEC §4–5) -----------------------------------------------------------------------
        List<Target> clientTargets = List.of(SELF, SUPERVISED, COLLEAGUE, OTHER_PRACTICE);
        on(m, "GET /api/v1/clients", List.of(NONE), (c, w) -> "/api/v1/clients", none(), members(200));
        // Client CSV: admins and roles with clients.export (the practice viewer's role) export; import
        // needs clients.create as well (the viewer's role keeps its default). A dry run of a file
        // with a header problem changes nothing.
        on(
                m,
                "GET /api/v1/clients/export",
                List.of(NONE),
                (c, w) -> "/api/v1/clients/export",
                none(),
                (who, target) -> signedOut(who) ? 401 : admin(who) || who == Who.VIEW_PRACTICE ? 200 : 403);
        on(
                m,
                "POST /api/v1/clients/import",
                List.of(NONE),
                (c, w) -> "/api/v1/clients/import?dryRun=true",
                (c, w) -> new RawBody("text/csv", "full_name\r\n"),
                (who, target) -> signedOut(who) ? 401 : admin(who) || who == Who.VIEW_PRACTICE ? 200 : 403);
        on(
                m,
                "POST /api/v1/clients",
                List.of(SELF, COLLEAGUE, OTHER_PRACTICE),
                (c, w) -> "/api/v1/clients",
                (c, w) -> Map.of(
                        "fullName",
                        "Nia New",
                        "dateOfBirth",
                        "1990-01-01",
                        "kind",
                        "DIRECT",
                        "therapistId",
                        w.therapistFor(c)),
                // Naming another therapist needs admin or clients.reassign; a therapist of another
                // practice is an unknown therapist (400), as an unknown role is.
                (who, target) -> {
                    if (signedOut(who)) return 401;
                    if (who == Who.ON_HOLD) return 403;
                    if (target == SELF) return 201;
                    if (!reassigner(who)) return 403;
                    return ownPractice(who, target) ? 201 : 400;
                });
        on(
                m,
                "GET /api/v1/clients/{id}",
                clientTargets,
                (c, w) -> "/api/v1/clients/" + w.client(c),
                none(),
                clientRead());
        on(
                m,
                "PATCH /api/v1/clients/{id}",
                clientTargets,
                (c, w) -> "/api/v1/clients/" + w.client(c),
                (c, w) -> Map.of(),
                // Details and status: admins, the therapist, their supervisors; seeing a colleague's
                // practice client through clients.view_practice is read-only (SPEC §4).
                clientWrite(200, (who, target) -> !(who == Who.VIEW_PRACTICE && target == COLLEAGUE)));
        on(
                m,
                "POST /api/v1/clients/{id}/reassign",
                clientTargets,
                (c, w) -> "/api/v1/clients/" + w.client(c) + "/reassign",
                (c, w) -> Map.of("therapistId", w.ownerOf(c)),
                clientWrite(200, (who, target) -> reassigner(who)));
        on(
                m,
                "POST /api/v1/clients/reassign",
                List.of(COLLEAGUE),
                (c, w) -> "/api/v1/clients/reassign",
                // From a member without clients: a permitted request moves nothing.
                (c, w) -> Map.of("fromTherapistId", w.inactive.memberId(), "toTherapistId", w.colleague.memberId()),
                (who, target) -> signedOut(who)
                        ? 401
                        : who == Who.ON_HOLD || !reassigner(who) ? 403 : ownPractice(who, target) ? 200 : 400);
        on(
                m,
                "GET /api/v1/clients/{id}/assignments",
                clientTargets,
                (c, w) -> "/api/v1/clients/" + w.client(c) + "/assignments",
                none(),
                clientRead());
        on(
                m,
                "GET /api/v1/clients/{id}/risk",
                clientTargets,
                (c, w) -> "/api/v1/clients/" + w.client(c) + "/risk",
                none(),
                clientRead());
        on(
                m,
                "PUT /api/v1/clients/{id}/risk",
                clientTargets,
                (c, w) -> "/api/v1/clients/" + w.client(c) + "/risk",
                (c, w) -> Map.of("level", "LOW"),
                clientWrite(200, (who, target) -> true));
        on(
                m,
                "GET /api/v1/clients/{id}/sessions",
                clientTargets,
                (c, w) -> "/api/v1/clients/" + w.client(c) + "/sessions",
                none(),
                clientRead());

        // ---- sessions and notes ------------------------------------------------------------------------
        on(
                m,
                "POST /api/v1/sessions",
                clientTargets,
                (c, w) -> "/api/v1/sessions",
                (c, w) -> Map.of(
                        "clientId", w.client(c),
                        "therapistId", w.ownerOf(c),
                        "startsAt", futureSlot().toString(),
                        "durationMinutes", 50,
                        "serviceCode", "90834"),
                // Scheduling for someone else needs admin (or sessions.schedule_others): that 403 is
                // about the therapist named, and the same for a client that does not exist.
                (who, target) -> {
                    if (signedOut(who)) return 401;
                    if (who == Who.ON_HOLD) return 403;
                    if (target != SELF && !admin(who)) return 403;
                    return sees(who, target) ? 201 : 404;
                });
        on(
                m,
                "GET /api/v1/sessions/{id}",
                clientTargets,
                (c, w) -> "/api/v1/sessions/" + w.session(c),
                none(),
                clientRead());
        on(
                m,
                "GET /api/v1/sessions/{id}/note",
                clientTargets,
                (c, w) -> "/api/v1/sessions/" + w.session(c) + "/note",
                none(),
                clientRead());
        // Only the rendering therapist writes and signs the note, also while On Hold.
        Expect author =
                (who, target) -> signedOut(who) ? 401 : !sees(who, target) ? 404 : renders(who, target) ? 200 : 403;
        on(
                m,
                "PUT /api/v1/sessions/{id}/note",
                clientTargets,
                (c, w) -> "/api/v1/sessions/" + w.session(c) + "/note",
                (c, w) -> Map.of("text", "Progress noted."),
                author);
        on(
                m,
                "POST /api/v1/sessions/{id}/note/sign",
                clientTargets,
                (c, w) -> "/api/v1/sessions/" + (expectsSuccess(c, author) ? w.freshDraft(c) : w.session(c))
                        + "/note/sign",
                none(),
                author);
        Expect cosign = (who, target) -> signedOut(who)
                ? 401
                : !sees(who, target) ? 404 : who == Who.SUPERVISOR && target == SUPERVISED ? 200 : 403;
        on(
                m,
                "POST /api/v1/sessions/{id}/note/cosign",
                clientTargets,
                (c, w) -> "/api/v1/sessions/" + (expectsSuccess(c, cosign) ? w.freshAwaitingCosign() : w.session(c))
                        + "/note/cosign",
                none(),
                cosign);
        // The renderer (also On Hold, once the session has started), admins and schedulers.
        Expect outcome = (who, target) ->
                signedOut(who) ? 401 : !sees(who, target) ? 404 : renders(who, target) || admin(who) ? 200 : 403;
        for (String step : List.of("complete", "cancel", "no-show")) {
            on(
                    m,
                    "POST /api/v1/sessions/{id}/" + step,
                    clientTargets,
                    (c, w) -> "/api/v1/sessions/" + (expectsSuccess(c, outcome) ? w.freshScheduled(c) : w.session(c))
                            + "/" + step,
                    none(),
                    outcome);
        }
        on(m, "GET /api/v1/notes/pending", List.of(NONE), (c, w) -> "/api/v1/notes/pending", none(), members(200));

        // ---- a therapist's caseload, sessions and supervision -----------------------------------------
        List<Target> therapistTargets = List.of(SELF, SUPERVISED, COLLEAGUE, OTHER_PRACTICE);
        for (String view : List.of("caseload", "sessions", "supervisors")) {
            on(
                    m,
                    "GET /api/v1/therapists/{id}/" + view,
                    therapistTargets,
                    (c, w) -> "/api/v1/therapists/" + w.member(c) + "/" + view,
                    none(),
                    therapistView());
        }
        on(m, "GET /api/v1/supervisees", List.of(NONE), (c, w) -> "/api/v1/supervisees", none(), members(200));
        // Supervisor A's supervisor named for practice B's member: an unknown supervisor there (400).
        Expect assign = (who, target) -> who == Who.OTHER_ADMIN && target == OTHER_PRACTICE
                ? 400
                : admins(201).status(who, target);
        on(
                m,
                "POST /api/v1/therapists/{id}/supervisors",
                List.of(SUPERVISED, OTHER_PRACTICE),
                (c, w) -> "/api/v1/therapists/" + (expectsSuccess(c, assign) ? w.freshSupervisee(false) : w.member(c))
                        + "/supervisors",
                (c, w) -> Map.of("supervisorId", w.supervisor.memberId()),
                assign);
        Expect end = (who, target) -> who == Who.OTHER_ADMIN && target == OTHER_PRACTICE
                ? 404
                : admins(204).status(who, target);
        on(
                m,
                "DELETE /api/v1/therapists/{id}/supervisors/{supervisorId}",
                List.of(SUPERVISED, OTHER_PRACTICE),
                (c, w) -> "/api/v1/therapists/" + (expectsSuccess(c, end) ? w.freshSupervisee(true) : w.member(c))
                        + "/supervisors/" + w.supervisor.memberId(),
                none(),
                end);

        // ---- billing -----------------------------------------------------------------------------------
        on(
                m,
                "GET /api/v1/claims",
                List.of(NONE),
                (c, w) -> "/api/v1/claims?from=2000-01-01&to=2100-01-01",
                none(),
                billing(200));
        on(
                m,
                "GET /api/v1/claims/export",
                List.of(NONE),
                (c, w) -> "/api/v1/claims/export?format=" + (c.who().ordinal() % 2 == 0 ? "csv" : "x12-837p")
                        + "&from=2000-01-01&to=2100-01-01",
                none(),
                billing(200));
        return m;
    }

    // ---- running it ----------------------------------------------------------------------------------

    @Test
    void everyEndpointAnswersEveryCallerAsPromised() {
        World world = new World();
        List<Entry> matrix = matrix();

        Set<String> registered = new LinkedHashSet<>();
        ApiEndpoints.of(mapping).all().forEach(e -> registered.add(e.key()));
        Set<String> covered = new LinkedHashSet<>();
        matrix.forEach(e -> covered.add(e.key()));
        assertThat(registered)
                .as("endpoints without an entry in the authorization matrix")
                .isSubsetOf(covered);
        assertThat(covered).as("matrix entries for endpoints that do not exist").isSubsetOf(registered);

        List<String> wrong = new ArrayList<>();
        int cells = 0;
        for (Entry entry : matrix) {
            String method = entry.key().substring(0, entry.key().indexOf(' '));
            for (Who who : Who.values()) {
                for (Target target : entry.targets()) {
                    Cell cell = new Cell(who, target);
                    int expected = entry.expect().status(who, target);
                    String path = entry.path().apply(cell, world);
                    Object body = entry.body().apply(cell, world);
                    String token = entry.freshToken() ? world.freshToken(who) : world.token(who);
                    Api api = api().from(ADDRESS);
                    Api caller = token == null ? api : api.as(token);
                    Api.Response response = body instanceof RawBody raw
                            ? caller.sendRaw(method, path, raw.text(), raw.contentType())
                            : caller.send(method, path, body);
                    cells++;
                    if (response.status() != expected) {
                        wrong.add(entry.key() + " as " + who + " on " + target + ": expected " + expected + " but got "
                                + response.status() + " " + response.body());
                    }
                }
            }
        }
        System.out.println("Authorization matrix: " + matrix.size() + " endpoints, " + cells + " cells");
        assertThat(wrong).as("cells answered differently from the matrix").isEmpty();
    }

    private static void on(
            List<Entry> m,
            String key,
            List<Target> targets,
            BiFunction<Cell, World, String> path,
            BiFunction<Cell, World, Object> body,
            Expect expect) {
        m.add(new Entry(key, targets, path, body, expect, false));
    }

    private static final AtomicLong SLOT = new AtomicLong();

    private static final Instant PAST =
            Instant.now().truncatedTo(ChronoUnit.HOURS).minus(2000, ChronoUnit.DAYS);

    /** Slots never overlap: each call takes the next two-hour slot. */
    static Instant pastSlot() {
        return PAST.plus(2 * SLOT.incrementAndGet(), ChronoUnit.HOURS);
    }

    static Instant futureSlot() {
        return Instant.now()
                .truncatedTo(ChronoUnit.HOURS)
                .plus(30, ChronoUnit.DAYS)
                .plus(2 * SLOT.incrementAndGet(), ChronoUnit.HOURS);
    }

    private static BiFunction<Cell, World, Object> none() {
        return (c, w) -> null;
    }

    private static boolean expectsSuccess(Cell c, Expect expect) {
        int status = expect.status(c.who(), c.target());
        return status >= 200 && status < 300;
    }

    /**
     * Practice A (admin, therapist, supervisor of a supervisee, a member whose role has {@code
     * clients.view_practice} and {@code billing.view}, a colleague, on-hold, inactive and removed
     * members, a pending invitation, a spare role) and practice B (its admin, the same things).
     * Every caller of A and B has a direct client of their own with a completed session whose note
     * is a draft; so do the supervisee (direct client) and the colleague (a practice client). Tokens
     * of the Inactive and removed members were issued before they lost access.
     */
    final class World {
        final Fixtures.Member admin;
        final Fixtures.Member therapist;
        final Fixtures.Member supervisor;
        final Fixtures.Member viewer;
        final Fixtures.Member onHold;
        final Fixtures.Member inactive;
        final Fixtures.Member removed;
        final Fixtures.Member colleague;
        final Fixtures.Member supervisee;
        final Fixtures.Member otherAdmin;
        final Map<Who, Fixtures.Member> byWho = new EnumMap<>(Who.class);
        final Map<String, String> roleNames = new HashMap<>();
        final Map<Target, String> invitations = new LinkedHashMap<>();
        final Map<Target, String> spareRoles = new LinkedHashMap<>();
        final Map<Target, String> roles = new LinkedHashMap<>();
        /** Each member's own client, and a completed session of it whose note is a draft. */
        final Map<String, String> clients = new HashMap<>();

        final Map<String, String> sessions = new HashMap<>();
        /** Scheduled past sessions of the On Hold member, made while they were Active. */
        final Deque<String> onHoldScheduled = new ArrayDeque<>();

        World() {
            Fixtures f = fixtures();
            admin = f.signup("Matrix A");
            therapist = join(admin, "Tom Matrix", "Licensed Therapist");
            supervisor = join(admin, "Sam Supervisor", "Supervisor");
            String viewRole = api().as(admin.token())
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
            viewer = join(admin, "Vic Viewer", "Licensed Therapist");
            api().as(admin.token())
                    .put("/api/v1/therapists/" + viewer.memberId() + "/role", Map.of("roleId", viewRole))
                    .expect(200);
            roleNames.put(viewer.memberId(), "Practice viewer");
            onHold = join(admin, "Olga Paused", "Licensed Therapist");
            inactive = join(admin, "Ian Inactive", "Associate");
            removed = join(admin, "Rita Removed", "Associate");
            colleague = join(admin, "Zoe Colleague", "Licensed Therapist");
            supervisee = join(admin, "Sue Supervisee", "Associate");
            otherAdmin = f.signup("Matrix B");
            roleNames.put(admin.memberId(), "Licensed Therapist");
            roleNames.put(otherAdmin.memberId(), "Licensed Therapist");
            Api asAdmin = api().as(admin.token());
            asAdmin.patch("/api/v1/practice", Map.of("supervisionEnabled", true))
                    .expect(200);
            asAdmin.post(
                            "/api/v1/therapists/" + supervisee.memberId() + "/supervisors",
                            Map.of("supervisorId", supervisor.memberId()))
                    .expect(201);

            for (Fixtures.Member m : List.of(admin, therapist, supervisor, viewer, onHold, supervisee, otherAdmin)) {
                ownClient(m, "DIRECT");
            }
            ownClient(colleague, "PRACTICE");
            for (int i = 0; i < 4; i++) {
                onHoldScheduled.add(schedule(admin, clients.get(onHold.memberId()), onHold, pastSlot()));
            }

            asAdmin.put("/api/v1/therapists/" + onHold.memberId() + "/status", Map.of("status", "ON_HOLD"))
                    .expect(200);
            asAdmin.put("/api/v1/therapists/" + inactive.memberId() + "/status", Map.of("status", "INACTIVE"))
                    .expect(200);
            asAdmin.delete("/api/v1/therapists/" + removed.memberId()).expect(204);
            byWho.put(Who.ADMIN, admin);
            byWho.put(Who.THERAPIST, therapist);
            byWho.put(Who.SUPERVISOR, supervisor);
            byWho.put(Who.VIEW_PRACTICE, viewer);
            byWho.put(Who.ON_HOLD, onHold);
            byWho.put(Who.INACTIVE, inactive);
            byWho.put(Who.REMOVED, removed);
            byWho.put(Who.OTHER_ADMIN, otherAdmin);
            roles.put(COLLEAGUE, f.roleId(admin, "Intern"));
            roles.put(OTHER_PRACTICE, f.roleId(otherAdmin, "Intern"));
            spareRoles.put(COLLEAGUE, role(COLLEAGUE, "Spare"));
            spareRoles.put(OTHER_PRACTICE, role(OTHER_PRACTICE, "Spare"));
            invitations.put(COLLEAGUE, freshInvitation(COLLEAGUE));
            invitations.put(OTHER_PRACTICE, freshInvitation(OTHER_PRACTICE));
        }

        private Fixtures.Member join(Fixtures.Member by, String name, String role) {
            Fixtures.Member m = fixtures().join(by, name, role);
            roleNames.put(m.memberId(), role);
            return m;
        }

        private void ownClient(Fixtures.Member m, String kind) {
            Fixtures.Member practiceAdmin = m.practiceId().equals(admin.practiceId()) ? admin : otherAdmin;
            String client = api().as(practiceAdmin.token())
                    .post(
                            "/api/v1/clients",
                            Map.of(
                                    "fullName",
                                    "Client of " + m.memberId().substring(0, 8),
                                    "dateOfBirth",
                                    "1990-04-01",
                                    "kind",
                                    kind,
                                    "therapistId",
                                    m.memberId()))
                    .expect(201)
                    .field("id");
            clients.put(m.memberId(), client);
            sessions.put(m.memberId(), draft(practiceAdmin, client, m, schedule(practiceAdmin, client, m, pastSlot())));
        }

        private String schedule(Fixtures.Member by, String client, Fixtures.Member therapist, Instant at) {
            return api().as(by.token())
                    .post(
                            "/api/v1/sessions",
                            Map.of(
                                    "clientId",
                                    client,
                                    "therapistId",
                                    therapist.memberId(),
                                    "startsAt",
                                    at.toString(),
                                    "durationMinutes",
                                    50,
                                    "serviceCode",
                                    "90834"))
                    .expect(201)
                    .field("id");
        }

        /** Completes a scheduled session (as the practice's admin) and has its therapist write the note. */
        private String draft(Fixtures.Member by, String client, Fixtures.Member therapist, String session) {
            api().as(by.token())
                    .post("/api/v1/sessions/" + session + "/complete", null)
                    .expect(200);
            api().as(therapist.token())
                    .put("/api/v1/sessions/" + session + "/note", Map.of("text", "Progress noted."))
                    .expect(200);
            return session;
        }

        String token(Who who) {
            return who == Who.ANONYMOUS ? null : byWho.get(who).token();
        }

        /** A new sign-in for the caller, for cells that end it (logout); the old token for those who cannot sign in. */
        String freshToken(Who who) {
            if (who == Who.ANONYMOUS || who == Who.INACTIVE || who == Who.REMOVED) {
                return token(who);
            }
            return api().from(ADDRESS)
                    .post("/api/v1/auth/login", Map.of("email", byWho.get(who).email(), "password", Fixtures.PASSWORD))
                    .expect(200)
                    .field("token");
        }

        private Fixtures.Member adminOf(Target target) {
            return target == OTHER_PRACTICE ? otherAdmin : admin;
        }

        String role(Target target) {
            return roles.get(target);
        }

        String spareRole(Target target) {
            return spareRoles.get(target);
        }

        String freshRole(Target target) {
            return role(target, "Fresh " + UUID.randomUUID());
        }

        private String role(Target target, String name) {
            return api().as(adminOf(target).token())
                    .post("/api/v1/roles", Map.of("name", name, "description", "kept as is"))
                    .expect(201)
                    .field("id");
        }

        String invitation(Target target) {
            return invitations.get(target);
        }

        String freshInvitation(Target target) {
            return fixtures()
                    .invite(adminOf(target), "Ivy Pending", Fixtures.uniqueEmail("ivy"), "Intern")
                    .path("id")
                    .asString();
        }

        /** A new member of the caller's practice, for cells that remove or sign out their target. */
        String freshMember(Who who) {
            return fixtures()
                    .join(who == Who.OTHER_ADMIN ? otherAdmin : admin, "Fay Fresh", "Associate")
                    .memberId();
        }

        /** A new Associate of practice A, supervised by the supervisor when {@code supervised}. */
        String freshSupervisee(boolean supervised) {
            String id = fixtures().join(admin, "Ada Fresh", "Associate").memberId();
            if (supervised) {
                api().as(admin.token())
                        .post(
                                "/api/v1/therapists/" + id + "/supervisors",
                                Map.of("supervisorId", supervisor.memberId()))
                        .expect(201);
            }
            return id;
        }

        /**
         * The member a cell names: the caller (the therapist for anonymous callers), the supervisee,
         * a colleague of practice A, or practice B's admin.
         */
        String member(Cell c) {
            return memberOf(c).memberId();
        }

        private Fixtures.Member memberOf(Cell c) {
            return switch (c.target()) {
                case SELF -> c.who() == Who.ANONYMOUS ? therapist : byWho.get(c.who());
                case SUPERVISED -> supervisee;
                case COLLEAGUE -> colleague;
                case OTHER_PRACTICE, NONE -> otherAdmin;
            };
        }

        /** The therapist a client is registered for: the caller themself, a colleague, B's admin. */
        String therapistFor(Cell c) {
            return member(c);
        }

        /**
         * The client a cell names: the caller's own direct client (the therapist's for callers who
         * have none), the supervisee's direct client, the colleague's practice client, B's client.
         */
        String client(Cell c) {
            return clients.get(ownerOf(c));
        }

        /** The assigned or primary therapist of {@link #client(Cell)}. */
        String ownerOf(Cell c) {
            Fixtures.Member m = memberOf(c);
            return clients.containsKey(m.memberId()) ? m.memberId() : therapist.memberId();
        }

        /** A completed session of {@link #client(Cell)} by its therapist, with a draft note. */
        String session(Cell c) {
            return sessions.get(ownerOf(c));
        }

        private Fixtures.Member owner(Cell c) {
            String id = ownerOf(c);
            return List.of(admin, therapist, supervisor, viewer, onHold, supervisee, colleague, otherAdmin).stream()
                    .filter(m -> m.memberId().equals(id))
                    .findFirst()
                    .orElseThrow();
        }

        /** A new scheduled session of the cell's client that has started, for cells that end it. */
        String freshScheduled(Cell c) {
            Fixtures.Member owner = owner(c);
            if (owner == onHold) {
                return onHoldScheduled.pop();
            }
            return schedule(owner == otherAdmin ? otherAdmin : admin, client(c), owner, pastSlot());
        }

        /** A new completed session of the cell's client whose note is a draft, for cells that sign it. */
        String freshDraft(Cell c) {
            Fixtures.Member owner = owner(c);
            Fixtures.Member practiceAdmin = owner == otherAdmin ? otherAdmin : admin;
            return draft(practiceAdmin, client(c), owner, freshScheduled(c));
        }

        /** A new session of the supervisee's whose note awaits the supervisor's co-signature. */
        String freshAwaitingCosign() {
            String client = clients.get(supervisee.memberId());
            String session = draft(admin, client, supervisee, schedule(admin, client, supervisee, pastSlot()));
            api().as(supervisee.token())
                    .post("/api/v1/sessions/" + session + "/note/sign", null)
                    .expect(200);
            return session;
        }

        /** The named member's current status, so that a permitted change changes nothing. */
        String status(Cell c) {
            return c.target() == SELF && c.who() == Who.ON_HOLD ? "ON_HOLD" : "ACTIVE";
        }

        boolean isAdmin(Cell c) {
            String id = member(c);
            return id.equals(admin.memberId()) || id.equals(otherAdmin.memberId());
        }

        /** The named member's current role, so that a permitted change changes nothing. */
        String roleOf(Cell c) {
            String id = member(c);
            Fixtures.Member owner = id.equals(otherAdmin.memberId()) ? otherAdmin : admin;
            return fixtures().roleId(owner, roleNames.getOrDefault(id, "Associate"));
        }
    }
}
