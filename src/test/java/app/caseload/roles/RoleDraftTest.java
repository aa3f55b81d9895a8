package app.caseload.roles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.caseload.shared.CaseloadException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoleDraftTest {

    @Test
    void rejectsUnknownFeatureKeys() {
        assertThatThrownBy(() -> new RoleDraft("Intern", "", Map.of("clients.teleport", true), false, false, null))
                .isInstanceOfSatisfying(CaseloadException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.type()).isEqualTo("unknown-feature");
                });
    }

    @Test
    void overridesApplyOverCatalogueDefaults() {
        RoleView role = new RoleView(
                null,
                "Intern",
                "",
                Map.of("clients.create", false, "billing.view", true),
                true,
                false,
                BillingModifier.HL,
                0);
        assertThat(role.allows(Feature.CLIENTS_CREATE)).isFalse();
        assertThat(role.allows(Feature.BILLING_VIEW)).isTrue();
        assertThat(role.allows(Feature.NOTES_SIGN_INDEPENDENTLY))
                .isEqualTo(Feature.NOTES_SIGN_INDEPENDENTLY.defaultEnabled());
        assertThat(role.effectiveFeatures()).hasSize(Feature.values().length);
    }

    @Test
    void theCatalogueHasEveryFeatureTheSpecNames() {
        assertThat(java.util.Arrays.stream(Feature.values()).map(Feature::key))
                .contains(
                        "clients.view_practice",
                        "clients.reassign",
                        "clients.create",
                        "sessions.schedule_others",
                        "notes.sign_independently",
                        "billing.view",
                        "reports.view",
                        "clients.export");
    }

    @Test
    void defaultRolesFollowTheSpec() {
        assertThat(Roles.DEFAULTS)
                .extracting(RoleDraft::name)
                .containsExactly("Intern", "Associate", "Licensed Therapist", "Supervisor");
        assertThat(Roles.DEFAULTS.get(0).requiresSupervision()).isTrue();
        assertThat(Roles.DEFAULTS.get(3).canSupervise()).isTrue();
    }
}
