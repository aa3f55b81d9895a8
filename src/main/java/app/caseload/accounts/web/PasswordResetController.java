package app.caseload.accounts.web;

import app.caseload.accounts.PasswordResets;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** "Forgot password": both doors are public. */
@RestController
@RequestMapping("/api/v1/auth/password-reset")
class PasswordResetController {

    private final PasswordResets resets;

    PasswordResetController(PasswordResets resets) {
        this.resets = resets;
    }

    record ResetRequest(@NotBlank @Size(max = 320) String email) {}

    record ConfirmRequest(
            @NotBlank @Size(max = 200) String token,
            @NotNull @Size(max = 1000) String password) {}

    /** 202 whether or not the email has an account; the link is mailed when it has one. 429 when throttled. */
    @PostMapping
    ResponseEntity<Void> request(@Valid @RequestBody ResetRequest request) {
        resets.request(request.email());
        return ResponseEntity.accepted().build();
    }

    /** 204: the password is set and every sign-in of the account ended. 410 used or expired; 400 weak password. */
    @PostMapping("/confirm")
    ResponseEntity<Void> confirm(@Valid @RequestBody ConfirmRequest request) {
        resets.confirm(request.token(), request.password());
        return ResponseEntity.noContent().build();
    }
}
