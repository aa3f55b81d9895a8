package app.caseload.roles;

import app.caseload.shared.CaseloadException;
import java.util.List;
import java.util.Map;

/** The fields of a role to create or to replace with; checked against the feature catalogue. */
public record RoleDraft(
        String name,
        String description,
        Map<String, Boolean> features,
        boolean requiresSupervision,
        boolean canSupervise,
        BillingModifier billingModifier) {

    public RoleDraft {
        name = name == null ? "" : name.trim();
        description = description == null ? "" : description.trim();
        features = features == null ? Map.of() : Map.copyOf(features);
        List<String> unknown = features.keySet().stream()
                .filter(key -> Feature.byKey(key).isEmpty())
                .sorted()
                .toList();
        if (!unknown.isEmpty()) {
            throw CaseloadException.invalid("unknown-feature", "Unknown feature: " + String.join(", ", unknown) + ".")
                    .with(
                            "errors",
                            unknown.stream()
                                    .map(key -> Map.of(
                                            "field", "features." + key, "message", "is not a feature of the catalogue"))
                                    .toList());
        }
        if (name.isEmpty()) {
            throw CaseloadException.invalid("validation", "A role needs a name.")
                    .with("errors", List.of(Map.of("field", "name", "message", "must not be blank")));
        }
    }
}
