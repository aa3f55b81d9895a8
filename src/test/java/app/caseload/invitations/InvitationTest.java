package app.caseload.invitations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.caseload.shared.CaseloadException;
import app.caseload.shared.MemberId;
import app.caseload.shared.PracticeId;
import app.caseload.shared.RoleId;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InvitationTest {

    static final Instant NOW = Instant.parse("2026-11-27T15:00:00Z");
    static final Duration WEEK = Duration.ofDays(7);

    static Invitation pending() {
        return Invitation.create(
                PracticeId.random(),
                " Tom Therapist ",
                "tom@example.test",
                RoleId.random(),
                false,
                MemberId.random(),
                NOW,
                WEEK);
    }

    @Test
    void startsPendingAndExpiresAfterItsTtl() {
        Invitation invitation = pending();
        assertThat(invitation.fullName()).isEqualTo("Tom Therapist");
        assertThat(invitation.statusAt(NOW)).isEqualTo(InvitationStatus.PENDING);
        assertThat(invitation.statusAt(NOW.plus(WEEK).minusSeconds(1))).isEqualTo(InvitationStatus.PENDING);
        assertThat(invitation.statusAt(NOW.plus(WEEK))).isEqualTo(InvitationStatus.EXPIRED);
    }

    @Test
    void acceptRecordsTheMemberAndCannotBeRepeated() {
        Invitation invitation = pending();
        MemberId member = MemberId.random();
        invitation.accept(member, NOW.plusSeconds(60));
        assertThat(invitation.status()).isEqualTo(InvitationStatus.ACCEPTED);
        assertThat(invitation.memberId()).isEqualTo(member);
        assertRefused(() -> invitation.accept(MemberId.random(), NOW.plusSeconds(120)), 410, "invitation-used");
        assertRefused(() -> invitation.decline(NOW.plusSeconds(120)), 410, "invitation-used");
    }

    @Test
    void rejectsExpiredInvitation() {
        Invitation invitation = pending();
        assertRefused(() -> invitation.accept(MemberId.random(), NOW.plus(WEEK)), 410, "invitation-expired");
        assertRefused(() -> invitation.decline(NOW.plus(WEEK)), 410, "invitation-expired");
    }

    @Test
    void rejectsRevokedInvitation() {
        Invitation invitation = pending();
        invitation.revoke(NOW);
        assertRefused(() -> invitation.accept(MemberId.random(), NOW), 410, "invitation-revoked");
    }

    @Test
    void rejectsDeclinedInvitation() {
        Invitation invitation = pending();
        invitation.decline(NOW);
        assertRefused(() -> invitation.accept(MemberId.random(), NOW), 410, "invitation-declined");
    }

    @Test
    void resendRenewsAnExpiredInvitation() {
        Invitation invitation = pending();
        Instant later = NOW.plus(WEEK).plusSeconds(10);
        invitation.resend(later, WEEK);
        assertThat(invitation.statusAt(later)).isEqualTo(InvitationStatus.PENDING);
        assertThat(invitation.expiresAt()).isEqualTo(later.plus(WEEK));
    }

    @Test
    void answeredInvitationsCannotBeResentOrRevoked() {
        Invitation accepted = pending();
        accepted.accept(MemberId.random(), NOW);
        assertRefused(() -> accepted.resend(NOW, WEEK), 409, "invitation-answered");
        assertRefused(() -> accepted.revoke(NOW), 409, "invitation-answered");
        Invitation revoked = pending();
        revoked.revoke(NOW);
        assertRefused(() -> revoked.resend(NOW, WEEK), 409, "invitation-answered");
    }

    @Test
    void linkTokensCarryThePracticeAndAtLeast128RandomBits() {
        PracticeId practice = PracticeId.random();
        String token = InvitationLinks.newToken(practice);
        assertThat(InvitationLinks.parse(token))
                .hasValueSatisfying(p -> assertThat(p.practice()).isEqualTo(practice));
        assertThat(token.substring(token.indexOf('.') + 1)).hasSizeGreaterThanOrEqualTo(43); // 256 bits base64url
        assertThat(InvitationLinks.newToken(practice)).isNotEqualTo(token);
        assertThat(InvitationLinks.parse("garbage")).isEmpty();
        assertThat(InvitationLinks.parse("%%%.x")).isEmpty();
        assertThat(InvitationLinks.parse("QUJD.x")).isEmpty();
        assertThat(InvitationLinks.parse(null)).isEmpty();
    }

    static void assertRefused(Runnable action, int status, String type) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(CaseloadException.class, e -> {
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.type()).isEqualTo(type);
        });
    }
}
