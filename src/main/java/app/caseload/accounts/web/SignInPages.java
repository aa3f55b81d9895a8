package app.caseload.accounts.web;

import app.caseload.accounts.SignIn;
import app.caseload.accounts.WebSessions;
import app.caseload.shared.Caller;
import app.caseload.shared.CaseloadException;
import app.caseload.shared.web.DashboardPage;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Signing in to the dashboard, and the page that says why a sign-in ended. */
@DashboardPage
class SignInPages {

    private final SignIn signIn;
    private final WebSessions sessions;

    SignInPages(SignIn signIn, WebSessions sessions) {
        this.signIn = signIn;
        this.sessions = sessions;
    }

    /** The second step's form: the short-lived challenge from the first step and a code. */
    public static class CodeForm {
        @Size(max = 200)
        private String mfaToken;

        @Size(max = 10, message = "Enter the 6-digit code.")
        private String code;

        @Size(max = 64, message = "Is too long.")
        private String recoveryCode;

        public String getMfaToken() {
            return mfaToken;
        }

        public void setMfaToken(String mfaToken) {
            this.mfaToken = mfaToken;
        }

        public String getCode() {
            return code;
        }

        public void setCode(String code) {
            this.code = code;
        }

        public String getRecoveryCode() {
            return recoveryCode;
        }

        public void setRecoveryCode(String recoveryCode) {
            this.recoveryCode = recoveryCode;
        }
    }

    public static class SignInForm {
        @NotBlank(message = "Enter your email.")
        @Size(max = 320, message = "Is too long.")
        private String email;

        @NotBlank(message = "Enter your password.")
        @Size(max = 1000, message = "Is too long.")
        private String password;

        public String getEmail() {
            return email;
        }

        public void setEmail(String email) {
            this.email = email;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }
    }

    @GetMapping("/signin")
    String signInPage(@AuthenticationPrincipal Caller caller, Model model) {
        if (caller != null) {
            return "redirect:/home";
        }
        model.addAttribute("form", new SignInForm());
        return "signin";
    }

    @PostMapping("/signin")
    String signIn(
            @Valid @ModelAttribute("form") SignInForm form,
            BindingResult binding,
            HttpServletRequest request,
            Model model) {
        if (binding.hasErrors()) {
            return "signin";
        }
        try {
            return signedIn(signIn.withPassword(form.getEmail(), form.getPassword()), request, model);
        } catch (CaseloadException refused) {
            binding.reject(refused.type(), refused.getMessage());
            form.setPassword(null);
            return "signin";
        }
    }

    /** The second step, when the account has a second factor: a code from the app or a recovery code. */
    @PostMapping("/signin/code")
    String secondFactor(
            @Valid @ModelAttribute("codeForm") CodeForm form,
            BindingResult binding,
            HttpServletRequest request,
            Model model) {
        if (binding.hasErrors()) {
            return "signin-code";
        }
        try {
            return signedIn(
                    signIn.withSecondFactor(form.getMfaToken(), form.getCode(), form.getRecoveryCode()),
                    request,
                    model);
        } catch (CaseloadException refused) {
            binding.reject(refused.type(), refused.getMessage());
            form.setCode(null);
            form.setRecoveryCode(null);
            return "signin-code";
        }
    }

    private String signedIn(SignIn.Outcome outcome, HttpServletRequest request, Model model) {
        if (outcome.needsSecondFactor()) {
            CodeForm codeForm = new CodeForm();
            codeForm.setMfaToken(outcome.challenge().mfaToken());
            model.addAttribute("codeForm", codeForm);
            return "signin-code";
        }
        sessions.signIn(request, outcome.token(), outcome.caller());
        return outcome.token().enrolmentOnly() ? "redirect:/account/mfa" : "redirect:/home";
    }

    @GetMapping("/signed-out")
    String signedOut(@RequestParam(required = false) String reason, Model model) {
        String why = switch (reason == null ? "" : reason) {
            case "idle" -> "You were signed out after " + minutes(sessions.idleTimeout()) + " without activity.";
            case "inactive" ->
                "Your membership of the practice was made inactive, so you were signed out."
                        + " Ask a practice admin if you think this is a mistake.";
            case "removed" -> "You are no longer signed in: your membership of the practice has ended.";
            case "password_reset" ->
                "The password of your account was changed, so every sign-in was ended. Sign in with the new password.";
            case "signout" -> "You signed out.";
            default -> "You are signed out.";
        };
        model.addAttribute("reason", reason);
        model.addAttribute("message", why);
        return "signed-out";
    }

    static String minutes(Duration timeout) {
        long minutes = timeout.toMinutes();
        if (minutes < 1) {
            return timeout.toSeconds() + " seconds";
        }
        return minutes == 1 ? "1 minute" : minutes + " minutes";
    }
}
