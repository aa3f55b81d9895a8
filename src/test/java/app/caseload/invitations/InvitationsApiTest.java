package app.caseload.invitations;

import static org.assertj.core.api.Assertions.assertThat;

import app.caseload.support.Api;
import app.caseload.support.Fixtures;
import app.caseload.support.IntegrationTest;
import app.caseload.support.TotpCodes;
import com.icegreen.greenmail.util.GreenMailUtil;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InvitationsApiTest extends IntegrationTest {

    @Test
    void theEmailSaysWhoInvitedWhomToWhichPracticeWithWhichRole() throws Exception {
        Fixtures.Member owner = fixtures().signup("Lakeside Counseling");
        String email = Fixtures.uniqueEmail("ivy");
        var invitation = fixtures().invite(owner, "Ivy Intern", email, "Intern");
        assertThat(invitation.path("status").asString()).isEqualTo("PENDING");
        assertThat(invitation.path("invitedById").asString()).isEqualTo(owner.memberId());
        assertThat(invitation.path("admin").asBoolean()).isFalse();

        var mail = fixtures().awaitMail(email, 1);
        String body = GreenMailUtil.getBody(mail).replace("=\r\n", "");
        assertThat(mail.getSubject()).contains("Olivia Owner").contains("Lakeside Counseling");
        assertThat(body)
                .contains("Ivy Intern", "Olivia Owner", "Lakeside Counseling", "Intern")
                .contains("http://localhost:" + port + "/invitations/accept?token=");
        assertThat(mail.getContentType()).startsWith("text/plain");
    }

    @Test
    void previewShowsPracticeRoleAndInviterWithoutSigningIn() {
        Fixtures.Member owner = fixtures().signup("Preview Practice");
        String email = Fixtures.uniqueEmail("paul");
        fixtures().invite(owner, "Paul Preview", email, "Associate");
        var preview = api().post(
                        "/api/v1/invitations/preview",
                        Map.of("token", fixtures().invitationToken(email)))
                .expect(200)
                .json();
        assertThat(preview.path("practiceName").asString()).isEqualTo("Preview Practice");
        assertThat(preview.path("roleName").asString()).isEqualTo("Associate");
        assertThat(preview.path("invitedByName").asString()).isEqualTo("Olivia Owner");
        assertThat(preview.path("fullName").asString()).isEqualTo("Paul Preview");
        assertThat(preview.path("accountExists").asBoolean()).isFalse();
        api().post("/api/v1/invitations/preview", Map.of("token", "unknown.token"))
                .expect(404);
    }

    @Test
    void acceptingCreatesAnActiveMemberWithTheInvitedRoleAndAdminRights() {
        Fixtures.Member owner = fixtures().signup("Accepting");
        String email = Fixtures.uniqueEmail("ada");
        api().as(owner.token())
                .post(
                        "/api/v1/invitations",
                        Map.of(
                                "fullName",
                                "Ada Admin",
                                "email",
                                email,
                                "roleId",
                                fixtures().roleId(owner, "Supervisor"),
                                "admin",
                                true))
                .expect(201);
        var accepted = api().post(
                        "/api/v1/invitations/accept",
                        Map.of("token", fixtures().invitationToken(email), "password", Fixtures.PASSWORD))
                .expect(200)
                .json();
        assertThat(accepted.path("practiceId").asString()).isEqualTo(owner.practiceId());
        var me = api().as(accepted.path("token").asString())
                .get("/api/v1/me")
                .expect(200)
                .json();
        assertThat(me.path("admin").asBoolean()).isTrue();
        assertThat(me.path("role").path("name").asString()).isEqualTo("Supervisor");
        assertThat(me.path("status").asString()).isEqualTo("ACTIVE");
        var listed = api().as(owner.token())
                .get("/api/v1/invitations?status=ACCEPTED")
                .expect(200)
                .json();
        assertThat(listed.path("items").get(0).path("email").asString()).isEqualTo(email);
    }

    @Test
    void aLinkWorksOnce() {
        Fixtures.Member owner = fixtures().signup("Once");
        String email = Fixtures.uniqueEmail("once");
        fixtures().invite(owner, "One Time", email, "Intern");
        String token = fixtures().invitationToken(email);
        api().post("/api/v1/invitations/accept", Map.of("token", token, "password", Fixtures.PASSWORD))
                .expect(200);
        var again = api().post("/api/v1/invitations/accept", Map.of("token", token, "password", Fixtures.PASSWORD))
                .expect(410);
        assertThat(again.problemType()).isEqualTo("invitation-used");
        api().post("/api/v1/invitations/decline", Map.of("token", token)).expect(410);
    }

    @Test
    void rejectsExpiredInvitation() {
        Fixtures.Member owner = fixtures().signup("Expiry");
        String email = Fixtures.uniqueEmail("late");
        String id = fixtures()
                .invite(owner, "Late Larry", email, "Intern")
                .path("id")
                .asString();
        String token = fixtures().invitationToken(email);
        jdbc.sql("update invitation set expires_at = now() - interval '1 minute' where id = ?::uuid")
                .param(id)
                .update();
        assertThat(api().post("/api/v1/invitations/accept", Map.of("token", token, "password", Fixtures.PASSWORD))
                        .expect(410)
                        .problemType())
                .isEqualTo("invitation-expired");
        assertThat(api().post("/api/v1/invitations/preview", Map.of("token", token))
                        .expect(410)
                        .problemType())
                .isEqualTo("invitation-expired");
        assertThat(api().as(owner.token())
                        .get("/api/v1/invitations?status=EXPIRED")
                        .json()
                        .path("items")
                        .get(0)
                        .path("id")
                        .asString())
                .isEqualTo(id);
        assertThat(jdbc.sql("select count(*) from account where lower(email) = lower(?)")
                        .param(email)
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void anExpiredInvitationMakesWayForANewOneAndCannotBeRenewedBesideIt() {
        Fixtures.Member owner = fixtures().signup("Renewal");
        String email = Fixtures.uniqueEmail("renew");
        String old =
                fixtures().invite(owner, "Re New", email, "Intern").path("id").asString();
        jdbc.sql("update invitation set expires_at = now() - interval '1 minute' where id = ?::uuid")
                .param(old)
                .update();
        fixtures().invite(owner, "Re New", email, "Associate");
        assertThat(api().as(owner.token())
                        .post("/api/v1/invitations/" + old + "/resend", null)
                        .expect(409)
                        .problemType())
                .isEqualTo("invitation-pending");
        assertThat(api().as(owner.token())
                        .get("/api/v1/invitations/" + old)
                        .json()
                        .path("status")
                        .asString())
                .isEqualTo("EXPIRED");
    }

    @Test
    void revokedInvitationCannotBeAccepted() {
        Fixtures.Member owner = fixtures().signup("Revoking");
        String email = Fixtures.uniqueEmail("rev");
        String id =
                fixtures().invite(owner, "Rev Oked", email, "Intern").path("id").asString();
        String token = fixtures().invitationToken(email);
        var revoked = api().as(owner.token())
                .post("/api/v1/invitations/" + id + "/revoke", null)
                .expect(200)
                .json();
        assertThat(revoked.path("status").asString()).isEqualTo("REVOKED");
        assertThat(api().post("/api/v1/invitations/accept", Map.of("token", token, "password", Fixtures.PASSWORD))
                        .expect(410)
                        .problemType())
                .isEqualTo("invitation-revoked");
    }

    @Test
    void resendMailsANewLinkAndTheOldOneStopsWorking() {
        Fixtures.Member owner = fixtures().signup("Resending");
        String email = Fixtures.uniqueEmail("res");
        var first = fixtures().invite(owner, "Re Send", email, "Intern");
        String oldToken = fixtures().invitationToken(email);
        var resent = api().as(owner.token())
                .post("/api/v1/invitations/" + first.path("id").asString() + "/resend", null)
                .expect(200)
                .json();
        assertThat(resent.path("status").asString()).isEqualTo("PENDING");
        fixtures().awaitMail(email, 2);
        String newToken = fixtures().invitationToken(email);
        assertThat(newToken).isNotEqualTo(oldToken);
        assertThat(api().post("/api/v1/invitations/accept", Map.of("token", oldToken, "password", Fixtures.PASSWORD))
                        .expect(410)
                        .problemType())
                .isEqualTo("invitation-replaced");
        api().post("/api/v1/invitations/accept", Map.of("token", newToken, "password", Fixtures.PASSWORD))
                .expect(200);
    }

    @Test
    void declineIsFinal() {
        Fixtures.Member owner = fixtures().signup("Declining");
        String email = Fixtures.uniqueEmail("dec");
        fixtures().invite(owner, "Dee Cline", email, "Intern");
        String token = fixtures().invitationToken(email);
        api().post("/api/v1/invitations/decline", Map.of("token", token)).expect(200);
        assertThat(api().as(owner.token())
                        .get("/api/v1/invitations?status=DECLINED")
                        .json()
                        .path("items")
                        .size())
                .isEqualTo(1);
        api().post("/api/v1/invitations/accept", Map.of("token", token, "password", Fixtures.PASSWORD))
                .expect(410);
    }

    @Test
    void refusesInvitingAMemberASecondPendingInvitationAndAnUnknownRole() {
        Fixtures.Member owner = fixtures().signup("Invite refusals");
        Api admin = api().as(owner.token());
        String intern = fixtures().roleId(owner, "Intern");
        assertThat(admin.post(
                                "/api/v1/invitations",
                                Map.of("fullName", "Me", "email", owner.email().toUpperCase(), "roleId", intern))
                        .expect(409)
                        .problemType())
                .isEqualTo("already-member");
        String email = Fixtures.uniqueEmail("twice");
        fixtures().invite(owner, "Twice", email, "Intern");
        assertThat(admin.post("/api/v1/invitations", Map.of("fullName", "Twice", "email", email, "roleId", intern))
                        .expect(409)
                        .problemType())
                .isEqualTo("invitation-pending");
        String otherPracticeRole = fixtures().roleId(fixtures().signup("Elsewhere"), "Intern");
        var unknownRole = admin.post(
                        "/api/v1/invitations",
                        Map.of("fullName", "X", "email", Fixtures.uniqueEmail("x"), "roleId", otherPracticeRole))
                .expect(400);
        assertThat(unknownRole.problemType()).isEqualTo("unknown-role");
        assertThat(admin.get("/api/v1/invitations").json().path("items").size()).isEqualTo(1);
    }

    @Test
    void anotherPracticesMemberMustLeaveFirstAndTheInviterLearnsNothing() {
        Fixtures.Member first = fixtures().signup("First Practice");
        Fixtures.Member member = fixtures().join(first, "Mo Member", "Licensed Therapist");
        Fixtures.Member second = fixtures().signup("Second Practice");
        var invitation = fixtures().invite(second, "Mo Member", member.email(), "Associate");
        assertThat(invitation.toString()).doesNotContain("First Practice");
        String token = fixtures().invitationToken(member.email());
        var preview = api().post("/api/v1/invitations/preview", Map.of("token", token))
                .expect(200)
                .json();
        assertThat(preview.path("accountExists").asBoolean()).isTrue();
        var refused = api().post("/api/v1/invitations/accept", Map.of("token", token, "password", Fixtures.PASSWORD))
                .expect(409);
        assertThat(refused.problemType()).isEqualTo("member-of-another-practice");
        assertThat(refused.json().path("detail").asString()).contains("leave your current practice first");
        assertThat(api().as(second.token())
                        .get("/api/v1/invitations/" + invitation.path("id").asString())
                        .json()
                        .path("status")
                        .asString())
                .isEqualTo("PENDING");
    }

    @Test
    void anExistingAccountAcceptsWithItsOwnPasswordAfterLeavingItsPractice() {
        Fixtures.Member first = fixtures().signup("Old Practice");
        Fixtures.Member mover = fixtures().join(first, "Mover", "Licensed Therapist");
        api().as(first.token()).delete("/api/v1/therapists/" + mover.memberId()).expect(204);
        Fixtures.Member second = fixtures().signup("New Practice");
        fixtures().invite(second, "Mover", mover.email(), "Associate");
        String token = fixtures().invitationToken(mover.email());
        api().post("/api/v1/invitations/accept", Map.of("token", token, "password", "a wrong password!!"))
                .expect(401);
        var accepted = api().post("/api/v1/invitations/accept", Map.of("token", token, "password", Fixtures.PASSWORD))
                .expect(200)
                .json();
        assertThat(accepted.path("practiceId").asString()).isEqualTo(second.practiceId());
    }

    @Test
    void anExistingAccountWithASecondFactorMustGiveACodeToAccept() {
        Fixtures.Member first = fixtures().signup("Secure Old Practice");
        Fixtures.Member mover = fixtures().join(first, "Mona Mover", "Licensed Therapist");
        String secret = api().as(mover.token())
                .post("/api/v1/me/mfa/enrol", null)
                .expect(200)
                .field("secret");
        api().as(mover.token())
                .post("/api/v1/me/mfa/confirm", Map.of("code", TotpCodes.now(secret, 0)))
                .expect(200);
        api().as(first.token()).delete("/api/v1/therapists/" + mover.memberId()).expect(204);
        Fixtures.Member second = fixtures().signup("Secure New Practice");
        fixtures().invite(second, "Mona Mover", mover.email(), "Associate");
        String token = fixtures().invitationToken(mover.email());

        var refused = api().post("/api/v1/invitations/accept", Map.of("token", token, "password", Fixtures.PASSWORD))
                .expect(401);
        assertThat(refused.problemType()).isEqualTo("second-factor-required");
        api().post(
                        "/api/v1/invitations/accept",
                        Map.of("token", token, "password", Fixtures.PASSWORD, "code", "000000"))
                .expect(401);
        api().post(
                        "/api/v1/invitations/accept",
                        Map.of("token", token, "password", Fixtures.PASSWORD, "code", TotpCodes.now(secret, 1)))
                .expect(200);
    }

    @Test
    void onlyAdminsManageInvitations() {
        Fixtures.Member owner = fixtures().signup("Admins only");
        Fixtures.Member therapist = fixtures().join(owner, "Theo", "Licensed Therapist");
        Api asTherapist = api().as(therapist.token());
        asTherapist
                .post(
                        "/api/v1/invitations",
                        Map.of(
                                "fullName",
                                "X",
                                "email",
                                Fixtures.uniqueEmail("x"),
                                "roleId",
                                fixtures().roleId(owner, "Intern")))
                .expect(403);
        asTherapist.get("/api/v1/invitations").expect(403);
        api().get("/api/v1/invitations").expect(401);
        String otherId = fixtures()
                .invite(fixtures().signup("Other"), "Y", Fixtures.uniqueEmail("y"), "Intern")
                .path("id")
                .asString();
        api().as(owner.token())
                .post("/api/v1/invitations/" + otherId + "/revoke", null)
                .expect(404);
        api().as(owner.token())
                .post("/api/v1/invitations/" + otherId + "/resend", null)
                .expect(404);
    }
}
