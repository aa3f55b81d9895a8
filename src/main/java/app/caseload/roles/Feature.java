package app.caseload.roles;

import java.util.Arrays;
import java.util.Optional;

/** The fixed catalogue of features a role can switch on or off (SPEC §3), with their defaults. */
public enum Feature {
    CLIENTS_VIEW_PRACTICE(
            "clients.view_practice", "See all practice clients (never other therapists' direct clients)", false),
    CLIENTS_REASSIGN("clients.reassign", "Reassign clients between therapists", false),
    CLIENTS_CREATE("clients.create", "Add new clients", true),
    SESSIONS_SCHEDULE_OTHERS("sessions.schedule_others", "Schedule sessions for other therapists", false),
    NOTES_SIGN_INDEPENDENTLY("notes.sign_independently", "Sign notes without a supervisor's co-signature", true),
    BILLING_VIEW("billing.view", "See claims and billing", false),
    REPORTS_VIEW("reports.view", "See practice reports", false),
    CLIENTS_EXPORT("clients.export", "Export client data", false);

    private final String key;
    private final String description;
    private final boolean defaultEnabled;

    Feature(String key, String description, boolean defaultEnabled) {
        this.key = key;
        this.description = description;
        this.defaultEnabled = defaultEnabled;
    }

    public String key() {
        return key;
    }

    public String description() {
        return description;
    }

    public boolean defaultEnabled() {
        return defaultEnabled;
    }

    public static Optional<Feature> byKey(String key) {
        return Arrays.stream(values()).filter(f -> f.key.equals(key)).findFirst();
    }
}
