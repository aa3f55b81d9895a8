package app.caseload.accounts.web;

import app.caseload.accounts.Accounts;
import app.caseload.accounts.AuthTokens;
import app.caseload.accounts.MembershipDirectory;
import app.caseload.shared.Caller;
import app.caseload.shared.CaseloadException;
import jakarta.validation.Valid;
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

    private final Accounts accounts;
    private final AuthTokens tokens;
    private final MembershipDirectory memberships;

    AuthController(Accounts accounts, AuthTokens tokens, MembershipDirectory memberships) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.memberships = memberships;
    }

    record LoginRequest(
            @NotNull @Size(max = 320) String email,
            @NotNull @Size(max = 1000) String password) {}

    record LoginResponse(String token, UUID memberId, UUID practiceId, Instant expiresAt) {}

    @PostMapping("/login")
    LoginResponse login(@Valid @RequestBody LoginRequest request) {
        Caller caller = accounts.authenticate(request.email(), request.password())
                .map(account -> memberships.currentMembership(account).orElseThrow(AuthProblems::noPractice))
                .orElseThrow(AuthProblems::badCredentials);
        if (!caller.status().canSignIn()) {
            throw AuthProblems.inactive();
        }
        AuthTokens.IssuedToken issued = tokens.issue(caller);
        return new LoginResponse(
                issued.token(), caller.memberId().value(), caller.practiceId().value(), issued.expiresAt());
    }

    @PostMapping("/logout")
    ResponseEntity<Void> logout(Authentication authentication) {
        if (authentication != null && authentication.getCredentials() instanceof String token) {
            tokens.revoke(token);
        }
        return ResponseEntity.noContent().build();
    }

    static final class AuthProblems {
        static CaseloadException badCredentials() {
            return new CaseloadException(401, "bad-credentials", "Not signed in", "Wrong email or password.");
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
