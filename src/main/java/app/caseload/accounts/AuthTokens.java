package app.caseload.accounts;

import app.caseload.shared.AccountId;
import app.caseload.shared.Caller;
import app.caseload.shared.MemberId;
import app.caseload.shared.PracticeId;
import app.caseload.shared.SecretTokens;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sign-in tokens, for the API (bearer) and the web (held in the server-side session) alike, so
 * one mechanism ends both: idle expiry, logout, and revocation when a member is made Inactive or
 * removed. Tokens are 256 random bits; only their SHA-256 is stored.
 */
@Service
public class AuthTokens {

    private final JdbcClient jdbc;
    private final MembershipDirectory memberships;
    private final AuthProperties properties;
    private final Clock clock;

    AuthTokens(JdbcClient jdbc, MembershipDirectory memberships, AuthProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.memberships = memberships;
        this.properties = properties;
        this.clock = clock;
    }

    public record IssuedToken(String token, Instant expiresAt) {}

    @Transactional
    public IssuedToken issue(Caller caller) {
        String token = SecretTokens.generate();
        Instant now = clock.instant();
        jdbc.sql("""
                insert into auth_token (token_hash, account_id, practice_id, member_id, created_at, last_used_at)
                values (?, ?, ?, ?, ?, ?)""")
                .params(
                        SecretTokens.hash(token),
                        caller.accountId().value(),
                        caller.practiceId().value(),
                        caller.memberId().value(),
                        java.sql.Timestamp.from(now),
                        java.sql.Timestamp.from(now))
                .update();
        return new IssuedToken(token, now.plus(properties.idleTimeout()));
    }

    /**
     * The caller a token stands for, if it is unrevoked, used within the idle timeout, and its
     * member may still sign in. Each use slides the idle window.
     */
    @Transactional
    public Optional<Caller> resolve(String token) {
        if (token == null || token.isEmpty() || token.length() > 200) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<Caller> tokenOwner = jdbc.sql("""
                update auth_token set last_used_at = ?
                where token_hash = ? and revoked_at is null and last_used_at > ?
                returning account_id, practice_id, member_id""")
                .params(
                        java.sql.Timestamp.from(now),
                        SecretTokens.hash(token),
                        java.sql.Timestamp.from(now.minus(properties.idleTimeout())))
                .query((rs, n) -> new Caller(
                        new AccountId(rs.getObject("account_id", UUID.class)),
                        new MemberId(rs.getObject("member_id", UUID.class)),
                        new PracticeId(rs.getObject("practice_id", UUID.class)),
                        null,
                        null,
                        false))
                .optional();
        return tokenOwner
                .flatMap(owner -> memberships.member(owner.practiceId(), owner.memberId()))
                .filter(member -> member.status().canSignIn());
    }

    public Instant expiresAtIfUsedNow() {
        return clock.instant().plus(properties.idleTimeout());
    }

    @Transactional
    public void revoke(String token) {
        jdbc.sql("update auth_token set revoked_at = ? where token_hash = ? and revoked_at is null")
                .params(java.sql.Timestamp.from(clock.instant()), SecretTokens.hash(token))
                .update();
    }

    /** Ends every sign-in of a member at once: API tokens and web sessions alike. */
    @Transactional
    public int revokeAll(PracticeId practice, MemberId member) {
        return jdbc.sql(
                        "update auth_token set revoked_at = ? where practice_id = ? and member_id = ? and revoked_at is null")
                .params(java.sql.Timestamp.from(clock.instant()), practice.value(), member.value())
                .update();
    }
}
