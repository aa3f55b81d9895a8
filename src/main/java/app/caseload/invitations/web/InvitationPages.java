package app.caseload.invitations.web;

import app.caseload.accounts.WebSessions;
import app.caseload.invitations.InvitationPreview;
import app.caseload.invitations.InvitationStatus;
import app.caseload.invitations.InvitationView;
import app.caseload.invitations.Invitations;
import app.caseload.roles.Roles;
import app.caseload.shared.Caller;
import app.caseload.shared.CaseloadException;
import app.caseload.shared.InvitationId;
import app.caseload.shared.Page;
import app.caseload.shared.RoleId;
import app.caseload.shared.web.DashboardPage;
import app.caseload.shared.web.FormErrors;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Invitations in the dashboard: Invite Therapist and the invitation list of the Therapists
 * section (admins), and the page the emailed link opens (anyone holding the link).
 */
@DashboardPage
class InvitationPages {

    private final Invitations invitations;
    private final Roles roles;
    private final WebSessions sessions;

    InvitationPages(Invitations invitations, Roles roles, WebSessions sessions) {
        this.invitations = invitations;
        this.roles = roles;
        this.sessions = sessions;
    }

    // ---- Invite Therapist ---------------------------------------------------------------------

    public static class InviteForm {
        @NotBlank(message = "Enter the therapist’s full name.")
        @Size(max = 200, message = "Use at most 200 characters.")
        private String fullName;

        @NotBlank(message = "Enter the therapist’s email.")
        @Email(message = "Enter an email address like name@example.com.")
        @Size(max = 320, message = "Use at most 320 characters.")
        private String email;

        @NotNull(message = "Choose a role.")
        private UUID role;

        private boolean admin;

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

        public UUID getRole() {
            return role;
        }

        public void setRole(UUID role) {
            this.role = role;
        }

        public boolean isAdmin() {
            return admin;
        }

        public void setAdmin(boolean admin) {
            this.admin = admin;
        }
    }

    @GetMapping("/therapists/invite")
    String inviteForm(@AuthenticationPrincipal Caller caller, Model model) {
        caller.requireAdmin();
        model.addAttribute("form", new InviteForm());
        model.addAttribute("roles", roles.list(caller.practiceId()));
        return "invitations/invite";
    }

    @PostMapping("/therapists/invite")
    String invite(
            @AuthenticationPrincipal Caller caller,
            @Valid @ModelAttribute("form") InviteForm form,
            BindingResult binding,
            Model model,
            RedirectAttributes redirect) {
        caller.requireAdmin();
        if (!binding.hasErrors()) {
            try {
                InvitationView sent = invitations.invite(
                        caller, form.getFullName(), form.getEmail(), new RoleId(form.getRole()), form.isAdmin());
                redirect.addFlashAttribute(
                        "notice", "Invitation sent to " + sent.fullName() + " (" + sent.email() + ").");
                return "redirect:/therapists";
            } catch (CaseloadException e) {
                switch (e.type()) {
                    case "already-member", "invitation-pending" ->
                        binding.rejectValue("email", e.type(), e.getMessage());
                    default -> FormErrors.reject(e, binding, Map.of("roleId", "role"));
                }
            }
        }
        model.addAttribute("roles", roles.list(caller.practiceId()));
        return "invitations/invite";
    }

    // ---- the invitation list of the Therapists section -----------------------------------------

    @GetMapping("/therapists/invitations")
    String list(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(required = false) String cursor,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            Model model) {
        caller.requireAdmin();
        return listView(caller, cursor, htmx, model);
    }

    @PostMapping("/therapists/invitations/{id}/resend")
    String resend(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID id,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            Model model,
            RedirectAttributes redirect) {
        return answer(caller, htmx, model, redirect, () -> {
            InvitationView sent = invitations.resend(caller, new InvitationId(id));
            return "A new invitation link was sent to " + sent.email() + ". Earlier links no longer work.";
        });
    }

    @PostMapping("/therapists/invitations/{id}/revoke")
    String revoke(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID id,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            Model model,
            RedirectAttributes redirect) {
        return answer(caller, htmx, model, redirect, () -> {
            InvitationView revoked = invitations.revoke(caller, new InvitationId(id));
            return "The invitation to " + revoked.email() + " was revoked; its link no longer works.";
        });
    }

    private String answer(
            Caller caller,
            String htmx,
            Model model,
            RedirectAttributes redirect,
            java.util.function.Supplier<String> action) {
        caller.requireAdmin();
        String key;
        String message;
        try {
            message = action.get();
            key = "notice";
        } catch (CaseloadException e) {
            if (e.status() == 403) {
                throw e;
            }
            message = e.getMessage();
            key = "error";
        }
        if (htmx != null) {
            model.addAttribute(key, message);
            return listView(caller, null, htmx, model);
        }
        redirect.addFlashAttribute(key, message);
        return "redirect:/therapists/invitations";
    }

