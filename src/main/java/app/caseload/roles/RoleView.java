package app.caseload.roles;

import app.caseload.shared.RoleId;
import java.util.Map;

/** A role as the API shows it; {@code features} holds the overrides only. */
public record RoleView(
        RoleId id,
        String name,
        String description,
        Map<String, Boolean> features,
        boolean requiresSupervision,
        boolean canSupervise,
        BillingModifier billingModifier,
        int memberCount) {

    /** The role's rules, without its member count. */
    public RoleRules rules() {
        return new RoleRules(id, name, features, requiresSupervision, canSupervise, billingModifier);
    }

    /** Every catalogue feature, with this role's overrides applied over the defaults. */
    public Map<String, Boolean> effectiveFeatures() {
        return rules().effectiveFeatures();
    }

    public boolean allows(Feature feature) {
        return rules().allows(feature);
    }
}
