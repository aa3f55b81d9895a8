package app.caseload.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import app.caseload.support.Api;
import app.caseload.support.Fixtures;
import app.caseload.support.IntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccountsApiTest extends IntegrationTest {

    @Test
    void signupFoundsAPracticeWithTheFounderAsActiveAdminLicensedTherapist() {
        Fixtures.Member owner = fixtures().signup("Harbor Therapy");
        var me = api().as(owner.token()).get("/api/v1/me").expect(200).json();
        assertThat(me.path("practiceName").asString()).isEqualTo("Harbor Therapy");
        assertThat(me.path("email").asString()).isEqualTo(owner.email());
        assertThat(me.path("admin").asBoolean()).isTrue();
        assertThat(me.path("status").asString()).isEqualTo("ACTIVE");
        assertThat(me.path("role").path("name").asString()).isEqualTo("Licensed Therapist");
        assertThat(me.path("features").path("clients.create").asBoolean()).isTrue();
        assertThat(me.path("memberId").asString()).isEqualTo(owner.memberId());
    }

    @Test
    void signupRefusesAShortPasswordAndChangesNothing() {
        String email = Fixtures.uniqueEmail("short");
        var answer = api().post(
                        "/api/v1/signup",
                        Map.of("practiceName", "P", "fullName", "A", "email", email, "password", "tooshort"))
                .expect(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().path("errors").toString()).contains("password");
        assertThat(jdbc.sql("select count(*) from account where lower(email) = lower(?)")
                        .param(email)
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void signupRefusesAnEmailThatAlreadyHasAnAccountCaseInsensitively() {
        Fixtures.Member owner = fixtures().signup("First");
        api().post(
                        "/api/v1/signup",
                        Map.of(
                                "practiceName",
                                "Second",
                                "fullName",
                                "B",
                                "email",
                                owner.email().toUpperCase(),
                                "password",
                                Fixtures.PASSWORD))
                .expect(409);
        assertThat(jdbc.sql("select count(*) from practice where name = 'Second'")
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void loginIssuesANewTokenEachTimeAndLogoutRevokesIt() {
        Fixtures.Member owner = fixtures().signup("Login Practice");
        var first = api().post("/api/v1/auth/login", Map.of("email", owner.email(), "password", Fixtures.PASSWORD))
                .expect(200)
                .json();
        var second = api().post(
                        "/api/v1/auth/login",
                        Map.of("email", owner.email().toUpperCase(), "password", Fixtures.PASSWORD))
                .expect(200)
                .json();
        assertThat(first.path("token").asString())
                .isNotEqualTo(second.path("token").asString());
        assertThat(first.path("memberId").asString()).isEqualTo(owner.memberId());
        assertThat(first.path("practiceId").asString()).isEqualTo(owner.practiceId());
        assertThat(first.path("expiresAt").asString()).isNotEmpty();

        Api signedIn = api().as(first.path("token").asString());
        signedIn.get("/api/v1/me").expect(200);
        signedIn.post("/api/v1/auth/logout", null).expect(204);
        signedIn.get("/api/v1/me").expect(401);
        api().as(second.path("token").asString()).get("/api/v1/me").expect(200);
    }

    @Test
    void unknownEmailAndWrongPasswordAnswerTheSame() {
        Fixtures.Member owner = fixtures().signup("Same Answer");
        var wrongPassword = api().post(
                        "/api/v1/auth/login", Map.of("email", owner.email(), "password", "not the password at all"))
                .expect(401);
        var unknownEmail = api().post(
                        "/api/v1/auth/login",
                        Map.of("email", Fixtures.uniqueEmail("nobody"), "password", "not the password at all"))
                .expect(401);
        assertThat(wrongPassword.body()).isEqualTo(unknownEmail.body());
    }

    @Test
    void requestsWithoutOrWithABadTokenAre401() {
        api().get("/api/v1/me").expect(401);
        api().as("not-a-token").get("/api/v1/me").expect(401);
        var answer = api().as("x".repeat(5000)).get("/api/v1/practice").expect(401);
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }

    @Test
    void tokensAreStoredOnlyAsHashes() {
        Fixtures.Member owner = fixtures().signup("Hashes");
        byte[] stored = jdbc.sql("select token_hash from auth_token where member_id = ?::uuid")
                .param(owner.memberId())
                .query(byte[].class)
                .single();
        assertThat(stored).hasSize(32).isEqualTo(app.caseload.shared.SecretTokens.hash(owner.token()));
        assertThat(jdbc.sql("select count(*) from auth_token where encode(token_hash, 'escape') like ?")
                        .param("%" + owner.token() + "%")
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void anIdleTokenStopsWorking() {
        Fixtures.Member owner = fixtures().signup("Idle");
        jdbc.sql("update auth_token set last_used_at = now() - interval '16 minutes' where member_id = ?::uuid")
                .param(owner.memberId())
                .update();
        api().as(owner.token()).get("/api/v1/me").expect(401);
    }
}
