package app.caseload.roles;

import app.caseload.shared.RoleId;
import java.util.Map;

/**
 * What a role lets its members do: the part of a role that authorisation and clinical rules read on
 * every request, without the role's member count (which only the roles endpoints show).
 */
public record RoleRules(
        RoleId id,
        String name,
        Map<String, Boolean> features,
        boolean requiresSupervision,
        boolean canSupervise,
        BillingModifier billingModifier) {

    /** Every catalogue feature, with this role's overrides applied over the defaults. */
    public Map<String, Boolean> effectiveFeatures() {
        Map<String, Boolean> effective = new java.util.LinkedHashMap<>();
        for (Feature feature : Feature.values()) {
            effective.put(feature.key(), allows(feature));
        }
        return effective;
    }

    public boolean allows(Feature feature) {
        return features.getOrDefault(feature.key(), feature.defaultEnabled());
    }
}
