package app.caseload.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import app.caseload.shared.SecretTokens;
import app.caseload.support.Api;
import app.caseload.support.Fixtures;
import app.caseload.support.IntegrationTest;
import app.caseload.support.TotpCodes;
import jakarta.mail.internet.MimeMessage;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * "Forgot password" through the API and a real SMTP server (GreenMail): the mailed link works once
 * and for 30 minutes, ends every other sign-in, leaves the second factor in place, is audited and
 * throttled; an email without an account gets the same answer, in the same time, and no mail.
 */
class PasswordResetTest extends IntegrationTest {

    static final String NEW_PASSWORD = "a brand new passphrase 2026";
    private static final Pattern LINK = Pattern.compile("(\\S+)/password-reset\\?token=([A-Za-z0-9_\\-]+)");
    private static final AtomicInteger ADDRESS = new AtomicInteger(1);

    /** A fresh client address, so that tests do not share throttle counters. */
    private static String freshAddress() {
        int n = ADDRESS.getAndIncrement();
        return "100.64." + (n / 250) + "." + (n % 250 + 1);
    }

    private Api client() {
        return api().from(freshAddress());
    }

    @Test
    void theMailedLinkSetsTheNewPasswordOnceAndEndsEveryOtherSignIn() {
        Fixtures.Member owner = fixtures().signup("Reset Practice");
        String secondSignIn = login(owner.email(), Fixtures.PASSWORD);
        String address = freshAddress();

        Api.Response asked = api().from(address)
                .post(
                        "/api/v1/auth/password-reset",
                        Map.of("email", owner.email().toUpperCase()));
        asked.expect(202);
        assertThat(asked.body()).isEmpty();

        MimeMessage mail = fixtures().awaitMail(owner.email(), 1);
        Link link = link(mail);
        assertThat(link.base()).isEqualTo("http://localhost:" + port);
        assertThat(subject(mail)).isEqualTo("Reset your Caseload password");
        // Stored as a hash only, valid for the configured 30 minutes (caseload.auth.password-reset-ttl).
        Map<String, Object> row = jdbc.sql("select created_at, expires_at from password_reset where token_hash = ?")
                .param(SecretTokens.hash(link.token()))
                .query()
                .singleRow();
        assertThat(Duration.between(
                        ((Timestamp) row.get("created_at")).toInstant(),
                        ((Timestamp) row.get("expires_at")).toInstant()))
                .isEqualTo(Duration.ofMinutes(30));
        assertThat(SecretTokens.hash(link.token())).hasSize(32);
        assertThat(java.util.Base64.getUrlDecoder().decode(link.token())).hasSizeGreaterThanOrEqualTo(16);

        client().post("/api/v1/auth/password-reset/confirm", Map.of("token", link.token(), "password", NEW_PASSWORD))
                .expect(204);

        // Every sign-in of the account ended: the sign-up's token and the later sign-in's.
        client().as(owner.token()).get("/api/v1/me").expect(401);
        client().as(secondSignIn).get("/api/v1/me").expect(401);
        assertThat(liveTokens(owner)).isZero();
        client().post("/api/v1/auth/login", Map.of("email", owner.email(), "password", Fixtures.PASSWORD))
                .expect(401);
        String fresh = login(owner.email(), NEW_PASSWORD);
        client().as(fresh).get("/api/v1/me").expect(200);

        // The link works once.
        Api.Response again = client().post(
                        "/api/v1/auth/password-reset/confirm",
                        Map.of("token", link.token(), "password", "yet another passphrase"))
                .expect(410);
        assertThat(again.problemType()).isEqualTo("password-reset-unusable");
        login(owner.email(), NEW_PASSWORD);

        // Audited: the request (with the requester's address) and the change, against the account.
        String accountId = client().as(fresh).get("/api/v1/me").expect(200).field("accountId");
        List<Map<String, Object>> audit =
                jdbc.sql("""
                        select action, ip, practice_id, actor_account_id, detail->>'signInsEnded' as ended
                        from audit_event where target_type = 'ACCOUNT' and target_id = ?
                          and action like 'password_reset.%' order by at""").param(UUID.fromString(accountId)).query().listOfRows();
        assertThat(audit)
                .extracting(r -> r.get("action"))
                .containsExactly("password_reset.requested", "password_reset.completed");
        assertThat(audit.get(0).get("ip")).isEqualTo(address);
        assertThat(audit.get(0).get("practice_id")).isEqualTo(UUID.fromString(owner.practiceId()));
        assertThat(audit.get(1).get("actor_account_id")).isEqualTo(UUID.fromString(accountId));
        assertThat(audit.get(1).get("ended")).isEqualTo("2");
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'password_reset.failed' and ip = ?")
                        .param(address)
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void aWeakPasswordIsRefusedAndTheLinkStillWorks() {
        Fixtures.Member owner = fixtures().signup("Reset Weak");
        String token = requestLink(owner.email());

        Api.Response weak = client().post(
                        "/api/v1/auth/password-reset/confirm", Map.of("token", token, "password", "too short"))
                .expect(400);
        assertThat(weak.problemType()).isEqualTo("weak-password");
        client().as(owner.token()).get("/api/v1/me").expect(200); // nothing changed

        client().post("/api/v1/auth/password-reset/confirm", Map.of("token", token, "password", NEW_PASSWORD))
                .expect(204);
        login(owner.email(), NEW_PASSWORD);
    }

    @Test
    void anExpiredLinkAnswers410AndChangesNothing() {
        Fixtures.Member owner = fixtures().signup("Reset Expired");
        String token = requestLink(owner.email());
        // Thirty-one minutes pass (the link was made with the 30-minute TTL, checked above).
        jdbc.sql("""
                        update password_reset set created_at = created_at - interval '31 minutes',
                                                  expires_at = expires_at - interval '31 minutes'
                        where token_hash = ?""").param(SecretTokens.hash(token)).update();

        client().post("/api/v1/auth/password-reset/confirm", Map.of("token", token, "password", NEW_PASSWORD))
                .expect(410);
        client().as(owner.token()).get("/api/v1/me").expect(200);
        login(owner.email(), Fixtures.PASSWORD);

        client().post("/api/v1/auth/password-reset/confirm", Map.of("token", "never-issued", "password", NEW_PASSWORD))
                .expect(410);
    }

    @Test
    void anUnknownEmailGetsTheSameAnswerInTheSameTimeAndNoMail() {
        Fixtures.Member owner = fixtures().signup("Reset Unknown");
        String nobody = Fixtures.uniqueEmail("nobody");
        Api.Response unknown = client().post("/api/v1/auth/password-reset", Map.of("email", nobody));
        Api.Response known = client().post("/api/v1/auth/password-reset", Map.of("email", owner.email()));
        assertThat(unknown.status()).isEqualTo(known.status()).isEqualTo(202);
        assertThat(unknown.body()).isEqualTo(known.body());
        assertThat(unknown.headers().map().keySet())
                .isEqualTo(known.headers().map().keySet());

        fixtures().awaitMail(owner.email(), 1);
        assertThat(fixtures().mailCount(nobody)).isZero();
        assertThat(jdbc.sql("select count(*) from mail_outbox where lower(recipient) = lower(?)")
                        .param(nobody)
                        .query(Integer.class)
                        .single())
                .isZero();

        // Timing: four emails with an account and four without, each asked for four times (so both
        // kinds have the same throttle history), interleaved K U U K … (so neither always follows
        // the other's background work), each request from its own address. The machine may be
        // busy, so the lower quartiles (the least disturbed samples) are compared, with the same
        // bound as the sign-in timing test.
        List<String> knownEmails = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            knownEmails.add(fixtures().signup("Reset Timing " + i).email());
        }
        timeRequest(Fixtures.uniqueEmail("warm-up"));
        List<String> unknownEmails = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            unknownEmails.add(Fixtures.uniqueEmail("nobody"));
        }
        List<Long> knownTimes = new ArrayList<>();
        List<Long> unknownTimes = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String knownEmail = knownEmails.get(i % 4);
            if (i % 2 == 0) {
                knownTimes.add(timeRequest(knownEmail));
                unknownTimes.add(timeRequest(unknownEmails.get(i % 4)));
            } else {
                unknownTimes.add(timeRequest(unknownEmails.get(i % 4)));
                knownTimes.add(timeRequest(knownEmail));
            }
        }
        long knownQuartile = quartile(knownTimes);
        long unknownQuartile = quartile(unknownTimes);
        assertThat((double) Math.abs(knownQuartile - unknownQuartile))
                .as(
                        "lower quartile known %d ns, unknown %d ns; all known %s, all unknown %s",
                        knownQuartile, unknownQuartile, knownTimes, unknownTimes)
                .isLessThanOrEqualTo(0.3 * Math.max(knownQuartile, unknownQuartile) + 5_000_000);
        knownEmails.forEach(email -> fixtures().awaitMail(email, 4));
    }

    @Test
    void requestsAreThrottledPerEmailAndPerAddressWhetherOrNotTheAccountExists() {
        Fixtures.Member owner = fixtures().signup("Reset Throttle");
        String nobody = Fixtures.uniqueEmail("nobody");
        for (int i = 0; i < 5; i++) {
            client().post("/api/v1/auth/password-reset", Map.of("email", owner.email()))
                    .expect(202);
            client().post("/api/v1/auth/password-reset", Map.of("email", nobody))
                    .expect(202);
        }
        Api.Response blocked = client().post("/api/v1/auth/password-reset", Map.of("email", owner.email()))
                .expect(429);
        assertThat(blocked.problemType()).isEqualTo("too-many-attempts");
        assertThat(Long.parseLong(blocked.headers().firstValue("Retry-After").orElseThrow()))
                .isBetween(1L, 15 * 60L);
        Api.Response blockedToo = client().post("/api/v1/auth/password-reset", Map.of("email", nobody))
                .expect(429);
        assertThat(blockedToo.problemType()).isEqualTo(blocked.problemType());
        fixtures().awaitMail(owner.email(), 5);

        String address = freshAddress();
        for (int i = 0; i < 30; i++) {
            api().from(address)
                    .post("/api/v1/auth/password-reset", Map.of("email", Fixtures.uniqueEmail("spray")))
                    .expect(202);
        }
        api().from(address)
                .post("/api/v1/auth/password-reset", Map.of("email", Fixtures.uniqueEmail("spray")))
                .expect(429);
        api().from(address)
                .post("/api/v1/auth/password-reset/confirm", Map.of("token", "guess", "password", NEW_PASSWORD))
                .expect(429);
        assertThat(fixtures().mailCount(owner.email())).isEqualTo(5);
    }

    @Test
    void theSecondFactorIsStillAskedAndAHalfFinishedSignInEnds() {
        Fixtures.Member owner = fixtures().signup("Reset MFA");
        String secret = client().as(owner.token())
                .post("/api/v1/me/mfa/enrol", null)
                .expect(200)
                .field("secret");
        client().as(owner.token())
                .post("/api/v1/me/mfa/confirm", Map.of("code", TotpCodes.now(secret, 0)))
                .expect(200);
        String pending = client().post(
                        "/api/v1/auth/login", Map.of("email", owner.email(), "password", Fixtures.PASSWORD))
                .expect(200)
                .field("mfaToken");

        String token = requestLink(owner.email());
        client().post("/api/v1/auth/password-reset/confirm", Map.of("token", token, "password", NEW_PASSWORD))
                .expect(204);

        // The second step begun with the old password does not finish.
        client().post("/api/v1/auth/login/mfa", Map.of("mfaToken", pending, "code", TotpCodes.now(secret, 1)))
                .expect(401);
        // The new password alone does not sign in: the second factor is still asked.
        var first = client().post("/api/v1/auth/login", Map.of("email", owner.email(), "password", NEW_PASSWORD))
                .expect(200)
                .json();
        assertThat(first.path("mfaRequired").asBoolean()).isTrue();
        assertThat(first.has("token")).isFalse();
        client().post(
                        "/api/v1/auth/login/mfa",
                        Map.of("mfaToken", first.path("mfaToken").asString(), "code", TotpCodes.now(secret, 1)))
                .expect(200);
    }

    @Test
    void someoneBetweenPracticesCanResetToo() {
        Fixtures.Member owner = fixtures().signup("Reset Former");
        Fixtures.Member tom = fixtures().join(owner, "Tom Former", "Associate");
        api().as(owner.token()).delete("/api/v1/therapists/" + tom.memberId()).expect(204);

        String token = requestLink(tom.email());
        client().post("/api/v1/auth/password-reset/confirm", Map.of("token", token, "password", NEW_PASSWORD))
                .expect(204);
        // No practice to sign in to, but the new password is the one that counts now.
        assertThat(client().post("/api/v1/auth/login", Map.of("email", tom.email(), "password", NEW_PASSWORD))
                        .expect(401)
                        .problemType())
                .isEqualTo("no-practice");
    }

    // ---- helpers -------------------------------------------------------------------------------------

    record Link(String base, String token) {}

    /** Asks for a link and reads its token out of the mail that arrives. */
    private String requestLink(String email) {
        long before = fixtures().mailCount(email);
        client().post("/api/v1/auth/password-reset", Map.of("email", email)).expect(202);
        return link(fixtures().awaitMail(email, (int) before + 1)).token();
    }

    static Link link(MimeMessage mail) {
        try {
            Matcher m = LINK.matcher((String) mail.getContent());
            if (!m.find()) {
                throw new AssertionError("No reset link in: " + mail.getContent());
            }
            return new Link(m.group(1), m.group(2));
        } catch (java.io.IOException | jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String login(String email, String password) {
        return client().post("/api/v1/auth/login", Map.of("email", email, "password", password))
                .expect(200)
                .field("token");
    }

    private int liveTokens(Fixtures.Member member) {
        return jdbc.sql("select count(*) from auth_token where member_id = ? and revoked_at is null")
                .param(UUID.fromString(member.memberId()))
                .query(Integer.class)
                .single();
    }

    private long timeRequest(String email) {
        Api api = client();
        long start = System.nanoTime();
        api.post("/api/v1/auth/password-reset", Map.of("email", email)).expect(202);
        return System.nanoTime() - start;
    }

    private static long quartile(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 4);
    }
}
