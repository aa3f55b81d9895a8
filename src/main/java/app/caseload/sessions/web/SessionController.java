package app.caseload.sessions.web;

import app.caseload.sessions.NoteStatus;
import app.caseload.sessions.NoteView;
import app.caseload.sessions.SessionStatus;
import app.caseload.sessions.SessionView;
import app.caseload.sessions.Sessions;
import app.caseload.shared.Caller;
import app.caseload.shared.ClientId;
import app.caseload.shared.MemberId;
import app.caseload.shared.MemberStatus;
import app.caseload.shared.Page;
import app.caseload.shared.SessionId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
class SessionController {

    private final Sessions sessions;

    SessionController(Sessions sessions) {
        this.sessions = sessions;
    }

    record NewSessionRequest(
            @NotNull UUID clientId,
            @NotNull UUID therapistId,
            @NotNull Instant startsAt,
            @NotNull @Min(1) @Max(480) Integer durationMinutes,

            @NotNull @Pattern(regexp = "[0-9A-Z]{5}", message = "must be a 5-character CPT/HCPCS code")
            String serviceCode,

            @PositiveOrZero @Max(100_000_000) Long chargeCents) {}

    record NoteRequest(@NotNull @Size(max = 100_000) String text) {}

    record SessionResponse(
            UUID id,
            UUID clientId,
            UUID therapistId,
            Instant startsAt,
            int durationMinutes,
            String serviceCode,
            long chargeCents,
            SessionStatus status,
            NoteStatus noteStatus,
            MemberStatus therapistStatus) {

        static SessionResponse of(SessionView v) {
            return new SessionResponse(
                    v.id().value(),
                    v.clientId().value(),
                    v.therapistId().value(),
                    v.startsAt(),
                    v.durationMinutes(),
                    v.serviceCode(),
                    v.chargeCents(),
                    v.status(),
                    v.noteStatus(),
                    v.therapistStatus());
        }
    }

    record NoteResponse(
            UUID sessionId,
            UUID authorId,
            NoteStatus status,
            String text,
            Instant signedAt,
            UUID cosignedBy,
            Instant cosignedAt) {

        static NoteResponse of(NoteView n) {
            return new NoteResponse(
                    n.sessionId().value(),
                    n.authorId().value(),
                    n.status(),
                    n.text(),
                    n.signedAt(),
                    n.cosignedBy() == null ? null : n.cosignedBy().value(),
                    n.cosignedAt());
        }
    }

    @PostMapping("/sessions")
    ResponseEntity<SessionResponse> schedule(
            @AuthenticationPrincipal Caller caller, @Valid @RequestBody NewSessionRequest request) {
        SessionView session = sessions.schedule(
                caller,
                new Sessions.NewSession(
                        new ClientId(request.clientId()),
                        new MemberId(request.therapistId()),
                        request.startsAt(),
                        request.durationMinutes(),
                        request.serviceCode(),
                        request.chargeCents()));
        return ResponseEntity.status(HttpStatus.CREATED).body(SessionResponse.of(session));
    }

    @GetMapping("/sessions/{id}")
    SessionResponse get(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        return SessionResponse.of(sessions.get(caller, new SessionId(id)));
    }

    @PostMapping("/sessions/{id}/complete")
    SessionResponse complete(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        return SessionResponse.of(sessions.complete(caller, new SessionId(id)));
    }

    @PostMapping("/sessions/{id}/cancel")
    SessionResponse cancel(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        return SessionResponse.of(sessions.cancel(caller, new SessionId(id)));
    }

    @PostMapping("/sessions/{id}/no-show")
    SessionResponse noShow(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        return SessionResponse.of(sessions.markNoShow(caller, new SessionId(id)));
    }

    @GetMapping("/sessions/{id}/note")
    NoteResponse note(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        return NoteResponse.of(sessions.note(caller, new SessionId(id)));
    }

    @PutMapping("/sessions/{id}/note")
    SessionResponse writeNote(
            @AuthenticationPrincipal Caller caller, @PathVariable UUID id, @Valid @RequestBody NoteRequest request) {
        return SessionResponse.of(sessions.writeNote(caller, new SessionId(id), request.text()));
    }

    @PostMapping("/sessions/{id}/note/sign")
    SessionResponse sign(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        return SessionResponse.of(sessions.signNote(caller, new SessionId(id)));
    }

    @PostMapping("/sessions/{id}/note/cosign")
    SessionResponse cosign(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        return SessionResponse.of(sessions.cosignNote(caller, new SessionId(id)));
    }

    @GetMapping("/notes/pending")
    Page<SessionResponse> pending(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        return sessions.pendingNotes(caller, cursor, Page.limit(limit)).map(SessionResponse::of);
    }

    @GetMapping("/clients/{id}/sessions")
    Page<SessionResponse> ofClient(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID id,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        return sessions.ofClient(caller, new ClientId(id), cursor, Page.limit(limit))
                .map(SessionResponse::of);
    }

    @GetMapping("/therapists/{id}/sessions")
    Page<SessionResponse> ofTherapist(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID id,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        return sessions.ofTherapist(caller, new MemberId(id), cursor, Page.limit(limit))
                .map(SessionResponse::of);
    }
}
