package app.caseload.practice.web;

import app.caseload.accounts.WebSessions;
import app.caseload.practice.PracticeTimeZone;
import app.caseload.practice.Signup;
import app.caseload.shared.Caller;
import app.caseload.shared.CaseloadException;
import app.caseload.shared.web.DashboardPage;
import app.caseload.shared.web.FormErrors;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Locale;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

/** The first page: create your practice (and become its first admin), or sign in. */
@DashboardPage
class StartPages {

    private final Signup signup;
    private final WebSessions sessions;

    StartPages(Signup signup, WebSessions sessions) {
        this.signup = signup;
        this.sessions = sessions;
    }

    public static class PracticeForm {
        @NotBlank(message = "Enter the name of your practice.")
        @Size(max = 200, message = "Use at most 200 characters.")
        private String practiceName;

        @NotBlank(message = "Enter your name.")
        @Size(max = 200, message = "Use at most 200 characters.")
        private String fullName;

        @NotBlank(message = "Enter your email.")
        @Email(message = "Enter an email address like name@example.com.")
        @Size(max = 320, message = "Use at most 320 characters.")
        private String email;

        @NotBlank(message = "Choose a password of at least 12 characters.")
        @Size(min = 12, max = 256, message = "Use between 12 and 256 characters.")
        private String password;

        /** Proposed by the page's script from the browser's zone (SPEC §2b); the person may change it. */
        private String timeZone = PracticeTimeZone.DEFAULT;

        public String getTimeZone() {
            return timeZone;
        }

        public void setTimeZone(String timeZone) {
            this.timeZone = timeZone;
        }

        public String getPracticeName() {
            return practiceName;
        }

        public void setPracticeName(String practiceName) {
            this.practiceName = practiceName;
        }

        public String getFullName() {
            return fullName;
        }

        public void setFullName(String fullName) {
            this.fullName = fullName;
        }

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

    @GetMapping({"/", "/start"})
    String start(@AuthenticationPrincipal Caller caller, HttpServletRequest request, Model model) {
        if (caller != null) {
            return "redirect:/home";
        }
        if (request.getAttribute(WebSessions.ENDED) instanceof WebSessions.Ended why) {
            return "redirect:/signed-out?reason=" + why.name().toLowerCase(Locale.ROOT);
        }
        model.addAttribute("form", new PracticeForm());
        model.addAttribute("timeZones", PracticeTimeZone.CHOICES);
        model.addAttribute("proposeBrowserZone", true);
        return "start";
    }

    @PostMapping("/start")
    String create(
            @Valid @ModelAttribute("form") PracticeForm form,
            BindingResult binding,
            HttpServletRequest request,
            Model model) {
        if (!binding.hasErrors()) {
            try {
                Signup.Founded founded = signup.foundPractice(
                        form.getPracticeName(),
                        form.getFullName(),
                        form.getEmail(),
                        form.getPassword(),
                        form.getTimeZone());
                sessions.signIn(request, founded.token(), founded.founder());
                return "redirect:/home?welcome";
            } catch (CaseloadException e) {
                if (e.type().equals("email-taken")) {
                    binding.rejectValue("email", e.type(), e.getMessage());
                } else {
                    FormErrors.reject(e, binding);
                }
            }
        }
        form.setPassword(null);
        model.addAttribute("timeZones", PracticeTimeZone.CHOICES);
        model.addAttribute("proposeBrowserZone", false);
        return "start";
    }
}