    private String listView(Caller caller, String cursor, String htmx, Model model) {
        Page<InvitationView> page = invitations.list(caller, null, cursor, 50);
        model.addAttribute("invitations", page.items());
        model.addAttribute("nextCursor", page.nextCursor());
        model.addAttribute("answerable", java.util.EnumSet.of(InvitationStatus.PENDING, InvitationStatus.EXPIRED));
        return htmx != null ? "invitations/list :: panel" : "invitations/list";
    }

    // ---- the emailed link ------------------------------------------------------------------------

    public static class AcceptForm {
        private String token;

        @NotBlank(message = "Enter a password.")
        @Size(max = 256, message = "Use at most 256 characters.")
        private String password;

        private String repeat;

        @jakarta.validation.constraints.Size(max = 10, message = "Enter the 6-digit code.")
        private String code;

        public String getCode() {
            return code;
        }

        public void setCode(String code) {
            this.code = code == null || code.isBlank() ? null : code.trim();
        }

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

    @GetMapping("/invitations/accept")
    String open(@RequestParam(required = false) String token, Model model) {
        InvitationPreview preview;
        try {
            preview = invitations.preview(token);
        } catch (CaseloadException e) {
            return unusable(e, model);
        }
        AcceptForm form = new AcceptForm();
        form.setToken(token);
        model.addAttribute("form", form);
        model.addAttribute("invitation", preview);
        return "invitations/accept";
    }

    @PostMapping("/invitations/accept")
    String accept(
            @Valid @ModelAttribute("form") AcceptForm form,
            BindingResult binding,
            HttpServletRequest request,
            Model model,
            RedirectAttributes redirect) {
        InvitationPreview preview;
        try {
            preview = invitations.preview(form.getToken());
        } catch (CaseloadException e) {
            return unusable(e, model);
        }
        if (!preview.accountExists() && !binding.hasFieldErrors("password")) {
            if (!Objects.equals(form.getPassword(), form.getRepeat())) {
                binding.rejectValue("repeat", "mismatch", "The two passwords differ. Type the same password twice.");
            }
        }
        if (!binding.hasErrors()) {
            try {
                Invitations.Accepted accepted = invitations.accept(form.getToken(), form.getPassword(), form.getCode());
                sessions.signIn(request, accepted.token(), accepted.practiceId(), accepted.memberId());
                redirect.addFlashAttribute("notice", "Welcome to " + preview.practiceName() + ".");
                return "redirect:/home";
            } catch (CaseloadException e) {
                switch (e.type()) {
                    case "bad-credentials" ->
                        binding.rejectValue(
                                "password", e.type(), "That is not the password of this account. Try again.");
                    case "second-factor-required" -> binding.rejectValue("code", e.type(), e.getMessage());
                    case "member-of-another-practice" -> {
                        model.addAttribute("invitation", preview);
                        return "invitations/other-practice";
                    }
                    default -> {
                        if (e.status() == 410 || e.status() == 404) {
                            return unusable(e, model);
                        }
                        FormErrors.reject(e, binding);
                    }
                }
            }
        }
        form.setPassword(null);
        form.setRepeat(null);
        model.addAttribute("invitation", preview);
        return "invitations/accept";
    }

    @PostMapping("/invitations/decline")
    String decline(@RequestParam(required = false) String token, Model model) {
        try {
            InvitationPreview preview = invitations.preview(token);
            invitations.decline(token);
            model.addAttribute("invitation", preview);
            return "invitations/declined";
        } catch (CaseloadException e) {
            return unusable(e, model);
        }
    }

    /** A clear page for a link that cannot be used, by the reason the service gives. */
    private static String unusable(CaseloadException e, Model model) {
        String heading = switch (e.type()) {
            case "invitation-expired" -> "This invitation has expired";
            case "invitation-revoked" -> "This invitation was withdrawn";
            case "invitation-used" -> "This invitation was already accepted";
            case "invitation-declined" -> "This invitation was declined";
            case "invitation-replaced" -> "This link was replaced by a newer one";
            default -> "This invitation link does not work";
        };
        String detail = e.type().equals("not-found")
                ? "The link may be incomplete. Open it again from the email, or ask the practice to send a new invitation."
                : e.getMessage();
        model.addAttribute("reason", e.type());
        model.addAttribute("heading", heading);
        model.addAttribute("detail", detail);
        return "invitations/unusable";
    }
}
