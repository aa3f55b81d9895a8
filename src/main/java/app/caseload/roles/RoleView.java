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

    /** Every catalogue feature, with this role's overrides applied over the defaults. */
    public Map<String, Boolean> effectiveFeatures() {
        Map<String, Boolean> effective = new java.util.LinkedHashMap<>();
        for (Feature feature : Feature.values()) {
            effective.put(feature.key(), features.getOrDefault(feature.key(), feature.defaultEnabled()));
        }
        return effective;
    }

    public boolean allows(Feature feature) {
        return features.getOrDefault(feature.key(), feature.defaultEnabled());
    }
}
