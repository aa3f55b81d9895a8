package app.caseload.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import app.caseload.shared.SecretTokens;
import app.caseload.support.Api;
import app.caseload.support.Fixtures;
import app.caseload.support.IntegrationTest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Throttling, identical answers for unknown email and wrong password, and which tokens are refused. */
class SignInDefencesTest extends IntegrationTest {

    private static final AtomicInteger ADDRESS = new AtomicInteger(1);

    /** A fresh client address per test, so that tests do not share throttle counters. */
    private static String freshAddress() {
        int n = ADDRESS.getAndIncrement();
        return "198.18." + (n / 250) + "." + (n % 250 + 1);
    }

    @Test
    void repeatedWrongPasswordsForOneAccountAreThrottledWithRetryAfter() {
        Fixtures.Member owner = fixtures().signup("Throttle Account");
        for (int i = 0; i < 5; i++) {
            // From different addresses: the per-account limit holds regardless.
            api().from(freshAddress())
                    .post("/api/v1/auth/login", Map.of("email", owner.email(), "password", "wrong password " + i))
                    .expect(401);
        }
        Api.Response blocked = api().from(freshAddress())
                .post("/api/v1/auth/login", Map.of("email", owner.email(), "password", Fixtures.PASSWORD))
                .expect(429);
        assertThat(blocked.problemType()).isEqualTo("too-many-attempts");
        long retryAfter =
                Long.parseLong(blocked.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 15 * 60L);
        // The throttle is shared through the database: every node sees the same row.
        Integer rows = jdbc.sql(
                        "select failures from sign_in_throttle where scope = 'SIGN_IN:account' and key_hash = ?")
                .param(SecretTokens.hash(owner.email().toLowerCase()))
                .query(Integer.class)
                .single();
        assertThat(rows).isEqualTo(5);
    }

    @Test
    void oneAddressGuessingManyAccountsIsThrottled() {
        String address = freshAddress();
        for (int i = 0; i < 30; i++) {
            api().from(address)
                    .post(
                            "/api/v1/auth/login",
                            Map.of("email", Fixtures.uniqueEmail("guess"), "password", "wrong password"))
                    .expect(401);
        }
        api().from(address)
                .post("/api/v1/auth/login", Map.of("email", Fixtures.uniqueEmail("guess"), "password", "x"))
                .expect(429);
        // Another address is not affected.
        api().from(freshAddress())
                .post("/api/v1/auth/login", Map.of("email", Fixtures.uniqueEmail("guess"), "password", "x"))
                .expect(401);
    }

    @Test
    void invitationLinksAndSignUpAreThrottledPerAddress() {
        String address = freshAddress();
        for (int i = 0; i < 30; i++) {
            api().from(address)
                    .post("/api/v1/invitations/preview", Map.of("token", "guess-" + i))
                    .expect(404);
        }
        api().from(address)
                .post("/api/v1/invitations/preview", Map.of("token", "guess"))
                .expect(429);
        api().from(address)
                .post("/api/v1/invitations/accept", Map.of("token", "guess", "password", Fixtures.PASSWORD))
                .expect(429);

        Fixtures.Member owner = fixtures().signup("Throttle Signup");
        String signupAddress = freshAddress();
        for (int i = 0; i < 30; i++) {
            api().from(signupAddress)
                    .post("/api/v1/signup", signup(owner.email())) // email taken: a way to enumerate accounts
                    .expect(409);
        }
        api().from(signupAddress).post("/api/v1/signup", signup(owner.email())).expect(429);
    }

