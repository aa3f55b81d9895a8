package app.caseload.practice.web;

import app.caseload.practice.MfaRequired;
import app.caseload.practice.PracticeTimeZone;
import app.caseload.practice.PracticeView;
import app.caseload.practice.Practices;
import app.caseload.shared.Caller;
import app.caseload.shared.CaseloadException;
import app.caseload.shared.web.DashboardPage;
import app.caseload.shared.web.FormErrors;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Practice settings: the practice's name and whether it uses supervision. Admins only. */
@DashboardPage
class SettingsPage {

    private final Practices practices;

    SettingsPage(Practices practices) {
        this.practices = practices;
    }

    public static class SettingsForm {
        @NotBlank(message = "The practice needs a name.")
        @Size(max = 200, message = "Use at most 200 characters.")
        private String name;

        private boolean supervisionEnabled;

        private MfaRequired mfaRequired = MfaRequired.NONE;

        /** Null (not sent) leaves the practice's zone as it is. */
        private String timeZone;

        public String getTimeZone() {
            return timeZone;
        }

        public void setTimeZone(String timeZone) {
            this.timeZone = timeZone;
        }

        public MfaRequired getMfaRequired() {
            return mfaRequired;
        }

        public void setMfaRequired(MfaRequired mfaRequired) {
            this.mfaRequired = mfaRequired;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public boolean isSupervisionEnabled() {
            return supervisionEnabled;
        }

        public void setSupervisionEnabled(boolean supervisionEnabled) {
            this.supervisionEnabled = supervisionEnabled;
        }
    }

    @GetMapping("/settings")
    String settings(@AuthenticationPrincipal Caller caller, Model model) {
        caller.requireAdmin();
        PracticeView practice = practices.get(caller.practiceId());
        SettingsForm form = new SettingsForm();
        form.setName(practice.name());
        form.setSupervisionEnabled(practice.supervisionEnabled());
        form.setMfaRequired(practice.mfaRequired());
        form.setTimeZone(practice.timeZone().getId());
        model.addAttribute("form", form);
        model.addAttribute("timeZones", PracticeTimeZone.CHOICES);
        return "settings";
    }

    @PostMapping("/settings")
    String save(
            @AuthenticationPrincipal Caller caller,
            @Valid @ModelAttribute("form") SettingsForm form,
            BindingResult binding,
            Model model,
            RedirectAttributes redirect) {
        caller.requireAdmin();
        if (!binding.hasErrors()) {
            try {
                practices.update(
                        caller, form.getName(), form.isSupervisionEnabled(), form.getMfaRequired(), form.getTimeZone());
                redirect.addFlashAttribute("notice", "Practice settings saved.");
                return "redirect:/settings";
            } catch (CaseloadException e) {
                if (e.status() == 403) {
                    throw e;
                }
                FormErrors.reject(e, binding);
            }
        }
        model.addAttribute("timeZones", PracticeTimeZone.CHOICES);
        return "settings";
    }
}
