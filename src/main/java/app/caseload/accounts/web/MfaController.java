package app.caseload.accounts.web;

import app.caseload.accounts.Mfa;
import app.caseload.accounts.SignInThrottle;
import app.caseload.shared.Caller;
import app.caseload.shared.CaseloadException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own second factor. Open to enrolment-only tokens as well as full ones. */
@RestController
@RequestMapping("/api/v1/me/mfa")
class MfaController {

    private final Mfa mfa;
    private final SignInThrottle throttle;

    MfaController(Mfa mfa, SignInThrottle throttle) {
        this.mfa = mfa;
        this.throttle = throttle;
    }

    record CodeRequest(@NotBlank @Size(max = 10) String code) {}

    record RemoveRequest(
            @Size(max = 10) String code, @Size(max = 64) String recoveryCode) {}

    record RecoveryCodes(List<String> recoveryCodes) {}

    @PostMapping("/enrol")
    Mfa.Enrolment enrol(@AuthenticationPrincipal Caller caller) {
        return mfa.enrol(caller);
    }

    @PostMapping("/confirm")
    RecoveryCodes confirm(@AuthenticationPrincipal Caller caller, @Valid @RequestBody CodeRequest request) {
        return new RecoveryCodes(guarded(caller, () -> mfa.confirm(caller, request.code())));
    }

    @DeleteMapping
    ResponseEntity<Void> remove(@AuthenticationPrincipal Caller caller, @Valid @RequestBody RemoveRequest request) {
        if ((request.code() == null) == (request.recoveryCode() == null)) {
            throw CaseloadException.invalid("validation", "Send either 'code' or 'recoveryCode'.")
                    .with("errors", List.of(Map.of("field", "code", "message", "send code or recoveryCode")));
        }
        guarded(caller, () -> {
            mfa.remove(caller, request.code(), request.recoveryCode());
            return null;
        });
        return ResponseEntity.noContent().build();
    }

    /** Wrong codes count against the account, so a stolen token cannot guess its way to the factor. */
    private <T> T guarded(Caller caller, java.util.function.Supplier<T> action) {
        String account = caller.accountId().toString();
        throttle.check(SignInThrottle.Door.MFA, account);
        try {
            return action.get();
        } catch (CaseloadException e) {
            if (e.type().equals("wrong-code")) {
                throttle.failed(SignInThrottle.Door.MFA, account, caller.accountId(), caller.practiceId(), e.type());
            }
            throw e;
        }
    }
}
