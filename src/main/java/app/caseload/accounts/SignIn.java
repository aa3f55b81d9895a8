package app.caseload.accounts;

import app.caseload.shared.AccountId;
import app.caseload.shared.Caller;
import app.caseload.shared.CaseloadException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Signing in, for the API and the dashboard alike: the throttle, the password, the membership's
 * standing and the second factor are checked here and nowhere else. A refusal is a
 * {@link CaseloadException} (401, or 429 while throttled); a success is either a token or, when
 * the account has a second factor, a challenge for {@link #secondStep}.
 */
@Service
public class SignIn {

    private final Accounts accounts;
    private final AuthTokens tokens;
    private final MembershipDirectory memberships;
    private final SignInThrottle throttle;
    private final Mfa mfa;

    SignIn(Accounts accounts, AuthTokens tokens, MembershipDirectory memberships, SignInThrottle throttle, Mfa mfa) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.memberships = memberships;
        this.throttle = throttle;
        this.mfa = mfa;
    }

    /** A signed-in member with a fresh token, or a second-factor challenge: exactly one is set. */
    public record Outcome(Caller caller, AuthTokens.IssuedToken token, Mfa.Challenge challenge) {

        public boolean needsSecondFactor() {
            return challenge != null;
        }
    }

    /** The first step: email and password. Unknown email and wrong password answer the same. */
    public Outcome withPassword(String email, String password) {
        throttle.check(SignInThrottle.Door.SIGN_IN, email);
        Optional<AccountId> account = accounts.authenticate(email, password);
        if (account.isEmpty()) {
            Optional<AccountId> known = accounts.findByEmail(email).map(AccountView::id);
            throttle.failed(
                    SignInThrottle.Door.SIGN_IN,
                    email,
                    known.orElse(null),
                    known.flatMap(memberships::currentMembership)
                            .map(Caller::practiceId)
                            .orElse(null),
                    "bad-credentials");
            throw SignInProblems.badCredentials();
        }
        Caller caller = memberships.currentMembership(account.get()).orElseThrow(SignInProblems::noPractice);
        if (!caller.status().canSignIn()) {
            throttle.failed(
                    SignInThrottle.Door.SIGN_IN, null, caller.accountId(), caller.practiceId(), "member-inactive");
            throw SignInProblems.inactive();
        }
        throttle.succeeded(SignInThrottle.Door.SIGN_IN, email);
        if (tokens.mfaEnrolled(caller.accountId())) {
            return new Outcome(null, null, mfa.challenge(caller));
        }
        return new Outcome(caller, tokens.issue(caller), null);
    }

    /** The second step: the challenge token of the first, with a TOTP code or a recovery code. */
    public Outcome withSecondFactor(String mfaToken, String code, String recoveryCode) {
        if ((code == null || code.isBlank()) == (recoveryCode == null || recoveryCode.isBlank())) {
            throw CaseloadException.invalid("validation", "Send either 'code' or 'recoveryCode'.")
                    .with("errors", List.of(Map.of("field", "code", "message", "send code or recoveryCode")));
        }
        String account =
                mfa.challengedAccount(mfaToken).map(AccountId::toString).orElse(null);
        throttle.check(SignInThrottle.Door.MFA, account);
        Caller caller = mfa.completeChallenge(mfaToken, blankToNull(code), blankToNull(recoveryCode))
                .orElse(null);
        if (caller == null) {
            throttle.failed(SignInThrottle.Door.MFA, account, null, null, "wrong-code");
            throw SignInProblems.wrongSecondFactor();
        }
        throttle.succeeded(SignInThrottle.Door.MFA, account);
        return new Outcome(caller, tokens.issue(caller), null);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** Why a sign-in was refused; the API and the dashboard show the same words. */
    public static final class SignInProblems {

        private SignInProblems() {}

        static CaseloadException badCredentials() {
            return new CaseloadException(401, "bad-credentials", "Not signed in", "Wrong email or password.");
        }

        static CaseloadException wrongSecondFactor() {
            return new CaseloadException(
                    401,
                    "bad-second-factor",
                    "Not signed in",
                    "The code is wrong or was already used, or the sign-in took too long. Sign in again if this repeats.");
        }

        static CaseloadException noPractice() {
            return new CaseloadException(
                    401,
                    "no-practice",
                    "Not signed in",
                    "This account does not belong to a practice any more. Ask a practice admin for an invitation.");
        }

        static CaseloadException inactive() {
            return new CaseloadException(
                    401,
                    "member-inactive",
                    "Not signed in",
                    "Your membership is inactive. Ask a practice admin to reactivate it.");
        }
    }
}
