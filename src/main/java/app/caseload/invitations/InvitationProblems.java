package app.caseload.invitations;

import app.caseload.shared.CaseloadException;

/** Why an invitation cannot be made or used, each with a stable problem type. */
public final class InvitationProblems {

    private InvitationProblems() {}

    public static CaseloadException unknownLink() {
        return CaseloadException.notFound("This invitation link");
    }

    public static CaseloadException notFound() {
        return CaseloadException.notFound("This invitation");
    }

    public static CaseloadException expired() {
        return gone("invitation-expired", "This invitation has expired. Ask the practice to send a new one.");
    }

    public static CaseloadException revoked() {
        return gone("invitation-revoked", "This invitation was withdrawn by the practice.");
    }

    public static CaseloadException accepted() {
        return gone("invitation-used", "This invitation was already accepted. Sign in instead.");
    }

    public static CaseloadException declined() {
        return gone("invitation-declined", "This invitation was declined.");
    }

    public static CaseloadException replaced() {
        return gone(
                "invitation-replaced",
                "A newer invitation was sent for this address; use the link in the newest email.");
    }

    public static CaseloadException alreadyMember() {
        return CaseloadException.conflict("already-member", "This person is already a member of the practice.");
    }

    public static CaseloadException alreadyPending() {
        return CaseloadException.conflict(
                "invitation-pending", "There is already a pending invitation for this email. Resend it instead.");
    }

    public static CaseloadException alreadyAnswered() {
        return CaseloadException.conflict(
                "invitation-answered",
                "This invitation was already answered or withdrawn; send a new invitation instead.");
    }

    public static CaseloadException wrongPassword() {
        return new CaseloadException(
                401,
                "bad-credentials",
                "Not signed in",
                "An account with this email exists; enter its password to accept.");
    }

    public static CaseloadException secondFactorRequired() {
        return new CaseloadException(
                401,
                "second-factor-required",
                "Not signed in",
                "This account uses two-step sign-in; enter a current code from your authenticator app as well.");
    }

    private static CaseloadException gone(String type, String detail) {
        return new CaseloadException(410, type, "Invitation not usable", detail);
    }
}
