package app.caseload.therapists.web;

import app.caseload.shared.Caller;
import app.caseload.shared.MemberId;
import app.caseload.shared.MemberStatus;
import app.caseload.shared.Page;
import app.caseload.shared.RoleId;
import app.caseload.therapists.MemberJson;
import app.caseload.therapists.Therapists;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/therapists")
class TherapistController {

    private final Therapists therapists;

    TherapistController(Therapists therapists) {
        this.therapists = therapists;
    }

    record StatusRequest(@NotNull MemberStatus status) {}

    record RoleRequest(@NotNull UUID roleId) {}

    record AdminRequest(@NotNull Boolean admin) {}

    @GetMapping
    Page<MemberJson> roster(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(required = false) MemberStatus status,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        return therapists.roster(caller, status, cursor, Page.limit(limit)).map(MemberJson::of);
    }

    @GetMapping("/{id}")
    MemberJson profile(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        return MemberJson.of(therapists.profile(caller, new MemberId(id)));
    }

    @PutMapping("/{id}/status")
    MemberJson changeStatus(
            @AuthenticationPrincipal Caller caller, @PathVariable UUID id, @Valid @RequestBody StatusRequest request) {
        return MemberJson.of(therapists.changeStatus(caller, new MemberId(id), request.status()));
    }

    @PutMapping("/{id}/role")
    MemberJson changeRole(
            @AuthenticationPrincipal Caller caller, @PathVariable UUID id, @Valid @RequestBody RoleRequest request) {
        return MemberJson.of(therapists.changeRole(caller, new MemberId(id), new RoleId(request.roleId())));
    }

    @PutMapping("/{id}/admin")
    MemberJson setAdmin(
            @AuthenticationPrincipal Caller caller, @PathVariable UUID id, @Valid @RequestBody AdminRequest request) {
        return MemberJson.of(therapists.setAdmin(caller, new MemberId(id), request.admin()));
    }

    /** Ends all sign-ins of the member at once (a lost device, a suspected leak); admins only. */
    @PostMapping("/{id}/sessions/revoke")
    ResponseEntity<Void> endSignIns(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        therapists.endSignIns(caller, new MemberId(id));
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> remove(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID id,
            @RequestParam(required = false) UUID reassignTo) {
        therapists.remove(caller, new MemberId(id), reassignTo == null ? null : new MemberId(reassignTo));
        return ResponseEntity.noContent().build();
    }
}
