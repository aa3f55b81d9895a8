package app.caseload.accounts;

import app.caseload.mail.Outbox;
import app.caseload.shared.AccountId;
import app.caseload.shared.Caller;
import app.caseload.shared.CaseloadException;
import app.caseload.shared.PracticeId;
import app.caseload.shared.RequestOrigin;
import app.caseload.shared.SecretTokens;
import app.caseload.shared.Timestamps;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * "Forgot password" (SPEC §1b), for the API and the dashboard alike. A request mails a link with a
 * random single-use token (256 bits, {@link SecretTokens}; only its SHA-256 is stored, as for
 * invitations) that works for {@code caseload.auth.password-reset-ttl} (30 minutes). Setting the
 * new password through it ends every sign-in of the account (API tokens, web sessions, and
 * half-finished two-step sign-ins) and is audited; a second factor is left as it is, so it is
 * still asked at the next sign-in. Both doors are throttled like sign-in ({@link SignInThrottle}).
 *
 * <p><b>Why a request takes the same time whether or not the email has an account.</b> The
 * request's own thread does only work that is identical for every email: the throttle (a lookup
 * and a count keyed by the client address and by the email as typed, never by the account) and
 * handing the email to a queue; then it answers 202. Everything that depends on whether the
 * account exists (looking it up, storing the link, queueing the mail through the outbox, the audit
 * entry) runs afterwards on a worker thread of its own, which the answer never waits for. So the
 * answer's path contains no step whose cost depends on the account's existence, rather than trying
 * to make two different paths cost the same. A crash in the few milliseconds between the answer and
 * the worker's commit loses that one mail; the person asks again. Once committed, the mail is in the
 * outbox and is delivered like any other.
 */
@Service
public class PasswordResets {

    private static final Logger log = LoggerFactory.getLogger(PasswordResets.class);

    private final JdbcClient jdbc;
    private final Accounts accounts;
    private final AuthTokens tokens;
    private final Mfa mfa;
    private final MembershipDirectory memberships;
    private final SignInThrottle throttle;
    private final Outbox outbox;
    private final AuthProperties properties;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final Environment environment;
    private final TransactionTemplate transaction;

