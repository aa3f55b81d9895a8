package app.caseload.accounts;

import app.caseload.roles.Roles;
import app.caseload.shared.AccountId;
import app.caseload.shared.Caller;
import app.caseload.shared.MemberId;
import app.caseload.shared.MemberStatus;
import app.caseload.shared.PracticeId;
import app.caseload.shared.RoleId;
import app.caseload.shared.SecretTokens;
import app.caseload.shared.Timestamps;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sign-in tokens, for the API (bearer) and the web (held in the server-side session) alike, so
 * one mechanism ends both: idle expiry, logout, and revocation when a member is made Inactive or
 * removed. Tokens are 256 random bits; only their SHA-256 is stored.
 */
@Service
public class AuthTokens {

    static final String FULL = "FULL";
    static final String ENROLMENT = "MFA_ENROLMENT";
    /**
     * How long an ended token is kept: a client presenting it in that time is still told why it ended
     * ({@link #endedByPasswordReset}); after it, the token is unknown, which answers the same 401.
     */
    static final java.time.Duration KEPT_AFTER_END = java.time.Duration.ofDays(1);
    /** How stale {@code last_used_at} may get before a request writes it again. */
    static final java.time.Duration TOUCH_GRANULARITY = java.time.Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final Roles roles;
    private final AuthProperties properties;
    private final Clock clock;
    private final List<MfaRequirement> mfaRequirements;
    private final ApplicationEventPublisher events;

    AuthTokens(
            JdbcClient jdbc,
            Roles roles,
            AuthProperties properties,
            Clock clock,
            @Lazy List<MfaRequirement> mfaRequirements,
            ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.roles = roles;
        this.properties = properties;
        this.clock = clock;
        this.mfaRequirements = mfaRequirements;
        this.events = events;
    }

    /**
     * A sign-in token. {@code enrolmentOnly} when the practice requires MFA of the member and they
     * have not enrolled yet: such a token opens only the MFA enrolment endpoints.
     */
    public record IssuedToken(String token, Instant expiresAt, boolean enrolmentOnly) {}

    /** What a token stands for: the caller, and whether it is limited to MFA enrolment. */
    public record SignIn(Caller caller, boolean enrolmentOnly) {}

