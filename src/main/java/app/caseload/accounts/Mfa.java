package app.caseload.accounts;

import app.caseload.shared.AccountId;
import app.caseload.shared.Caller;
import app.caseload.shared.CaseloadException;
import app.caseload.shared.MemberId;
import app.caseload.shared.PracticeId;
import app.caseload.shared.SecretTokens;
import app.caseload.shared.Timestamps;
import io.nayuki.qrcodegen.QrCode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The second factor: TOTP enrolment (secret, otpauth URI, QR code), ten single-use recovery codes
 * stored as SHA-256 hashes, and the short-lived challenge between a right password and the code.
 */
@Service
public class Mfa {

    static final Duration CHALLENGE_TTL = Duration.ofMinutes(5);
    static final int CHALLENGE_ATTEMPTS = 5;
    static final int RECOVERY_CODES = 10;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ISSUER = "Caseload";

    private final JdbcClient jdbc;
    private final Accounts accounts;
    private final AuthTokens tokens;
    private final MembershipDirectory memberships;
    private final List<MfaRequirement> requirements;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Mfa(
            JdbcClient jdbc,
            Accounts accounts,
            AuthTokens tokens,
            MembershipDirectory memberships,
            @Lazy List<MfaRequirement> requirements,
            ApplicationEventPublisher events,
            Clock clock) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.tokens = tokens;
        this.memberships = memberships;
        this.requirements = requirements;
        this.events = events;
        this.clock = clock;
    }

    public record Enrolment(String secret, String otpauthUri, String qrCode) {}

    public record Challenge(String mfaToken, Instant expiresAt) {}

    /** Starts (or restarts) enrolment: a new secret that works once confirmed with a code. 409 when enrolled. */
    @Transactional
    public Enrolment enrol(Caller caller) {
        if (tokens.mfaEnrolled(caller.accountId())) {
            throw CaseloadException.conflict(
                    "mfa-already-enrolled", "A second factor is already set up; remove it first to set up a new one.");
        }
        byte[] secret = Totp.newSecret();
        jdbc.sql("""
                insert into mfa_credential (account_id, secret, created_at) values (?, ?, ?)
                on conflict (account_id) do update set secret = excluded.secret, created_at = excluded.created_at,
                                                       last_used_step = 0""")
                .params(caller.accountId().value(), secret, Timestamps.of(clock.instant()))
                .update();
        String email = accounts.find(caller.accountId()).orElseThrow().email();
        String base32 = Totp.base32(secret);
        String uri = "otpauth://totp/" + encode(ISSUER + ":" + email) + "?secret=" + base32 + "&issuer=" + ISSUER
                + "&algorithm=SHA1&digits=" + Totp.DIGITS + "&period=" + Totp.STEP_SECONDS;
        return new Enrolment(base32, uri, svgDataUri(uri));
    }

    /**
     * Confirms enrolment with a first code; answers the recovery codes, shown this once. Ends
     * enrolment-only sign-ins, so the member signs in again with the new factor.
     */
    @Transactional
    public List<String> confirm(Caller caller, String code) {
        record Pending(byte[] secret, Instant confirmedAt) {}
        Pending pending = jdbc.sql("select secret, confirmed_at from mfa_credential where account_id = ? for update")
                .param(caller.accountId().value())
                .query((rs, n) -> new Pending(
                        rs.getBytes("secret"),
                        rs.getTimestamp("confirmed_at") == null
                                ? null
                                : rs.getTimestamp("confirmed_at").toInstant()))
                .optional()
                .filter(p -> p.confirmedAt() == null)
                .orElseThrow(() -> CaseloadException.conflict(
                        "mfa-not-enrolling", "Start enrolment first (POST /api/v1/me/mfa/enrol)."));
        long step =
                Totp.matchingStep(pending.secret(), code, clock.instant(), 0).orElseThrow(Mfa::wrongCode);
        Instant now = clock.instant();
        jdbc.sql("update mfa_credential set confirmed_at = ?, last_used_step = ? where account_id = ?")
                .params(Timestamps.of(now), step, caller.accountId().value())
                .update();
        jdbc.sql("delete from mfa_recovery_code where account_id = ?")
                .param(caller.accountId().value())
                .update();
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < RECOVERY_CODES; i++) {
            String recovery = newRecoveryCode();
            codes.add(recovery);
            jdbc.sql("insert into mfa_recovery_code (account_id, code_hash, created_at) values (?, ?, ?)")
                    .params(caller.accountId().value(), SecretTokens.hash(normalise(recovery)), Timestamps.of(now))
                    .update();
        }
        jdbc.sql("update auth_token set revoked_at = ? where account_id = ? and scope = ? and revoked_at is null")
                .params(Timestamps.of(now), caller.accountId().value(), AuthTokens.ENROLMENT)
                .update();
        events.publishEvent(new AccountEvents.MfaEnrolled(caller.accountId(), caller.practiceId(), caller.memberId()));
        return codes;
    }

    /** Removes the second factor, proven with a code or a recovery code; 409 while the practice requires MFA. */
    @Transactional
    public void remove(Caller caller, String code, String recoveryCode) {
        if (!tokens.mfaEnrolled(caller.accountId())) {
            throw CaseloadException.conflict("mfa-not-enrolled", "No second factor is set up.");
        }
        if (requirements.stream().anyMatch(r -> r.requiredFor(caller))) {
            throw CaseloadException.conflict(
                    "mfa-required-by-practice", "Your practice requires a second factor; it cannot be removed.");
        }
        if (!verify(caller, code, recoveryCode)) {
            throw wrongCode();
        }
        jdbc.sql("delete from mfa_recovery_code where account_id = ?")
                .param(caller.accountId().value())
                .update();
        jdbc.sql("delete from mfa_credential where account_id = ?")
                .param(caller.accountId().value())
                .update();
        events.publishEvent(new AccountEvents.MfaRemoved(caller.accountId(), caller.practiceId(), caller.memberId()));
    }

    /**
     * Ends the account's half-finished sign-ins (right password, second factor still to come). The
     * second factor itself is left as it is: it is still asked at the next sign-in.
     */
    @Transactional
    int endChallenges(AccountId account) {
        return jdbc.sql("update mfa_challenge set used_at = ? where account_id = ? and used_at is null")
                .params(Timestamps.of(clock.instant()), account.value())
                .update();
    }

    /** After a right password: a challenge token for the second step (hashed, five minutes, five tries). */
    @Transactional
    public Challenge challenge(Caller caller) {
        String token = SecretTokens.generate();
        Instant now = clock.instant();
        Instant expires = now.plus(CHALLENGE_TTL);
        jdbc.sql("""
                insert into mfa_challenge (token_hash, account_id, practice_id, member_id, created_at, expires_at)
                values (?, ?, ?, ?, ?, ?)""")
                .params(
                        SecretTokens.hash(token),
                        caller.accountId().value(),
                        caller.practiceId().value(),
                        caller.memberId().value(),
                        Timestamps.of(now),
                        Timestamps.of(expires))
                .update();
        events.publishEvent(
                new AccountEvents.MfaChallenged(caller.accountId(), caller.practiceId(), caller.memberId()));
        return new Challenge(token, expires);
    }

    /** The account a live challenge token is for (to throttle by it before checking the code). */
    public Optional<AccountId> challengedAccount(String mfaToken) {
        if (mfaToken == null || mfaToken.length() > 200) {
            return Optional.empty();
        }
        return jdbc.sql("""
                select account_id from mfa_challenge
                where token_hash = ? and used_at is null and expires_at > ? and attempts < ?""")
                .params(SecretTokens.hash(mfaToken), Timestamps.of(clock.instant()), CHALLENGE_ATTEMPTS)
                .query((rs, n) -> new AccountId(rs.getObject("account_id", UUID.class)))
                .optional();
    }

    /**
     * The second step: with a right code or unused recovery code, the challenge is spent and the
     * member as of now is answered; otherwise empty, and the challenge's tries go down.
     */
    @Transactional(noRollbackFor = CaseloadException.class)
    public Optional<Caller> completeChallenge(String mfaToken, String code, String recoveryCode) {
        if (mfaToken == null || mfaToken.length() > 200) {
            return Optional.empty();
        }
        byte[] hash = SecretTokens.hash(mfaToken);
        record Row(UUID practice, UUID member) {}
        Optional<Row> live = jdbc.sql("""
                select practice_id, member_id from mfa_challenge
                where token_hash = ? and used_at is null and expires_at > ? and attempts < ? for update""")
                .params(hash, Timestamps.of(clock.instant()), CHALLENGE_ATTEMPTS)
                .query((rs, n) ->
                        new Row(rs.getObject("practice_id", UUID.class), rs.getObject("member_id", UUID.class)))
                .optional();
        if (live.isEmpty()) {
            return Optional.empty();
        }
        Optional<Caller> member = memberships
                .member(
                        new PracticeId(live.get().practice()),
                        new MemberId(live.get().member()))
                .filter(m -> m.status().canSignIn());
        if (member.isEmpty() || !verify(member.get(), code, recoveryCode)) {
            jdbc.sql("update mfa_challenge set attempts = attempts + 1 where token_hash = ?")
                    .param(hash)
                    .update();
            return Optional.empty();
        }
        jdbc.sql("update mfa_challenge set used_at = ? where token_hash = ?")
                .params(Timestamps.of(clock.instant()), hash)
                .update();
        return member;
    }

    /** A TOTP code newer than the last one used, or an unused recovery code (which is then spent). */
    /**
     * Whether the account has a second factor and {@code code} is a current TOTP code of it (not
     * one already used). For proving the second factor outside a sign-in, such as when an existing
     * account accepts an invitation with its password.
     */
    @Transactional
    public boolean provesSecondFactor(AccountId account, String code) {
        return code != null && verify(new Caller(account, null, null, null, null, false), code, null);
    }

    private boolean verify(Caller caller, String code, String recoveryCode) {
        UUID account = caller.accountId().value();
        if (code != null) {
            record Credential(byte[] secret, long lastUsedStep) {}
            Optional<Credential> credential = jdbc.sql("""
                    select secret, last_used_step from mfa_credential
                    where account_id = ? and confirmed_at is not null for update""")
                    .param(account)
                    .query((rs, n) -> new Credential(rs.getBytes("secret"), rs.getLong("last_used_step")))
                    .optional();
            OptionalLong step = credential.isEmpty()
                    ? OptionalLong.empty()
                    : Totp.matchingStep(
                            credential.get().secret(),
                            code,
                            clock.instant(),
                            credential.get().lastUsedStep());
            if (step.isPresent()) {
                jdbc.sql("update mfa_credential set last_used_step = ? where account_id = ?")
                        .params(step.getAsLong(), account)
                        .update();
                return true;
            }
            return false;
        }
        if (recoveryCode != null && recoveryCode.length() <= 64) {
            int spent = jdbc.sql("""
                    update mfa_recovery_code set used_at = ?
                    where account_id = ? and code_hash = ? and used_at is null""")
                    .params(Timestamps.of(clock.instant()), account, SecretTokens.hash(normalise(recoveryCode)))
                    .update();
            if (spent == 1) {
                int remaining = jdbc.sql(
                                "select count(*) from mfa_recovery_code where account_id = ? and used_at is null")
                        .param(account)
                        .query(Integer.class)
                        .single();
                events.publishEvent(new AccountEvents.RecoveryCodeUsed(
                        caller.accountId(), caller.practiceId(), caller.memberId(), remaining));
                return true;
            }
        }
        return false;
    }

    /** 80 random bits as four groups of four base32 letters: xxxx-xxxx-xxxx-xxxx. */
    private static String newRecoveryCode() {
        byte[] bytes = new byte[10];
        RANDOM.nextBytes(bytes);
        String raw = Totp.base32(bytes).toLowerCase(Locale.ROOT);
        return raw.substring(0, 4) + "-" + raw.substring(4, 8) + "-" + raw.substring(8, 12) + "-"
                + raw.substring(12, 16);
    }

    private static String normalise(String recoveryCode) {
        return recoveryCode.replace("-", "").replace(" ", "").toLowerCase(Locale.ROOT);
    }

    private static CaseloadException wrongCode() {
        return CaseloadException.invalid("wrong-code", "The code is not right (or was already used).")
                .with("errors", List.of(java.util.Map.of("field", "code", "message", "is not right")));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The QR code as an SVG data URI: no script, no external reference, allowed by img-src data:. */
    static String svgDataUri(String text) {
        QrCode qr = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
        int border = 4;
        int size = qr.size + border * 2;
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < qr.size; y++) {
            for (int x = 0; x < qr.size; x++) {
                if (qr.getModule(x, y)) {
                    path.append('M')
                            .append(x + border)
                            .append(',')
                            .append(y + border)
                            .append("h1v1h-1z");
                }
            }
        }
        String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size + " " + size
                + "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path d=\""
                + path + "\" fill=\"#000\"/></svg>";
        return "data:image/svg+xml;base64," + Base64.getEncoder().encodeToString(svg.getBytes(StandardCharsets.UTF_8));
    }
}
