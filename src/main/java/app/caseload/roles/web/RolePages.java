package app.caseload.roles.web;

import app.caseload.roles.BillingModifier;
import app.caseload.roles.Feature;
import app.caseload.roles.RoleDraft;
import app.caseload.roles.RoleView;
import app.caseload.roles.Roles;
import app.caseload.shared.Caller;
import app.caseload.shared.CaseloadException;
import app.caseload.shared.RoleId;
import app.caseload.shared.web.DashboardPage;
import app.caseload.shared.web.FormErrors;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The Roles pages: list, create, edit (with feature overrides as switches) and delete. */
@DashboardPage
class RolePages {

    /** What each billing modifier means, as the form's options say it (SPEC §3). */
    static final Map<String, String> MODIFIERS = new LinkedHashMap<>();

    static {
        MODIFIERS.put("HO", "HO — master's level");
        MODIFIERS.put("HN", "HN — bachelor's level");
        MODIFIERS.put("HP", "HP — doctoral level");
        MODIFIERS.put("HL", "HL — intern");
        MODIFIERS.put("HM", "HM — less than bachelor's level");
        MODIFIERS.put("AH", "AH — clinical psychologist");
        MODIFIERS.put("AJ", "AJ — clinical social worker");
    }

    private final Roles roles;

    RolePages(Roles roles) {
        this.roles = roles;
    }

    public static class RoleForm {
        @NotBlank(message = "Give the role a display name.")
        @Size(max = 100, message = "Use at most 100 characters.")
        private String name;

        @Size(max = 2000, message = "Use at most 2000 characters.")
        private String description;

        /** The keys of the features switched on; every other feature is off. */
        private List<String> enabled = new ArrayList<>();

        private boolean requiresSupervision;
        private boolean canSupervise;
        private String billingModifier;

        static RoleForm of(RoleView role) {
            RoleForm form = new RoleForm();
            form.name = role.name();
            form.description = role.description();
            role.effectiveFeatures().forEach((key, on) -> {
                if (on) {
                    form.enabled.add(key);
                }
            });
            form.requiresSupervision = role.requiresSupervision();
            form.canSupervise = role.canSupervise();
            form.billingModifier =
                    role.billingModifier() == null ? "" : role.billingModifier().name();
            return form;
        }

        static RoleForm blank() {
            RoleForm form = new RoleForm();
            for (Feature feature : Feature.values()) {
                if (feature.defaultEnabled()) {
                    form.enabled.add(feature.key());
                }
            }
            form.billingModifier = "";
            return form;
        }

        /** Overrides only where a switch differs from the feature's default. */
        Map<String, Boolean> overrides() {
            Map<String, Boolean> overrides = new LinkedHashMap<>();
            for (Feature feature : Feature.values()) {
                boolean on = enabled != null && enabled.contains(feature.key());
                if (on != feature.defaultEnabled()) {
                    overrides.put(feature.key(), on);
                }
            }
            return overrides;
        }

        RoleDraft draft() {
            return new RoleDraft(
                    name, description, overrides(), requiresSupervision, canSupervise, modifier(billingModifier));
        }

        private static BillingModifier modifier(String value) {
            if (value == null || value.isBlank()) {
                return null;
            }
            try {
                return BillingModifier.valueOf(value);
            } catch (IllegalArgumentException e) {
                throw CaseloadException.invalid("validation", "Choose a billing modifier from the list.")
                        .with(
                                "errors",
                                List.of(Map.of("field", "billingModifier", "message", "is not a billing modifier")));
            }
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public String getDescription() {
            return description;
        }

        public void setDescription(String description) {
            this.description = description;
        }

        public List<String> getEnabled() {
            return enabled;
        }

        public void setEnabled(List<String> enabled) {
            this.enabled = enabled;
        }

        public boolean isRequiresSupervision() {
            return requiresSupervision;
        }

        public void setRequiresSupervision(boolean requiresSupervision) {
            this.requiresSupervision = requiresSupervision;
        }

        public boolean isCanSupervise() {
            return canSupervise;
        }

        public void setCanSupervise(boolean canSupervise) {
            this.canSupervise = canSupervise;
        }

        public String getBillingModifier() {
            return billingModifier;
        }

        public void setBillingModifier(String billingModifier) {
            this.billingModifier = billingModifier;
        }
    }

    @GetMapping("/roles")
    String list(@AuthenticationPrincipal Caller caller, Model model) {
        model.addAttribute("roles", roles.list(caller.practiceId()));
        model.addAttribute("features", Feature.values());
        // Overrides are listed by what they mean, not by their key.
        model.addAttribute(
                "featureNames",
                java.util.Arrays.stream(Feature.values())
                        .collect(java.util.stream.Collectors.toMap(Feature::key, Feature::description)));
        return "roles/list";
    }

    @GetMapping("/roles/new")
    String newRole(@AuthenticationPrincipal Caller caller, Model model) {
        caller.requireAdmin();
        return form(model, RoleForm.blank(), null);
    }

    @PostMapping("/roles/new")
    String create(
            @AuthenticationPrincipal Caller caller,
            @Valid @ModelAttribute("form") RoleForm form,
            BindingResult binding,
            Model model,
            RedirectAttributes redirect) {
        caller.requireAdmin();
        if (!binding.hasErrors()) {
            try {
                RoleView created = roles.create(caller.practiceId(), form.draft());
                redirect.addFlashAttribute("notice", "The role " + created.name() + " was created.");
                return "redirect:/roles";
            } catch (CaseloadException e) {
                reject(e, binding);
            }
        }
        return form(model, form, null);
    }

    @GetMapping("/roles/{id}")
    String edit(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, Model model) {
        RoleView role = roles.get(caller.practiceId(), new RoleId(id));
        return form(model, RoleForm.of(role), role);
    }

    @PostMapping("/roles/{id}")
    String replace(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID id,
            @Valid @ModelAttribute("form") RoleForm form,
            BindingResult binding,
            Model model,
            RedirectAttributes redirect) {
        caller.requireAdmin();
        RoleView role = roles.get(caller.practiceId(), new RoleId(id));
        if (!binding.hasErrors()) {
            try {
                RoleView saved = roles.replace(caller.practiceId(), role.id(), form.draft());
                redirect.addFlashAttribute("notice", "The role " + saved.name() + " was saved.");
                return "redirect:/roles";
            } catch (CaseloadException e) {
                reject(e, binding);
            }
        }
        return form(model, form, role);
    }

    @PostMapping("/roles/{id}/delete")
    String delete(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, RedirectAttributes redirect) {
        caller.requireAdmin();
        RoleView role = roles.get(caller.practiceId(), new RoleId(id));
        try {
            roles.delete(caller.practiceId(), role.id());
            redirect.addFlashAttribute("notice", "The role " + role.name() + " was deleted.");
        } catch (CaseloadException e) {
            if (e.status() == 403 || e.status() == 404) {
                throw e;
            }
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/roles";
    }

    private static void reject(CaseloadException e, BindingResult binding) {
        if (e.status() == 403) {
            throw e;
        }
        if (e.type().equals("role-name-taken")) {
            binding.rejectValue("name", e.type(), e.getMessage());
        } else {
            FormErrors.reject(e, binding);
        }
    }

    private static String form(Model model, RoleForm form, RoleView role) {
        model.addAttribute("form", form);
        model.addAttribute("role", role);
        model.addAttribute("features", Feature.values());
        model.addAttribute("modifiers", MODIFIERS);
        return "roles/form";
    }
}
