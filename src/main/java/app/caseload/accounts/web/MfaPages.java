package app.caseload.accounts.web;

import app.caseload.accounts.AuthTokens;
import app.caseload.accounts.Mfa;
import app.caseload.accounts.MfaRequirement;
import app.caseload.shared.Caller;
import app.caseload.shared.CaseloadException;
import app.caseload.shared.web.DashboardPage;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Setting up and removing two-step sign-in (TOTP) in the dashboard, on the same {@link Mfa} service
 * as the API. Reachable with an enrolment-only sign-in, which is all such a sign-in opens.
 */
@Controller
@DashboardPage
class MfaPages {

    private final Mfa mfa;
    private final AuthTokens tokens;
    private final List<MfaRequirement> requirements;

    MfaPages(Mfa mfa, AuthTokens tokens, List<MfaRequirement> requirements) {
        this.mfa = mfa;
        this.tokens = tokens;
        this.requirements = requirements;
    }

    @GetMapping("/account/mfa")
    String page(@AuthenticationPrincipal Caller caller, Model model) {
        return render(caller, model);
    }

    @PostMapping("/account/mfa/enrol")
    String enrol(@AuthenticationPrincipal Caller caller, Model model) {
        try {
            model.addAttribute("enrolment", mfa.enrol(caller));
        } catch (CaseloadException refused) {
            model.addAttribute("error", refused.getMessage());
        }
        return render(caller, model);
    }

    @PostMapping("/account/mfa/confirm")
    String confirm(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) String code, Model model) {
        boolean wasEnrolmentOnly = required(caller);
        try {
            model.addAttribute("recoveryCodes", mfa.confirm(caller, trimmed(code)));
            // Confirming ends enrolment-only sign-ins: the member signs in again with the new factor.
            model.addAttribute("signInAgain", wasEnrolmentOnly);
        } catch (CaseloadException refused) {
            model.addAttribute("error", refused.getMessage());
            model.addAttribute("enrolment", mfa.enrol(caller)); // a fresh secret to scan
        }
        return render(caller, model);
    }

    @PostMapping("/account/mfa/remove")
    String remove(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(required = false) String code,
            Model model,
            RedirectAttributes redirect) {
        String given = trimmed(code);
        boolean looksLikeTotp = given != null && given.matches("\\d{6,8}");
        try {
            mfa.remove(caller, looksLikeTotp ? given : null, looksLikeTotp ? null : given);
            redirect.addFlashAttribute("notice", "Two-step sign-in is off.");
            return "redirect:/account/mfa";
        } catch (CaseloadException refused) {
            model.addAttribute("error", refused.getMessage());
            return render(caller, model);
        }
    }

    private String render(Caller caller, Model model) {
        model.addAttribute("enrolled", tokens.mfaEnrolled(caller.accountId()));
        model.addAttribute("required", required(caller));
        model.addAttribute("section", "account");
        if (!model.containsAttribute("enrolment")) {
            model.addAttribute("enrolment", null);
        }
        if (!model.containsAttribute("recoveryCodes")) {
            model.addAttribute("recoveryCodes", null);
        }
        if (!model.containsAttribute("error")) {
            model.addAttribute("error", null);
        }
        return "account/mfa";
    }

    private boolean required(Caller caller) {
        return requirements.stream().anyMatch(r -> r.requiredFor(caller));
    }

    private static String trimmed(String code) {
        return code == null || code.isBlank() ? null : code.trim().replace(" ", "");
    }
}
