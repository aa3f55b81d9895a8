package app.caseload.invitations;

import app.caseload.shared.InvitationId;
import app.caseload.shared.MemberId;
import app.caseload.shared.PracticeId;

/** What happens to invitations, for the audit trail. */
public final class InvitationEvents {

    private InvitationEvents() {}

    public record InvitationSent(PracticeId practiceId, InvitationId invitationId, MemberId by, boolean resend) {}

    public record InvitationRevoked(PracticeId practiceId, InvitationId invitationId, MemberId by) {}

    public record InvitationAccepted(PracticeId practiceId, InvitationId invitationId, MemberId member) {}

    public record InvitationDeclined(PracticeId practiceId, InvitationId invitationId) {}
}
