package app.caseload.practice.web;

import app.caseload.accounts.AccountView;
import app.caseload.accounts.Accounts;
import app.caseload.accounts.SignInThrottle;
import app.caseload.practice.MfaRequired;
import app.caseload.practice.PracticeView;
import app.caseload.practice.Practices;
import app.caseload.practice.Signup;
import app.caseload.roles.Roles;
import app.caseload.shared.Caller;
import app.caseload.shared.CaseloadException;
import app.caseload.shared.MemberStatus;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
class PracticeController {

    private final Signup signup;
    private final Practices practices;
    private final Accounts accounts;
    private final Roles roles;
    private final SignInThrottle throttle;

    PracticeController(Signup signup, Practices practices, Accounts accounts, Roles roles, SignInThrottle throttle) {
        this.signup = signup;
        this.practices = practices;
        this.accounts = accounts;
        this.roles = roles;
        this.throttle = throttle;
    }

    record SignupRequest(
            @NotBlank @Size(max = 200) String practiceName,
            @NotBlank @Size(max = 200) String fullName,
            @NotBlank @Email @Size(max = 320) String email,
            @NotNull @Size(min = 12, max = 256) String password,
            @Size(max = 64) String timeZone) {}

    record SignupResponse(UUID practiceId, UUID memberId, String token) {}

    record PracticeUpdate(
            @Size(min = 1, max = 200) String name,
            Boolean supervisionEnabled,
            MfaRequired mfaRequired,
            @Size(max = 64) String timeZone) {}

    record PracticeResponse(
            UUID id,
            String name,
            String timeZone,
            boolean supervisionEnabled,
            MfaRequired mfaRequired,
            Practices.Metrics metrics) {}

    record RoleRef(UUID id, String name) {}

    record MeResponse(
            UUID accountId,
            UUID memberId,
            UUID practiceId,
            String practiceName,
            String fullName,
            String email,
            boolean admin,
            MemberStatus status,
            RoleRef role,
            Map<String, Boolean> features) {}

    @PostMapping("/signup")
    ResponseEntity<SignupResponse> signup(@Valid @RequestBody SignupRequest request) {
        Signup.Founded founded = throttle.guard(
                SignInThrottle.Door.SIGN_UP,
                () -> signup.foundPractice(
                        request.practiceName(),
                        request.fullName(),
                        request.email(),
                        request.password(),
                        request.timeZone()));
        Caller founder = founded.founder();
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new SignupResponse(
                        founder.practiceId().value(),
                        founder.memberId().value(),
                        founded.token().token()));
    }

    @GetMapping("/practice")
    PracticeResponse practice(@AuthenticationPrincipal Caller caller) {
        Practices.Overview overview = practices.overview(caller);
        return response(overview.practice(), overview.metrics());
    }

    @PatchMapping("/practice")
    PracticeResponse update(@AuthenticationPrincipal Caller caller, @Valid @RequestBody PracticeUpdate request) {
        return response(
                practices.update(
                        caller,
                        request.name(),
                        request.supervisionEnabled(),
                        request.mfaRequired(),
                        request.timeZone()),
                practices.metrics(caller));
    }

    @GetMapping("/me")
    MeResponse me(@AuthenticationPrincipal Caller caller) {
        AccountView account = accounts.find(caller.accountId()).orElseThrow(() -> CaseloadException.notFound("You"));
        PracticeView practice = practices.get(caller.practiceId());
        var role = roles.rules(caller.practiceId(), caller.roleId());
        return new MeResponse(
                caller.accountId().value(),
                caller.memberId().value(),
                practice.id().value(),
                practice.name(),
                account.fullName(),
                account.email(),
                caller.admin(),
                caller.status(),
                new RoleRef(role.id().value(), role.name()),
                role.effectiveFeatures());
    }

    private static PracticeResponse response(PracticeView practice, Practices.Metrics metrics) {
        return new PracticeResponse(
                practice.id().value(),
                practice.name(),
                practice.timeZone().getId(),
                practice.supervisionEnabled(),
                practice.mfaRequired(),
                metrics);
    }
}
