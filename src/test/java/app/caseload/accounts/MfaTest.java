package app.caseload.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import app.caseload.support.Api;
import app.caseload.support.Fixtures;
import app.caseload.support.IntegrationTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class MfaTest extends IntegrationTest {

    private static final AtomicInteger ADDRESS = new AtomicInteger(1);

    private Api client() {
        int n = ADDRESS.getAndIncrement();
        return api().from("198.19." + (n / 250) + "." + (n % 250 + 1));
    }

    @Test
    void enrolConfirmThenSignInInTwoStepsWithCodeOrRecoveryCode() {
        Fixtures.Member owner = fixtures().signup("MFA Owner");
        JsonNode enrolment = client().as(owner.token())
                .post("/api/v1/me/mfa/enrol", null)
                .expect(200)
                .json();
        String secret = enrolment.path("secret").asString();
        assertThat(enrolment.path("otpauthUri").asString())
                .startsWith("otpauth://totp/Caseload%3A")
                .contains("secret=" + secret)
                .contains("issuer=Caseload");
        assertThat(enrolment.path("qrCode").asString()).startsWith("data:image/svg+xml;base64,");

        client().as(owner.token())
                .post("/api/v1/me/mfa/confirm", Map.of("code", "000000"))
                .expect(400);
        JsonNode confirmed = client().as(owner.token())
                .post("/api/v1/me/mfa/confirm", Map.of("code", code(secret, 0)))
                .expect(200)
                .json();
        List<String> recovery = new ArrayList<>();
        confirmed.path("recoveryCodes").forEach(c -> recovery.add(c.asString()));
        assertThat(recovery).hasSize(10).doesNotHaveDuplicates();
        Integer stored = jdbc.sql("select count(*) from mfa_recovery_code where code_hash = ?")
                .param(recovery.get(0).getBytes())
                .query(Integer.class)
                .single();
        assertThat(stored).as("recovery codes are stored hashed").isZero();

        // Password alone no longer signs in: a second step is asked for.
        JsonNode first = login(owner.email());
        assertThat(first.path("mfaRequired").asBoolean()).isTrue();
        assertThat(first.has("token")).isFalse();
        String mfaToken = first.path("mfaToken").asString();
        client().post("/api/v1/auth/login/mfa", Map.of("mfaToken", mfaToken, "code", "000000"))
                .expect(401);
        // The confirmation used the current step: the same code cannot be replayed; the next one works.
        client().post("/api/v1/auth/login/mfa", Map.of("mfaToken", mfaToken, "code", code(secret, 0)))
                .expect(401);
        String token = client().post("/api/v1/auth/login/mfa", Map.of("mfaToken", mfaToken, "code", code(secret, 1)))
                .expect(200)
                .field("token");
        client().as(token).get("/api/v1/me").expect(200);
        // A challenge is spent once used.
        client().post("/api/v1/auth/login/mfa", Map.of("mfaToken", mfaToken, "code", code(secret, 1)))
                .expect(401);

        // A recovery code works once.
        String second = login(owner.email()).path("mfaToken").asString();
        client().post("/api/v1/auth/login/mfa", Map.of("mfaToken", second, "recoveryCode", recovery.get(0)))
                .expect(200);
        String third = login(owner.email()).path("mfaToken").asString();
        client().post("/api/v1/auth/login/mfa", Map.of("mfaToken", third, "recoveryCode", recovery.get(0)))
                .expect(401);

        // Removing the factor needs a code.
        client().as(token)
                .send("DELETE", "/api/v1/me/mfa", Map.of("code", "000000"))
                .expect(400);
        client().as(token)
                .send("DELETE", "/api/v1/me/mfa", Map.of("recoveryCode", recovery.get(1)))
                .expect(204);
        assertThat(login(owner.email()).path("token").asString()).isNotEmpty();
    }

    @Test
    void aPracticeRequiringMfaHandsOutEnrolmentOnlyTokensUntilEnrolled() {
        Fixtures.Member owner = fixtures().signup("MFA Required");
        Fixtures.Member tom = fixtures().join(owner, "Tom Required", "Associate");
        client().as(tom.token())
                .patch("/api/v1/practice", Map.of("mfaRequired", "EVERYONE"))
                .expect(403);
        JsonNode practice = client().as(owner.token())
                .patch("/api/v1/practice", Map.of("mfaRequired", "EVERYONE"))
                .expect(200)
                .json();
        assertThat(practice.path("mfaRequired").asString()).isEqualTo("EVERYONE");
        client().as(owner.token())
                .patch("/api/v1/practice", Map.of("mfaRequired", "SOMETIMES"))
                .expect(400);

        JsonNode signIn = login(tom.email());
        assertThat(signIn.path("mfaEnrolmentRequired").asBoolean()).isTrue();
        String limited = signIn.path("token").asString();
        Api.Response refused = client().as(limited).get("/api/v1/therapists").expect(403);
        assertThat(refused.problemType()).isEqualTo("mfa-enrolment-required");
        client().as(limited).get("/api/v1/me").expect(200);

        String secret = client().as(limited)
                .post("/api/v1/me/mfa/enrol", null)
                .expect(200)
                .field("secret");
        client().as(limited)
                .post("/api/v1/me/mfa/confirm", Map.of("code", code(secret, 0)))
                .expect(200);
        // Enrolment ends the limited sign-in; the member signs in again with the new factor.
        client().as(limited).get("/api/v1/me").expect(401);
        String mfaToken = login(tom.email()).path("mfaToken").asString();
        String full = client().post("/api/v1/auth/login/mfa", Map.of("mfaToken", mfaToken, "code", code(secret, 1)))
                .expect(200)
                .field("token");
        client().as(full).get("/api/v1/therapists").expect(200);
        // While the practice requires it, the factor cannot be removed.
        client().as(full)
                .send("DELETE", "/api/v1/me/mfa", Map.of("code", code(secret, -1)))
                .expect(409);
    }

    @Test
    void wrongSecondFactorsAreThrottled() {
        Fixtures.Member owner = fixtures().signup("MFA Throttle");
        String secret = client().as(owner.token())
                .post("/api/v1/me/mfa/enrol", null)
                .expect(200)
                .field("secret");
        client().as(owner.token())
                .post("/api/v1/me/mfa/confirm", Map.of("code", code(secret, 0)))
                .expect(200);
        Api sameClient = client();
        int refused = 0;
        for (int i = 0; i < 8; i++) {
            String mfaToken = login(owner.email()).path("mfaToken").asString();
            int status = sameClient
                    .post("/api/v1/auth/login/mfa", Map.of("mfaToken", mfaToken, "code", "000000"))
                    .status();
            if (status == 429) {
                refused++;
            }
        }
        assertThat(refused).isGreaterThan(0);
        sameClient
                .post(
                        "/api/v1/auth/login/mfa",
                        Map.of("mfaToken", UUID.randomUUID().toString(), "code", "1"))
                .expect(401);
    }

    private JsonNode login(String email) {
        return client().post("/api/v1/auth/login", Map.of("email", email, "password", Fixtures.PASSWORD))
                .expect(200)
                .json();
    }

    private static String code(String base32Secret, int stepOffset) {
        return Totp.code(base32Decode(base32Secret), Totp.step(Instant.now()) + stepOffset, Totp.DIGITS, "HmacSHA1");
    }

    private static byte[] base32Decode(String text) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : text.toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }
}
