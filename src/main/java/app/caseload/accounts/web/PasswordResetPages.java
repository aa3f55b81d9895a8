package app.caseload.accounts.web;

import app.caseload.accounts.PasswordResets;
import app.caseload.shared.CaseloadException;
import app.caseload.shared.web.DashboardPage;
import app.caseload.shared.web.FormErrors;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Objects;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Forgot password?" in the dashboard: the email form (the same answer for every email), and the
 * new-password form the mailed link opens. Success leads to the sign-in page.
 */
@DashboardPage
class PasswordResetPages {

    private final PasswordResets resets;

    PasswordResetPages(PasswordResets resets) {
        this.resets = resets;
    }

    public static class RequestForm {
        @NotBlank(message = "Enter your email.")
        @Size(max = 320, message = "Is too long.")
        private String email;

        public String getEmail() {
            return email;
        }

        public void setEmail(String email) {
            this.email = email;
        }
    }

    public static class NewPasswordForm {
        @Size(max = 200)
        private String token;

        @NotBlank(message = "Enter a new password.")
        @Size(max = 256, message = "Use at most 256 characters.")
        private String password;

        private String repeat;

        public String getToken() {
            return token;
        }

        public void setToken(String token) {
            this.token = token;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public String getRepeat() {
            return repeat;
        }

        public void setRepeat(String repeat) {
            this.repeat = repeat;
        }
    }

    /** Without a token: the email form. With one (the mailed link): the new-password form, or why it cannot be used. */
    @GetMapping("/password-reset")
    String open(@RequestParam(required = false) String token, Model model) {
        if (token == null) {
            model.addAttribute("form", new RequestForm());
            return "password-reset/request";
        }
        try {
            resets.requireUsable(token);
        } catch (CaseloadException e) {
            return refused(e, model);
        }
        NewPasswordForm form = new NewPasswordForm();
        form.setToken(token);
        model.addAttribute("form", form);
        return "password-reset/choose";
    }

    @PostMapping("/password-reset")
    String request(@Valid @ModelAttribute("form") RequestForm form, BindingResult binding, Model model) {
        if (binding.hasErrors()) {
            return "password-reset/request";
        }
        try {
            resets.request(form.getEmail());
        } catch (CaseloadException refused) {
            binding.reject(refused.type(), refused.getMessage());
            return "password-reset/request";
        }
        model.addAttribute("email", form.getEmail().trim());
        model.addAttribute("ttl", PasswordResets.inWords(resets.ttl()));
        return "password-reset/sent";
    }

    @PostMapping("/password-reset/confirm")
    String confirm(
            @Valid @ModelAttribute("form") NewPasswordForm form,
            BindingResult binding,
            Model model,
            RedirectAttributes redirect) {
        if (!binding.hasFieldErrors("password") && !Objects.equals(form.getPassword(), form.getRepeat())) {
            binding.rejectValue("repeat", "mismatch", "The two passwords differ. Type the same password twice.");
        }
        if (!binding.hasErrors()) {
            try {
                resets.confirm(form.getToken(), form.getPassword());
                redirect.addFlashAttribute(
                        "notice",
                        "Your password was changed, and you were signed out everywhere. Sign in with the new password.");
                return "redirect:/signin";
            } catch (CaseloadException e) {
                if (e.status() == 410) {
                    return refused(e, model);
                }
                if (e.status() == 429) {
                    binding.reject(e.type(), e.getMessage());
                } else {
                    FormErrors.reject(e, binding);
                }
            }
        }
        form.setPassword(null);
        form.setRepeat(null);
        return "password-reset/choose";
    }

    /** A link that cannot be used (used, expired, unknown), or too many attempts from here. */
    private String refused(CaseloadException e, Model model) {
        boolean throttled = e.status() == 429;
        model.addAttribute("heading", throttled ? "Too many attempts" : "This link was used or has expired");
        model.addAttribute(
                "detail",
                throttled
                        ? e.getMessage()
                        : "A password reset link works once, for " + PasswordResets.inWords(resets.ttl())
                                + ". If you still need a new password, ask for a new link and open the newest email.");
        return "password-reset/unusable";
    }
}
