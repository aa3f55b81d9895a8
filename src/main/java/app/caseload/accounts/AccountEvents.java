package app.caseload.accounts;

import app.caseload.shared.AccountId;
import app.caseload.shared.MemberId;
import app.caseload.shared.PracticeId;

/** Sign-ins and their defences, published for the audit trail (synchronously, in the same transaction). */
public final class AccountEvents {

    private AccountEvents() {}

    /** A token was issued: sign-in, sign-up or invitation acceptance. {@code scope} is FULL or MFA_ENROLMENT. */
    public record SignedIn(AccountId accountId, PracticeId practiceId, MemberId memberId, String scope) {}

    /**
     * A sign-in (or invitation/sign-up attempt) failed. Account and practice are null when the email is
     * unknown; {@code reason} is a fixed word, never what was typed.
     */
    public record SignInFailed(String what, AccountId accountId, PracticeId practiceId, String reason) {}

    /** The password was right and a second factor is now asked for. */
    public record MfaChallenged(AccountId accountId, PracticeId practiceId, MemberId memberId) {}

    public record SignedOut(AccountId accountId, PracticeId practiceId, MemberId memberId) {}

    /** Every sign-in of a member was ended by an admin. */
    public record SessionsRevoked(PracticeId practiceId, MemberId memberId, int tokens, MemberId by) {}

    public record MfaEnrolled(AccountId accountId, PracticeId practiceId, MemberId memberId) {}

    public record MfaRemoved(AccountId accountId, PracticeId practiceId, MemberId memberId) {}

    public record RecoveryCodeUsed(AccountId accountId, PracticeId practiceId, MemberId memberId, int remaining) {}

    /**
     * A password reset link was mailed to the account. Practice and member are its current
     * membership (null when it has none); {@code ip} is the requester's address, taken with the
     * request because the mail is prepared after the answer (see {@link PasswordResets}).
     */
    public record PasswordResetRequested(AccountId accountId, PracticeId practiceId, MemberId memberId, String ip) {}

    /** The password was set through a reset link; {@code signInsEnded} sign-ins of the account were ended. */
    public record PasswordReset(AccountId accountId, PracticeId practiceId, MemberId memberId, int signInsEnded) {}
}