    /**
     * Prepares the mails of requests after they were answered. One thread, a bounded queue: the
     * throttle keeps one caller from filling it; a full queue drops the request (logged), which the
     * caller cannot tell from a request for an unknown email.
     */
    private final ThreadPoolExecutor worker =
            new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(1000), runnable -> {
                Thread thread = new Thread(runnable, "password-reset");
                thread.setDaemon(true);
                return thread;
            });

    PasswordResets(
            JdbcClient jdbc,
            Accounts accounts,
            AuthTokens tokens,
            Mfa mfa,
            MembershipDirectory memberships,
            SignInThrottle throttle,
            Outbox outbox,
            AuthProperties properties,
            Clock clock,
            ApplicationEventPublisher events,
            Environment environment,
            PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.tokens = tokens;
        this.mfa = mfa;
        this.memberships = memberships;
        this.throttle = throttle;
        this.outbox = outbox;
        this.properties = properties;
        this.clock = clock;
        this.events = events;
        this.environment = environment;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** How long a link works. */
    public Duration ttl() {
        return properties.passwordResetTtl();
    }

    /**
     * Asks for a reset link for this email. Answers the same, in the same time, whether or not the
     * email has an account (see the class comment); 429 while the address or the email is throttled.
     * Every request counts against the throttle, because every request may send a mail.
     */
    public void request(String email) {
        throttle.attempt(SignInThrottle.Door.PASSWORD_RESET, email);
        if (email == null || email.isBlank()) {
            return;
        }
        String address = RequestOrigin.ip().orElse(null);
        try {
            worker.execute(() -> prepare(email.trim(), address));
        } catch (RejectedExecutionException e) {
            log.warn(
                    "Password reset request dropped: {} requests are waiting",
                    worker.getQueue().size());
        }
    }

    /** Refuses with 410 unless the link can still be used: for the page the link opens. */
    public void requireUsable(String token) {
        throttle.guard(SignInThrottle.Door.PASSWORD_RESET, () -> {
            usableLink(token, false);
            return null;
        });
    }

    /**
     * Sets the new password through a link: 410 when the link is unknown, used or expired; 400 when
     * the password is refused by {@link PasswordPolicy} (the link then still works). Ends every
     * sign-in of the account; audited.
     */
    public void confirm(String token, String password) {
        throttle.guard(
                SignInThrottle.Door.PASSWORD_RESET,
                () -> transaction.execute(status -> {
                    reset(token, password);
                    return null;
                }));
    }

    private void reset(String token, String password) {
        AccountId account = usableLink(token, true);
        accounts.changePassword(account, password);
        Instant now = clock.instant();
        // This link and any other unused one of the account stop working.
        jdbc.sql("update password_reset set used_at = ? where account_id = ? and used_at is null")
                .params(Timestamps.of(now), account.value())
                .update();
        int ended = tokens.revokeAllForPasswordReset(account);
        mfa.endChallenges(account);
        // Whoever was guessing the old password before does not keep the owner locked out.
        accounts.find(account).ifPresent(a -> throttle.succeeded(SignInThrottle.Door.SIGN_IN, a.email()));
        Optional<Caller> membership = memberships.currentMembership(account);
        events.publishEvent(new AccountEvents.PasswordReset(
                account,
                membership.map(Caller::practiceId).orElse(null),
                membership.map(Caller::memberId).orElse(null),
                ended));
    }

    /** The account of a link that is known, unused and unexpired (locked when {@code forUpdate}); else 410. */
    private AccountId usableLink(String token, boolean forUpdate) {
        if (token == null || token.isBlank() || token.length() > 200) {
            throw unusable();
        }
        record Link(AccountId account, Instant expiresAt, boolean used) {}
        Link link = jdbc.sql("select account_id, expires_at, used_at is not null as used from password_reset"
                        + " where token_hash = ?" + (forUpdate ? " for update" : ""))
                .param(SecretTokens.hash(token))
                .query((rs, n) -> new Link(
                        new AccountId(rs.getObject("account_id", UUID.class)),
                        rs.getTimestamp("expires_at").toInstant(),
                        rs.getBoolean("used")))
                .optional()
                .orElseThrow(PasswordResets::unusable);
        if (link.used() || !link.expiresAt().isAfter(clock.instant())) {
            throw unusable();
        }
        return link.account();
    }

    /** On the worker: the link and the mail, when the email has an account; nothing otherwise. */
    private void prepare(String email, String address) {
        try {
            transaction.executeWithoutResult(
                    status -> accounts.findByEmail(email).ifPresent(account -> sendLink(account, address)));
        } catch (RuntimeException e) {
            log.error("Could not prepare a password reset mail", e);
        }
    }

    private void sendLink(AccountView account, String address) {
        Optional<Caller> membership = memberships.currentMembership(account.id());
        // The outbox is kept per practice: the current one, else the one last signed in to (someone
        // between practices may need the password to accept an invitation).
        Optional<PracticeId> mailPractice =
                membership.map(Caller::practiceId).or(() -> tokens.lastSignedInPractice(account.id()));
        if (mailPractice.isEmpty()) {
            log.warn("No practice to send account {}'s password reset mail through", account.id());
            return;
        }
        String token = SecretTokens.generate();
        Instant now = clock.instant();
        Instant expiresAt = now.plus(ttl());
        jdbc.sql("insert into password_reset (token_hash, account_id, created_at, expires_at) values (?, ?, ?, ?)")
                .params(SecretTokens.hash(token), account.id().value(), Timestamps.of(now), Timestamps.of(expiresAt))
                .update();
        String link = baseUrl() + "/password-reset?token=" + token;
        String text = """
                Hello %s,

                Someone asked to reset the password of your Caseload account. To choose a new
                password, open this link within %s:
                %s

                The link works once. Choosing a new password signs you out everywhere.
                If you did not ask for this, ignore this email: your password stays as it is.
                """.formatted(account.fullName(), inWords(ttl()), link);
        outbox.enqueue(mailPractice.get(), account.email(), "Reset your Caseload password", text);
        events.publishEvent(new AccountEvents.PasswordResetRequested(
                account.id(),
                membership.map(Caller::practiceId).orElse(null),
                membership.map(Caller::memberId).orElse(null),
                address));
    }

    /** Read per mail: with {@code server.port=0} the real port is known only once the server runs. */
    private String baseUrl() {
        String url = environment.getRequiredProperty("caseload.base-url");
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** "30 minutes", "1 hour", "90 seconds". */
    public static String inWords(Duration duration) {
        if (duration.toMinutes() < 1) {
            return duration.toSeconds() + " seconds";
        }
        if (duration.toMinutes() % 60 == 0) {
            long hours = duration.toHours();
            return hours == 1 ? "1 hour" : hours + " hours";
        }
        long minutes = duration.toMinutes();
        return minutes == 1 ? "1 minute" : minutes + " minutes";
    }

    static CaseloadException unusable() {
        return new CaseloadException(
                410,
                "password-reset-unusable",
                "Link used or expired",
                "This password reset link was already used or has expired. Ask for a new one.");
    }

    @PreDestroy
    void stop() throws InterruptedException {
        worker.shutdown();
        worker.awaitTermination(10, TimeUnit.SECONDS);
    }
}
