package app.caseload.accounts;

import app.caseload.shared.AccountId;
import app.caseload.shared.CaseloadException;
import app.caseload.shared.PracticeId;
import app.caseload.shared.RequestOrigin;
import app.caseload.shared.SecretTokens;
import app.caseload.shared.Timestamps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Limits failed attempts at the public doors, per account (email) and per client address, in the
 * database so that the limit holds across app nodes. A blocked door answers 429 with
 * {@code Retry-After} before doing any work, so a blocked attacker costs no password hashing.
 * Failures are recorded in their own transaction (they must outlive the refused request) together
 * with their audit entry.
 */
@Service
public class SignInThrottle {

    /** The doors that are guarded; each counts separately. */
    public enum Door {
        SIGN_IN("sign_in"),
        MFA("sign_in_mfa"),
        INVITATION("invitation"),
        SIGN_UP("sign_up"),
        PASSWORD_RESET("password_reset");

        final String audit;

        Door(String audit) {
            this.audit = audit;
        }
    }

    private final JdbcClient jdbc;
    private final ThrottleProperties limits;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    private final TransactionTemplate ownTransaction;

    SignInThrottle(
            JdbcClient jdbc,
            ThrottleProperties limits,
            ApplicationEventPublisher events,
            Clock clock,
            PlatformTransactionManager transactions) {
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.jdbc = jdbc;
        this.limits = limits;
        this.events = events;
        this.clock = clock;
    }

    /** Refuses with 429 while the address, or the account when named, has used up its failures. */
    public void check(Door door, String account) {
        Instant now = clock.instant();
        Optional<Instant> until =
                blockedUntil(door.name() + ":address", address(), limits.maxFailuresPerAddress(), now);
        if (until.isEmpty() && account != null) {
            until = blockedUntil(door.name() + ":account", normalise(account), limits.maxFailuresPerAccount(), now);
        }
        until.ifPresent(u -> {
            throw tooManyAttempts(Duration.between(now, u));
        });
    }

    /**
     * Counts a failure against the address and (when named) the account, and audits it, in a
     * transaction of its own that commits whatever happens to the request.
     */
    public void failed(Door door, String account, AccountId knownAccount, PracticeId practice, String reason) {
        Instant now = clock.instant();
        ownTransaction.executeWithoutResult(status -> {
            count(door.name() + ":address", address(), now);
            if (account != null) {
                count(door.name() + ":account", normalise(account), now);
            }
            events.publishEvent(new AccountEvents.SignInFailed(door.audit, knownAccount, practice, reason));
        });
    }

    /**
     * For doors where every use costs something (a reset mail): refused with 429 while blocked,
     * otherwise counted against the address and the account (as typed, known or not), in a
     * transaction of its own. Not audited as a failure: it is not one.
     */
    public void attempt(Door door, String account) {
        check(door, account);
        Instant now = clock.instant();
        ownTransaction.executeWithoutResult(status -> {
            count(door.name() + ":address", address(), now);
            if (account != null) {
                count(door.name() + ":account", normalise(account), now);
            }
        });
    }

    /** A success clears the account's count (never the address's: one good account must not unlock guessing). */
    @Transactional
    public void succeeded(Door door, String account) {
        if (account != null) {
            jdbc.sql("delete from sign_in_throttle where scope = ? and key_hash = ?")
                    .params(door.name() + ":account", SecretTokens.hash(normalise(account)))
                    .update();
        }
    }

    /**
     * Runs a public action behind the door: refused up front while blocked; a refusal that could be
     * guessing (404, 401, 409, 410) counts as a failure.
     */
    public <T> T guard(Door door, Supplier<T> action) {
        check(door, null);
        try {
            return action.get();
        } catch (CaseloadException e) {
            if (e.status() == 401 || e.status() == 404 || e.status() == 409 || e.status() == 410) {
                failed(door, null, null, null, e.type());
            }
            throw e;
        }
    }

    private Optional<Instant> blockedUntil(String scope, String key, int max, Instant now) {
        record Row(Instant windowStart, int failures) {}
        return jdbc.sql("select window_start, failures from sign_in_throttle where scope = ? and key_hash = ?")
                .params(scope, SecretTokens.hash(key))
                .query((rs, n) -> new Row(rs.getTimestamp("window_start").toInstant(), rs.getInt("failures")))
                .optional()
                .filter(row -> row.failures() >= max)
                .map(row -> row.windowStart().plus(limits.window()))
                .filter(end -> end.isAfter(now));
    }

    private void count(String scope, String key, Instant now) {
        var at = Timestamps.of(now);
        var windowOpen = Timestamps.of(now.minus(limits.window()));
        jdbc.sql("""
                insert into sign_in_throttle (scope, key_hash, window_start, failures) values (?, ?, ?, 1)
                on conflict (scope, key_hash) do update set
                    failures = case when sign_in_throttle.window_start <= ? then 1 else sign_in_throttle.failures + 1 end,
                    window_start = case when sign_in_throttle.window_start <= ? then excluded.window_start
                                        else sign_in_throttle.window_start end""")
                .params(scope, SecretTokens.hash(key), at, windowOpen, windowOpen)
                .update();
    }

    private static String address() {
        return RequestOrigin.ip().orElse("unknown");
    }

    private static String normalise(String account) {
        return account.trim().toLowerCase(Locale.ROOT);
    }

    private static CaseloadException tooManyAttempts(Duration wait) {
        long seconds = Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
        return new CaseloadException(
                        429,
                        "too-many-attempts",
                        "Too many attempts",
                        "Too many failed attempts. Wait a while before trying again.")
                .with("retryAfterSeconds", seconds);
    }
}