    /**
     * Issues a new token for every sign-in (never reuses one). Limited to MFA enrolment when the
     * practice requires a second factor the member has not set up.
     */
    @Transactional
    public IssuedToken issue(Caller caller) {
        boolean enrolmentOnly =
                mfaRequirements.stream().anyMatch(r -> r.requiredFor(caller)) && !mfaEnrolled(caller.accountId());
        String scope = enrolmentOnly ? ENROLMENT : FULL;
        String token = SecretTokens.generate();
        Instant now = clock.instant();
        jdbc.sql("""
                insert into auth_token (token_hash, account_id, practice_id, member_id, created_at, last_used_at, scope)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        SecretTokens.hash(token),
                        caller.accountId().value(),
                        caller.practiceId().value(),
                        caller.memberId().value(),
                        Timestamps.of(now),
                        Timestamps.of(now),
                        scope)
                .update();
        events.publishEvent(
                new AccountEvents.SignedIn(caller.accountId(), caller.practiceId(), caller.memberId(), scope));
        return new IssuedToken(token, now.plus(properties.idleTimeout()), enrolmentOnly);
    }

    /** Whether the account has a confirmed second factor. */
    public boolean mfaEnrolled(AccountId account) {
        return jdbc.sql(
                        "select exists (select 1 from mfa_credential where account_id = ? and confirmed_at is not null)")
                .param(account.value())
                .query(Boolean.class)
                .single();
    }

    /**
     * The caller a token stands for, if it is unrevoked, used within the idle timeout, and its
     * member may still sign in. Use slides the idle window (see {@link #resolveSignIn}).
     */
    public Optional<Caller> resolve(String token) {
        return resolveSignIn(token).filter(signIn -> !signIn.enrolmentOnly()).map(SignIn::caller);
    }

    /**
     * Like {@link #resolve}, but also answers enrolment-only tokens, marked as such.
     *
     * <p>One statement ({@code auth_token_resolve}, V41), one round trip, no transaction of its own:
     * it checks the token, reads its
     * member as of now (status, admin rights, role; a removed member has none) and the member's
     * role, which is kept for the rest of the request ({@link Roles#remember}). It also slides the
     * idle window, but writes {@code last_used_at} only when the stored value is older than
     * {@link #TOUCH_GRANULARITY}: most requests write nothing. The idle timeout counts from the
     * stored value, so a sign-in ends between {@code idle-timeout - 1 min} and {@code idle-timeout}
     * after its last use, never later.
     */
    public Optional<SignIn> resolveSignIn(String token) {
        if (token == null || token.isEmpty() || token.length() > 200) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        // member and role belong to the therapists and roles modules: read here, in the same
        // statement, so that a request costs one round trip before its own query (no Java dependency
        // on therapists; the function returns the role's columns as Roles.RULES_COLUMNS names them,
        // and the roles module maps them). auth_token_resolve (V41) is planned once per connection.
        return jdbc.sql("select * from auth_token_resolve(:hash, :idleSince, :now, :touchBefore)")
                .param("hash", SecretTokens.hash(token))
                .param("idleSince", Timestamps.of(now.minus(properties.idleTimeout())))
                .param("now", Timestamps.of(now))
                .param("touchBefore", Timestamps.of(now.minus(TOUCH_GRANULARITY)))
                .query((rs, n) -> {
                    PracticeId practice = new PracticeId(rs.getObject("practice_id", UUID.class));
                    roles.remember(practice, roles.rulesFrom(rs));
                    return new SignIn(
                            new Caller(
                                    new AccountId(rs.getObject("account_id", UUID.class)),
                                    new MemberId(rs.getObject("member_id", UUID.class)),
                                    practice,
                                    new RoleId(rs.getObject("member_role_id", UUID.class)),
                                    MemberStatus.valueOf(rs.getString("status")),
                                    rs.getBoolean("admin")),
                            ENROLMENT.equals(rs.getString("scope")));
                })
                .optional()
                .filter(signIn -> signIn.caller().status().canSignIn());
    }

    public Instant expiresAtIfUsedNow() {
        return clock.instant().plus(properties.idleTimeout());
    }

    @Transactional
    public void revoke(String token) {
        jdbc.sql("update auth_token set revoked_at = ? where token_hash = ? and revoked_at is null")
                .params(Timestamps.of(clock.instant()), SecretTokens.hash(token))
                .update();
    }

    /** Signs the caller out: revokes this token and audits it. */
    @Transactional
    public void signOut(Caller caller, String token) {
        revoke(token);
        events.publishEvent(new AccountEvents.SignedOut(caller.accountId(), caller.practiceId(), caller.memberId()));
    }

    /** An admin ends every sign-in of a member explicitly; audited. */
    @Transactional
    public int endAllSignIns(PracticeId practice, MemberId member, MemberId by) {
        int ended = revokeAll(practice, member);
        events.publishEvent(new AccountEvents.SessionsRevoked(practice, member, ended, by));
        return ended;
    }

    /**
     * Ends every sign-in of an account, in whatever practice: API tokens and web sessions alike,
     * marked so that a browser can be told why ({@link #endedByPasswordReset}).
     */
    @Transactional
    int revokeAllForPasswordReset(AccountId account) {
        return jdbc.sql("""
                update auth_token set revoked_at = ?, revoked_reason = 'PASSWORD_RESET'
                where account_id = ? and revoked_at is null""")
                .params(Timestamps.of(clock.instant()), account.value())
                .update();
    }

    /** Whether this token was ended because its account's password was reset. */
    boolean endedByPasswordReset(String token) {
        return jdbc.sql(
                        "select exists (select 1 from auth_token where token_hash = ? and revoked_reason = 'PASSWORD_RESET')")
                .param(SecretTokens.hash(token))
                .query(Boolean.class)
                .single();
    }

    /** The practice of the account's most recent sign-in, if it ever had one. */
    Optional<PracticeId> lastSignedInPractice(AccountId account) {
        return jdbc.sql("select practice_id from auth_token where account_id = ? order by created_at desc limit 1")
                .param(account.value())
                .query((rs, n) -> new PracticeId(rs.getObject("practice_id", UUID.class)))
                .optional();
    }

    /**
     * Deletes the tokens that ended (revoked, or idle past the timeout) more than {@link #KEPT_AFTER_END}
     * ago, except each account's newest ({@link #lastSignedInPractice} reads it); answers how many.
     * Hourly on every node: the deletes are idempotent, so two nodes at once only wait for each other.
     */
    @Scheduled(cron = "0 17 * * * *", zone = "UTC")
    @Transactional
    public int deleteEnded() {
        Instant endedBefore = clock.instant().minus(KEPT_AFTER_END);
        return jdbc.sql("""
                delete from auth_token t
                where (t.revoked_at < :endedBefore
                       or (t.revoked_at is null and t.last_used_at < :idleEndedBefore))
                  and exists (select 1 from auth_token newer
                              where newer.account_id = t.account_id and newer.created_at > t.created_at)""")
                .param("endedBefore", Timestamps.of(endedBefore))
                .param("idleEndedBefore", Timestamps.of(endedBefore.minus(properties.idleTimeout())))
                .update();
    }

    /** Ends every sign-in of a member at once: API tokens and web sessions alike. */
    @Transactional
    public int revokeAll(PracticeId practice, MemberId member) {
        return jdbc.sql(
                        "update auth_token set revoked_at = ? where practice_id = ? and member_id = ? and revoked_at is null")
                .params(Timestamps.of(clock.instant()), practice.value(), member.value())
                .update();
    }
}
