package app.caseload.security;

import static app.caseload.security.AuthorizationMatrixTest.Target.COLLEAGUE;
import static app.caseload.security.AuthorizationMatrixTest.Target.NONE;
import static app.caseload.security.AuthorizationMatrixTest.Target.OTHER_PRACTICE;
import static app.caseload.security.AuthorizationMatrixTest.Target.SELF;
import static org.assertj.core.api.Assertions.assertThat;

import app.caseload.support.Api;
import app.caseload.support.Fixtures;
import app.caseload.support.IntegrationTest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
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
 * Clinical callers (supervisor, {@code clients.view_practice}) and targets (supervised) join
 * {@link Who} and {@link Target} when the clinical modules land.
 */
class AuthorizationMatrixTest extends IntegrationTest {

    enum Who {
        ANONYMOUS,
        ADMIN,
        THERAPIST,
        ON_HOLD,
        INACTIVE,
        REMOVED,
        OTHER_ADMIN
    }

    /** Whose thing the request names: the caller's own, a colleague's in practice A, practice B's. */
    enum Target {
        NONE,
        SELF,
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
            case COLLEAGUE -> who != Who.OTHER_ADMIN;
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
                    Api.Response response = (token == null ? api : api.as(token)).send(method, path, body);
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

    private static BiFunction<Cell, World, Object> none() {
        return (c, w) -> null;
    }

    private static boolean expectsSuccess(Cell c, Expect expect) {
        int status = expect.status(c.who(), c.target());
        return status >= 200 && status < 300;
    }

    /**
     * Practice A (admin, therapist, on-hold, inactive and removed members, a pending invitation,
     * a spare role) and practice B (its admin, the same things). Tokens of the Inactive and removed
     * members were issued before they lost access.
     */
    final class World {
        final Fixtures.Member admin;
        final Fixtures.Member therapist;
        final Fixtures.Member onHold;
        final Fixtures.Member inactive;
        final Fixtures.Member removed;
        final Fixtures.Member otherAdmin;
        final Map<Who, Fixtures.Member> byWho = new EnumMap<>(Who.class);
        final Map<Target, String> invitations = new LinkedHashMap<>();
        final Map<Target, String> spareRoles = new LinkedHashMap<>();
        final Map<Target, String> roles = new LinkedHashMap<>();

        World() {
            Fixtures f = fixtures();
            admin = f.signup("Matrix A");
            therapist = f.join(admin, "Tom Matrix", "Associate");
            onHold = f.join(admin, "Olga Paused", "Associate");
            inactive = f.join(admin, "Ian Inactive", "Associate");
            removed = f.join(admin, "Rita Removed", "Associate");
            otherAdmin = f.signup("Matrix B");
            Api asAdmin = api().as(admin.token());
            asAdmin.put("/api/v1/therapists/" + onHold.memberId() + "/status", Map.of("status", "ON_HOLD"))
                    .expect(200);
            asAdmin.put("/api/v1/therapists/" + inactive.memberId() + "/status", Map.of("status", "INACTIVE"))
                    .expect(200);
            asAdmin.delete("/api/v1/therapists/" + removed.memberId()).expect(204);
            byWho.put(Who.ADMIN, admin);
            byWho.put(Who.THERAPIST, therapist);
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

        /** The member a cell names: the caller, the therapist of practice A, or practice B's admin. */
        String member(Cell c) {
            return switch (c.target()) {
                case SELF ->
                    c.who() == Who.ANONYMOUS
                            ? therapist.memberId()
                            : byWho.get(c.who()).memberId();
                case COLLEAGUE -> therapist.memberId();
                case OTHER_PRACTICE, NONE -> otherAdmin.memberId();
            };
        }

        /** The named member's current status, so that a permitted change changes nothing. */
        String status(Cell c) {
            return c.target() == SELF && c.who() == Who.ON_HOLD ? "ON_HOLD" : "ACTIVE";
        }

        boolean isAdmin(Cell c) {
            String id = member(c);
            return id.equals(admin.memberId()) || id.equals(otherAdmin.memberId());
        }

        String roleOf(Cell c) {
            String id = member(c);
            Fixtures.Member owner = id.equals(otherAdmin.memberId()) ? otherAdmin : admin;
            String roleName = id.equals(admin.memberId()) || id.equals(otherAdmin.memberId())
                    ? "Licensed Therapist"
                    : "Associate";
            return fixtures().roleId(owner, roleName);
        }
    }
}
