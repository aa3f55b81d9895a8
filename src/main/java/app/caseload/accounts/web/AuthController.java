package app.caseload.accounts.web;

import app.caseload.accounts.AuthTokens;
import app.caseload.accounts.SignIn;
import app.caseload.shared.Caller;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
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

    private final SignIn signIn;
    private final AuthTokens tokens;

    AuthController(SignIn signIn, AuthTokens tokens) {
        this.signIn = signIn;
        this.tokens = tokens;
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

        static LoginResponse of(SignIn.Outcome outcome) {
            if (outcome.needsSecondFactor()) {
                return new LoginResponse(
                        null,
                        null,
                        null,
                        outcome.challenge().expiresAt(),
                        true,
                        outcome.challenge().mfaToken(),
                        null);
            }
            Caller caller = outcome.caller();
            AuthTokens.IssuedToken issued = outcome.token();
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
        return LoginResponse.of(signIn.withPassword(request.email(), request.password()));
    }

    /** The second step: the challenge token from the first, with a TOTP code or a recovery code. */
    @PostMapping("/login/mfa")
    LoginResponse loginWithSecondFactor(@Valid @RequestBody MfaLoginRequest request) {
        return LoginResponse.of(signIn.withSecondFactor(request.mfaToken(), request.code(), request.recoveryCode()));
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
}
