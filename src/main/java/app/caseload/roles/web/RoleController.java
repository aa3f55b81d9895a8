package app.caseload.roles.web;

import app.caseload.roles.BillingModifier;
import app.caseload.roles.Feature;
import app.caseload.roles.RoleDraft;
import app.caseload.roles.RoleView;
import app.caseload.roles.Roles;
import app.caseload.shared.Caller;
import app.caseload.shared.RoleId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
class RoleController {

    private final Roles roles;

    RoleController(Roles roles) {
        this.roles = roles;
    }

    record FeatureResponse(String key, String description, boolean defaultEnabled) {}

    record RoleRequest(
            @NotBlank @Size(max = 100) String name,
            @Size(max = 2000) String description,
            @Size(max = 50) Map<String, Boolean> features,
            Boolean requiresSupervision,
            Boolean canSupervise,
            BillingModifier billingModifier) {

        RoleDraft draft() {
            return new RoleDraft(
                    name,
                    description,
                    features,
                    Boolean.TRUE.equals(requiresSupervision),
                    Boolean.TRUE.equals(canSupervise),
                    billingModifier);
        }
    }

    record RoleResponse(
            UUID id,
            String name,
            String description,
            Map<String, Boolean> features,
            boolean requiresSupervision,
            boolean canSupervise,
            BillingModifier billingModifier,
            int memberCount) {

        static RoleResponse of(RoleView role) {
            return new RoleResponse(
                    role.id().value(),
                    role.name(),
                    role.description(),
                    role.features(),
                    role.requiresSupervision(),
                    role.canSupervise(),
                    role.billingModifier(),
                    role.memberCount());
        }
    }

    record RoleList(List<RoleResponse> items) {}

    @GetMapping("/features")
    List<FeatureResponse> features() {
        return Arrays.stream(Feature.values())
                .map(f -> new FeatureResponse(f.key(), f.description(), f.defaultEnabled()))
                .toList();
    }

    @GetMapping("/roles")
    RoleList list(@AuthenticationPrincipal Caller caller) {
        return new RoleList(
                roles.list(caller.practiceId()).stream().map(RoleResponse::of).toList());
    }

    @GetMapping("/roles/{id}")
    RoleResponse get(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        return RoleResponse.of(roles.get(caller.practiceId(), new RoleId(id)));
    }

    @PostMapping("/roles")
    ResponseEntity<RoleResponse> create(
            @AuthenticationPrincipal Caller caller, @Valid @RequestBody RoleRequest request) {
        caller.requireAdmin();
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(RoleResponse.of(roles.create(caller.practiceId(), request.draft())));
    }

    @PutMapping("/roles/{id}")
    RoleResponse replace(
            @AuthenticationPrincipal Caller caller, @PathVariable UUID id, @Valid @RequestBody RoleRequest request) {
        caller.requireAdmin();
        return RoleResponse.of(roles.replace(caller.practiceId(), new RoleId(id), request.draft()));
    }

    @DeleteMapping("/roles/{id}")
    ResponseEntity<Void> delete(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        caller.requireAdmin();
        roles.delete(caller.practiceId(), new RoleId(id));
        return ResponseEntity.noContent().build();
    }
}
