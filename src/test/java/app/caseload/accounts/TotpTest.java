package app.caseload.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 6238 Appendix B test vectors, and the rules around them (drift, single use). */
class TotpTest {

    private static final byte[] SHA1_KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SHA256_KEY = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SHA512_KEY =
            "1234567890123456789012345678901234567890123456789012345678901234".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest
    @CsvSource({
        "59,          94287082, 46119246, 90693936",
        "1111111109,  07081804, 68084774, 25091201",
        "1111111111,  14050471, 67062674, 99943326",
        "1234567890,  89005924, 91819424, 93441116",
        "2000000000,  69279037, 90698825, 38618901",
        "20000000000, 65353130, 77737706, 47863826"
    })
    void matchesTheRfc6238Vectors(long seconds, String sha1, String sha256, String sha512) {
        long step = Totp.step(Instant.ofEpochSecond(seconds));
        assertThat(Totp.code(SHA1_KEY, step, 8, "HmacSHA1")).isEqualTo(sha1);
        assertThat(Totp.code(SHA256_KEY, step, 8, "HmacSHA256")).isEqualTo(sha256);
        assertThat(Totp.code(SHA512_KEY, step, 8, "HmacSHA512")).isEqualTo(sha512);
    }

    @Test
    void acceptsOneStepOfDriftAndEachCodeOnce() {
        Instant now = Instant.ofEpochSecond(1_234_567_890);
        long step = Totp.step(now);
        String current = Totp.code(SHA1_KEY, step, 6, "HmacSHA1");
        String previous = Totp.code(SHA1_KEY, step - 1, 6, "HmacSHA1");
        String old = Totp.code(SHA1_KEY, step - 2, 6, "HmacSHA1");

        assertThat(Totp.matchingStep(SHA1_KEY, current, now, 0)).hasValue(step);
        assertThat(Totp.matchingStep(SHA1_KEY, previous, now, 0)).hasValue(step - 1);
        assertThat(Totp.matchingStep(SHA1_KEY, old, now, 0)).isEmpty();
        // Once a step was used, neither it nor an earlier one works again.
        assertThat(Totp.matchingStep(SHA1_KEY, current, now, step)).isEmpty();
        assertThat(Totp.matchingStep(SHA1_KEY, previous, now, step)).isEmpty();
        assertThat(Totp.matchingStep(SHA1_KEY, "12345", now, 0)).isEmpty();
        assertThat(Totp.matchingStep(SHA1_KEY, "abcdef", now, 0)).isEmpty();
        assertThat(Totp.matchingStep(SHA1_KEY, null, now, 0)).isEmpty();
    }

    @Test
    void encodesBase32AsRfc4648() {
        assertThat(Totp.base32("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
        assertThat(Totp.base32(SHA1_KEY)).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    }
}
