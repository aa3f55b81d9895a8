package app.caseload.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import app.caseload.shared.AccountId;
import app.caseload.shared.SecretTokens;
import app.caseload.shared.Timestamps;
import app.caseload.support.Fixtures;
import app.caseload.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Ended sign-in tokens are deleted a day after they end; live ones and each account's newest stay. */
class AuthTokenRetentionTest extends IntegrationTest {

    @Autowired
    AuthTokens tokens;

    @Test
    void endedTokensGoADayAfterTheyEndButLiveOnesAndEachAccountsNewestStay() {
        Fixtures.Member owner = fixtures().signup("Retention Practice");
        Fixtures.Member quiet = fixtures().join(owner, "Quinn Quiet", "Licensed Therapist");
        Instant now = Instant.now();
        Duration day = Duration.ofDays(1);
        // The owner's past sign-ins, each older than their sign-up's token.
        String revokedLongAgo = token(
                owner, now.minus(day.multipliedBy(3)), now.minus(day.multipliedBy(3)), now.minus(day.multipliedBy(2)));
        String idleLongAgo = token(owner, now.minus(day.multipliedBy(3)), now.minus(day.multipliedBy(2)), null);
        String revokedAnHourAgo =
                token(owner, now.minus(day.multipliedBy(3)), now.minus(day), now.minus(Duration.ofHours(1)));
        String idleAnHourAgo = token(owner, now.minus(day.multipliedBy(3)), now.minus(Duration.ofHours(1)), null);
        // A member whose sign-ins all ended long ago: the newest says where they last signed in, so it stays.
        jdbc.sql("update auth_token set created_at = ?, last_used_at = ?, revoked_at = ? where member_id = ?")
                .params(
                        Timestamps.of(now.minus(day.multipliedBy(10))),
                        Timestamps.of(now.minus(day.multipliedBy(10))),
                        Timestamps.of(now.minus(day.multipliedBy(9))),
                        UUID.fromString(quiet.memberId()))
                .update();
        String quietOlder = token(quiet, now.minus(day.multipliedBy(20)), now.minus(day.multipliedBy(20)), null);

        tokens.deleteEnded();

        String current = HexFormat.of().formatHex(SecretTokens.hash(owner.token()));
        assertThat(storedOf(owner))
                .contains(revokedAnHourAgo, idleAnHourAgo, current)
                .doesNotContain(revokedLongAgo, idleLongAgo);
        api().as(owner.token()).get("/api/v1/me").expect(200);
        assertThat(storedOf(quiet)).isNotEmpty().doesNotContain(quietOlder);
        assertThat(tokens.lastSignedInPractice(new AccountId(accountOf(quiet))))
                .hasValueSatisfying(p -> assertThat(p.value().toString()).isEqualTo(quiet.practiceId()));
    }

    /** Stores a sign-in token of the member with these times; answers its hash, hex. */
    private String token(Fixtures.Member member, Instant created, Instant lastUsed, Instant revoked) {
        byte[] hash = SecretTokens.hash(SecretTokens.generate());
        jdbc.sql("""
                insert into auth_token (token_hash, account_id, practice_id, member_id, created_at, last_used_at,
                                        revoked_at)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        hash,
                        accountOf(member),
                        UUID.fromString(member.practiceId()),
                        UUID.fromString(member.memberId()),
                        Timestamps.of(created),
                        Timestamps.of(lastUsed),
                        Timestamps.of(revoked))
                .update();
        return HexFormat.of().formatHex(hash);
    }

    private Set<String> storedOf(Fixtures.Member member) {
        List<byte[]> hashes = jdbc.sql("select token_hash from auth_token where member_id = ?")
                .param(UUID.fromString(member.memberId()))
                .query(byte[].class)
                .list();
        Set<String> hex = new HashSet<>();
        hashes.forEach(h -> hex.add(HexFormat.of().formatHex(h)));
        return hex;
    }

    private UUID accountOf(Fixtures.Member member) {
        return jdbc.sql("select account_id from member where id = ?")
                .param(UUID.fromString(member.memberId()))
                .query(UUID.class)
                .single();
    }
}
