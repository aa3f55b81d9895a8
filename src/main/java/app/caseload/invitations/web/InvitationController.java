package app.caseload.invitations.web;

import static app.caseload.accounts.SignInThrottle.Door.INVITATION;

import app.caseload.accounts.SignInThrottle;
import app.caseload.invitations.InvitationPreview;
import app.caseload.invitations.InvitationStatus;
import app.caseload.invitations.InvitationView;
import app.caseload.invitations.Invitations;
import app.caseload.shared.Caller;
import app.caseload.shared.InvitationId;
import app.caseload.shared.Page;
import app.caseload.shared.RoleId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/invitations")
class InvitationController {

    private final Invitations invitations;
    private final SignInThrottle throttle;

    InvitationController(Invitations invitations, SignInThrottle throttle) {
        this.invitations = invitations;
        this.throttle = throttle;
    }

    record InviteRequest(
            @NotBlank @Size(max = 200) String fullName,
            @NotBlank @Email @Size(max = 320) String email,
            @NotNull UUID roleId,
            Boolean admin) {}

    record InvitationResponse(
            UUID id,
            String fullName,
            String email,
            UUID roleId,
            boolean admin,
            InvitationStatus status,
            UUID invitedById,
            Instant createdAt,
            Instant expiresAt) {

        static InvitationResponse of(InvitationView v) {
            return new InvitationResponse(
                    v.id().value(),
                    v.fullName(),
                    v.email(),
                    v.roleId() == null ? null : v.roleId().value(),
                    v.admin(),
                    v.status(),
                    v.invitedById().value(),
                    v.createdAt(),
                    v.expiresAt());
        }
    }

    record TokenRequest(@NotBlank @Size(max = 200) String token) {}

    /** {@code code}: a current second-factor code, needed only when an existing account has one. */
    record AcceptRequest(
            @NotBlank @Size(max = 200) String token,
            @NotNull @Size(max = 256) String password,
            @Size(max = 10) String code) {}

    record AcceptResponse(UUID memberId, UUID practiceId, String token) {}

    @PostMapping
    ResponseEntity<InvitationResponse> invite(
            @AuthenticationPrincipal Caller caller, @Valid @RequestBody InviteRequest request) {
        InvitationView invitation = invitations.invite(
                caller,
                request.fullName(),
                request.email(),
                new RoleId(request.roleId()),
                Boolean.TRUE.equals(request.admin()));
        return ResponseEntity.status(HttpStatus.CREATED).body(InvitationResponse.of(invitation));
    }

    @GetMapping
    Page<InvitationResponse> list(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(required = false) InvitationStatus status,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        return invitations.list(caller, status, cursor, Page.limit(limit)).map(InvitationResponse::of);
    }

    @GetMapping("/{id}")
    InvitationResponse get(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        return InvitationResponse.of(invitations.get(caller, new InvitationId(id)));
    }

    @PostMapping("/{id}/resend")
    InvitationResponse resend(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        return InvitationResponse.of(invitations.resend(caller, new InvitationId(id)));
    }

    @PostMapping("/{id}/revoke")
    InvitationResponse revoke(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        return InvitationResponse.of(invitations.revoke(caller, new InvitationId(id)));
    }

    @PostMapping("/preview")
    InvitationPreview preview(@Valid @RequestBody TokenRequest request) {
        return throttle.guard(INVITATION, () -> invitations.preview(request.token()));
    }

    @PostMapping("/accept")
    AcceptResponse accept(@Valid @RequestBody AcceptRequest request) {
        Invitations.Accepted accepted = throttle.guard(
                INVITATION, () -> invitations.accept(request.token(), request.password(), request.code()));
        return new AcceptResponse(
                accepted.memberId().value(),
                accepted.practiceId().value(),
                accepted.token().token());
    }

    @PostMapping("/decline")
    ResponseEntity<Void> decline(@Valid @RequestBody TokenRequest request) {
        throttle.guard(INVITATION, () -> {
            invitations.decline(request.token());
            return null;
        });
        return ResponseEntity.ok().build();
    }
}