    @Test
    void unknownEmailAndWrongPasswordAnswerTheSameInTheSameTime() {
        Fixtures.Member owner = fixtures().signup("Same Answer");
        Api.Response wrongPassword = api().from(freshAddress())
                .post("/api/v1/auth/login", Map.of("email", owner.email(), "password", "not the password"))
                .expect(401);
        Api.Response unknownEmail = api().from(freshAddress())
                .post(
                        "/api/v1/auth/login",
                        Map.of("email", Fixtures.uniqueEmail("nobody"), "password", "not the password"))
                .expect(401);
        assertThat(unknownEmail.body()).isEqualTo(wrongPassword.body());

        Fixtures.Member second = fixtures().signup("Same Answer Too");
        List<Long> known = new ArrayList<>();
        List<Long> unknown = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            // Alternate, each from its own address and under the per-account limit (five failures),
            // to keep the throttle out of the measurement.
            known.add(timeLogin(i < 4 ? owner.email() : second.email()));
            unknown.add(timeLogin(Fixtures.uniqueEmail("nobody")));
        }
        long knownMedian = median(known);
        long unknownMedian = median(unknown);
        // Both hash a password (a dummy one for unknown emails): medians within 30% of each other.
        assertThat((double) Math.abs(knownMedian - unknownMedian))
                .isLessThanOrEqualTo(0.3 * Math.max(knownMedian, unknownMedian) + 5_000_000);
    }

    @Test
    void everySignInGetsANewToken() {
        Fixtures.Member owner = fixtures().signup("New Tokens");
        String first = login(owner.email());
        String second = login(owner.email());
        assertThat(first).isNotEqualTo(second).isNotEqualTo(owner.token());
    }

    @Test
    void anAdminEndsAllSignInsOfAMember() {
        Fixtures.Member owner = fixtures().signup("End Sessions");
        Fixtures.Member tom = fixtures().join(owner, "Tom Ended", "Associate");
        String second = login(tom.email());
        api().as(tom.token()).get("/api/v1/me").expect(200);

        api().as(tom.token())
                .post("/api/v1/therapists/" + owner.memberId() + "/sessions/revoke", null)
                .expect(403);
        api().as(owner.token())
                .post("/api/v1/therapists/" + tom.memberId() + "/sessions/revoke", null)
                .expect(204);

        api().as(tom.token()).get("/api/v1/me").expect(401);
        api().as(second).get("/api/v1/me").expect(401);
        api().as(owner.token()).get("/api/v1/me").expect(200);
        // Signing in again works: ending sign-ins is not a lock-out.
        api().as(login(tom.email())).get("/api/v1/me").expect(200);

        Fixtures.Member stranger = fixtures().signup("End Sessions Elsewhere");
        api().as(stranger.token())
                .post("/api/v1/therapists/" + tom.memberId() + "/sessions/revoke", null)
                .expect(404);
    }

    @Test
    void aDeactivatedMembersTokenIsRefused() {
        Fixtures.Member owner = fixtures().signup("Refuse Inactive");
        Fixtures.Member tom = fixtures().join(owner, "Tom Inactive", "Associate");
        api().as(owner.token())
                .put("/api/v1/therapists/" + tom.memberId() + "/status", Map.of("status", "INACTIVE"))
                .expect(200);
        api().as(tom.token()).get("/api/v1/me").expect(401);
        // Reactivating does not bring the old token back.
        api().as(owner.token())
                .put("/api/v1/therapists/" + tom.memberId() + "/status", Map.of("status", "ACTIVE"))
                .expect(200);
        api().as(tom.token()).get("/api/v1/me").expect(401);
    }

    @Test
    void anIdleTokenIsRefused() {
        Fixtures.Member owner = fixtures().signup("Refuse Idle");
        jdbc.sql("update auth_token set last_used_at = now() - interval '16 minutes' where token_hash = ?")
                .param(SecretTokens.hash(owner.token()))
                .update();
        api().as(owner.token()).get("/api/v1/me").expect(401);
    }

    @Test
    void aTokenOfAnotherPracticeReachesNothingHere() {
        Fixtures.Member owner = fixtures().signup("Refuse Here");
        Fixtures.Member tom = fixtures().join(owner, "Tom Here", "Associate");
        Fixtures.Member stranger = fixtures().signup("Refuse There");
        api().as(stranger.token()).get("/api/v1/therapists/" + tom.memberId()).expect(404);
        api().as(stranger.token())
                .put("/api/v1/therapists/" + tom.memberId() + "/status", Map.of("status", "INACTIVE"))
                .expect(404);
        var me = api().as(stranger.token()).get("/api/v1/me").expect(200).json();
        assertThat(me.path("practiceId").asString()).isEqualTo(stranger.practiceId());
    }

    @Test
    void aTamperedTokenIsRefused() {
        Fixtures.Member owner = fixtures().signup("Refuse Tampered");
        String token = owner.token();
        char last = token.charAt(token.length() - 1);
        String flipped = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
        api().as(flipped).get("/api/v1/me").expect(401);
        api().as(token + "x").get("/api/v1/me").expect(401);
        api().as(token.substring(1)).get("/api/v1/me").expect(401);
        api().as("").get("/api/v1/me").expect(401);
        api().as(token.repeat(20)).get("/api/v1/me").expect(401);
        api().as(token).get("/api/v1/me").expect(200);
    }

    private long timeLogin(String email) {
        long start = System.nanoTime();
        api().from(freshAddress())
                .post("/api/v1/auth/login", Map.of("email", email, "password", "not the password"))
                .expect(401);
        return System.nanoTime() - start;
    }

    private String login(String email) {
        return api().from(freshAddress())
                .post("/api/v1/auth/login", Map.of("email", email, "password", Fixtures.PASSWORD))
                .expect(200)
                .field("token");
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static Map<String, String> signup(String email) {
        return Map.of(
                "practiceName", "Twice", "fullName", "Olivia Again", "email", email, "password", Fixtures.PASSWORD);
    }
}
