package app.caseload.accounts.web;

import app.caseload.accounts.AccountView;
import app.caseload.accounts.Accounts;
import app.caseload.accounts.AuthTokens;
import app.caseload.accounts.MembershipDirectory;
import app.caseload.accounts.Mfa;
import app.caseload.accounts.SignInThrottle;
import app.caseload.shared.AccountId;
import app.caseload.shared.Caller;
import app.caseload.shared.CaseloadException;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/auth")
class AuthController {

    private final Accounts accounts;
    private final AuthTokens tokens;
    private final MembershipDirectory memberships;
    private final SignInThrottle throttle;
    private final Mfa mfa;

    AuthController(
            Accounts accounts, AuthTokens tokens, MembershipDirectory memberships, SignInThrottle throttle, Mfa mfa) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.memberships = memberships;
        this.throttle = throttle;
        this.mfa = mfa;
    }

    record LoginRequest(
            @NotNull @Size(max = 320) String email,
            @NotNull @Size(max = 1000) String password) {}

    /**
     * Either a sign-in ({@code token}…), or {@code mfaRequired} with an {@code mfaToken} for the
     * second step. {@code mfaEnrolmentRequired} marks a token that opens only MFA enrolment.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record LoginResponse(
            String token,
            UUID memberId,
            UUID practiceId,
            Instant expiresAt,
            Boolean mfaRequired,
            String mfaToken,
            Boolean mfaEnrolmentRequired) {

        static LoginResponse signedIn(Caller caller, AuthTokens.IssuedToken issued) {
            return new LoginResponse(
                    issued.token(),
                    caller.memberId().value(),
                    caller.practiceId().value(),
                    issued.expiresAt(),
                    false,
                    null,
                    issued.enrolmentOnly());
        }
    }

    record MfaLoginRequest(
            @NotBlank @Size(max = 200) String mfaToken,
            @Size(max = 10) String code,
            @Size(max = 64) String recoveryCode) {}

    @PostMapping("/login")
    LoginResponse login(@Valid @RequestBody LoginRequest request) {
        throttle.check(SignInThrottle.Door.SIGN_IN, request.email());
        Optional<AccountId> account = accounts.authenticate(request.email(), request.password());
        if (account.isEmpty()) {
            Optional<AccountId> known = accounts.findByEmail(request.email()).map(AccountView::id);
            throttle.failed(
                    SignInThrottle.Door.SIGN_IN,
                    request.email(),
                    known.orElse(null),
                    known.flatMap(memberships::currentMembership)
                            .map(Caller::practiceId)
                            .orElse(null),
                    "bad-credentials");
            throw AuthProblems.badCredentials();
        }
        Caller caller = memberships.currentMembership(account.get()).orElseThrow(AuthProblems::noPractice);
        if (!caller.status().canSignIn()) {
            throttle.failed(
                    SignInThrottle.Door.SIGN_IN, null, caller.accountId(), caller.practiceId(), "member-inactive");
            throw AuthProblems.inactive();
        }
        throttle.succeeded(SignInThrottle.Door.SIGN_IN, request.email());
        if (tokens.mfaEnrolled(caller.accountId())) {
            Mfa.Challenge challenge = mfa.challenge(caller);
            return new LoginResponse(null, null, null, challenge.expiresAt(), true, challenge.mfaToken(), null);
        }
        return LoginResponse.signedIn(caller, tokens.issue(caller));
    }

    /** The second step: the challenge token from the first, with a TOTP code or a recovery code. */
    @PostMapping("/login/mfa")
    LoginResponse loginWithSecondFactor(@Valid @RequestBody MfaLoginRequest request) {
        if ((request.code() == null) == (request.recoveryCode() == null)) {
            throw CaseloadException.invalid("validation", "Send either 'code' or 'recoveryCode'.")
                    .with("errors", List.of(Map.of("field", "code", "message", "send code or recoveryCode")));
        }
        String account = mfa.challengedAccount(request.mfaToken())
                .map(AccountId::toString)
                .orElse(null);
        throttle.check(SignInThrottle.Door.MFA, account);
        Caller caller = mfa.completeChallenge(request.mfaToken(), request.code(), request.recoveryCode())
                .orElse(null);
        if (caller == null) {
            throttle.failed(SignInThrottle.Door.MFA, account, null, null, "wrong-code");
            throw AuthProblems.wrongSecondFactor();
        }
        throttle.succeeded(SignInThrottle.Door.MFA, account);
        return LoginResponse.signedIn(caller, tokens.issue(caller));
    }

    @PostMapping("/logout")
    ResponseEntity<Void> logout(Authentication authentication) {
        if (authentication != null
                && authentication.getPrincipal() instanceof Caller caller
                && authentication.getCredentials() instanceof String token) {
            tokens.signOut(caller, token);
        }
        return ResponseEntity.noContent().build();
    }

    static final class AuthProblems {
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
