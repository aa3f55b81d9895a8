package app.caseload.accounts.web;

import app.caseload.accounts.Accounts;
import app.caseload.accounts.AuthTokens;
import app.caseload.accounts.MembershipDirectory;
import app.caseload.accounts.WebSessions;
import app.caseload.shared.AccountId;
import app.caseload.shared.Caller;
import app.caseload.shared.web.DashboardPage;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.Optional;
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

    private final Accounts accounts;
    private final MembershipDirectory memberships;
    private final AuthTokens tokens;
    private final WebSessions sessions;

    SignInPages(Accounts accounts, MembershipDirectory memberships, AuthTokens tokens, WebSessions sessions) {
        this.accounts = accounts;
        this.memberships = memberships;
        this.tokens = tokens;
        this.sessions = sessions;
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
    String signIn(@Valid @ModelAttribute("form") SignInForm form, BindingResult binding, HttpServletRequest request) {
        if (binding.hasErrors()) {
            return "signin";
        }
        Optional<AccountId> account = accounts.authenticate(form.getEmail(), form.getPassword());
        Optional<Caller> member = account.flatMap(memberships::currentMembership);
        if (account.isEmpty()) {
            binding.reject("bad-credentials", "Wrong email or password.");
        } else if (member.isEmpty()) {
            binding.reject(
                    "no-practice",
                    "This account does not belong to a practice any more. Ask a practice admin for an invitation.");
        } else if (!member.get().status().canSignIn()) {
            binding.reject("member-inactive", "Your membership is inactive. Ask a practice admin to reactivate it.");
        }
        if (binding.hasErrors()) {
            form.setPassword(null);
            return "signin";
        }
        sessions.signIn(request, tokens.issue(member.get()), member.get());
        return "redirect:/home";
    }

    @GetMapping("/signed-out")
    String signedOut(@RequestParam(required = false) String reason, Model model) {
        String why = switch (reason == null ? "" : reason) {
            case "idle" -> "You were signed out after " + minutes(sessions.idleTimeout()) + " without activity.";
            case "inactive" ->
                "Your membership of the practice was made inactive, so you were signed out."
                        + " Ask a practice admin if you think this is a mistake.";
            case "removed" -> "You are no longer signed in: your membership of the practice has ended.";
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
