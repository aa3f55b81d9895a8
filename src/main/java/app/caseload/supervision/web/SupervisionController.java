package app.caseload.supervision.web;

import app.caseload.shared.Caller;
import app.caseload.shared.MemberId;
import app.caseload.shared.Page;
import app.caseload.supervision.Supervision;
import app.caseload.therapists.MemberJson;
import app.caseload.therapists.TherapistView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
class SupervisionController {

    private final Supervision supervision;

    SupervisionController(Supervision supervision) {
        this.supervision = supervision;
    }

    record AssignRequest(@NotNull UUID supervisorId) {}

    record SupervisionResponse(UUID supervisorId, UUID superviseeId, Instant startedAt, Instant endedAt) {}

    @PostMapping("/therapists/{id}/supervisors")
    ResponseEntity<MemberJson> assign(
            @AuthenticationPrincipal Caller caller, @PathVariable UUID id, @Valid @RequestBody AssignRequest request) {
        TherapistView supervisee =
                supervision.assignSupervisor(caller, new MemberId(id), new MemberId(request.supervisorId()));
        return ResponseEntity.status(HttpStatus.CREATED).body(MemberJson.of(supervisee));
    }

    @DeleteMapping("/therapists/{id}/supervisors/{supervisorId}")
    ResponseEntity<Void> end(
            @AuthenticationPrincipal Caller caller, @PathVariable UUID id, @PathVariable UUID supervisorId) {
        supervision.endSupervision(caller, new MemberId(id), new MemberId(supervisorId));
        return ResponseEntity.noContent().build();
    }

    /** The supervisee's supervision history, current and ended (an addition to the contract). */
    @GetMapping("/therapists/{id}/supervisors")
    Page<SupervisionResponse> history(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        return new Page<>(
                supervision.history(caller, new MemberId(id)).stream()
                        .map(s -> new SupervisionResponse(
                                s.supervisorId().value(), s.superviseeId().value(), s.startedAt(), s.endedAt()))
                        .toList(),
                null);
    }

    @GetMapping("/supervisees")
    Page<MemberJson> supervisees(@AuthenticationPrincipal Caller caller) {
        return new Page<>(
                supervision.supervisees(caller).stream().map(MemberJson::of).toList(), null);
    }
}
