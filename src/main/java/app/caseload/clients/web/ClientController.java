package app.caseload.clients.web;

import app.caseload.clients.ClientKind;
import app.caseload.clients.ClientOrder;
import app.caseload.clients.ClientStatus;
import app.caseload.clients.Clients;
import app.caseload.clients.RiskLevel;
import app.caseload.shared.Caller;
import app.caseload.shared.ClientId;
import app.caseload.shared.MemberId;
import app.caseload.shared.Page;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/clients")
class ClientController {

    private final Clients clients;

    ClientController(Clients clients) {
        this.clients = clients;
    }

    record NewClientRequest(
            @NotBlank @Size(max = 200) String fullName,
            @NotNull @PastOrPresent LocalDate dateOfBirth,
            @Email @Size(max = 320) String email,
            @Size(max = 50) String phone,
            @NotNull ClientKind kind,
            @NotNull UUID therapistId) {}

    record ChangesRequest(
            @Size(min = 1, max = 200) String fullName,
            @Email @Size(max = 320) String email,
            @Size(max = 50) String phone,
            ClientStatus status) {}

    record ReassignRequest(@NotNull UUID therapistId) {}

    record ReassignAllRequest(
            @NotNull UUID fromTherapistId, @NotNull UUID toTherapistId) {}

    record ReassignAllResponse(int reassigned) {}

    record RiskRequest(
            @NotNull RiskLevel level, @Size(max = 2000) String note) {}

    record AssignmentResponse(Instant at, UUID byMemberId, UUID fromTherapistId, UUID toTherapistId) {}

    record RiskResponse(Instant at, UUID byMemberId, RiskLevel level, String note) {}

    @PostMapping
    ResponseEntity<ClientResponse> register(
            @AuthenticationPrincipal Caller caller, @Valid @RequestBody NewClientRequest request) {
        var client = clients.register(
                caller,
                new Clients.NewClient(
                        request.fullName(),
                        request.dateOfBirth(),
                        request.email(),
                        request.phone(),
                        request.kind(),
                        new MemberId(request.therapistId())));
        return ResponseEntity.status(HttpStatus.CREATED).body(ClientResponse.of(client));
    }

    @GetMapping
    Page<ClientResponse> list(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(required = false) UUID therapistId,
            @RequestParam(required = false) ClientStatus status,
            @RequestParam(required = false) RiskLevel riskLevel,
            @RequestParam(required = false) ClientKind kind,
            @RequestParam(required = false) @Size(max = 200) String q,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        var filter =
                new Clients.Filter(therapistId == null ? null : new MemberId(therapistId), status, riskLevel, kind, q);
        return clients.list(caller, filter, ClientOrder.of(sort), cursor, Page.limit(limit))
                .map(ClientResponse::of);
    }

    @GetMapping("/{id}")
    ClientResponse get(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        return ClientResponse.of(clients.get(caller, new ClientId(id)));
    }

    @PatchMapping("/{id}")
    ClientResponse update(
            @AuthenticationPrincipal Caller caller, @PathVariable UUID id, @Valid @RequestBody ChangesRequest request) {
        return ClientResponse.of(clients.update(
                caller,
                new ClientId(id),
                new Clients.Changes(request.fullName(), request.email(), request.phone(), request.status())));
    }

    @PostMapping("/{id}/reassign")
    ClientResponse reassign(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID id,
            @Valid @RequestBody ReassignRequest request) {
        return ClientResponse.of(clients.reassign(caller, new ClientId(id), new MemberId(request.therapistId())));
    }

    @PostMapping("/reassign")
    ReassignAllResponse reassignAll(
            @AuthenticationPrincipal Caller caller, @Valid @RequestBody ReassignAllRequest request) {
        return new ReassignAllResponse(clients.reassignAll(
                caller, new MemberId(request.fromTherapistId()), new MemberId(request.toTherapistId())));
    }

    @GetMapping("/{id}/assignments")
    Page<AssignmentResponse> assignments(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        List<AssignmentResponse> items = clients.assignments(caller, new ClientId(id)).stream()
                .map(a -> new AssignmentResponse(
                        a.at(), value(a.byMemberId()), value(a.fromTherapistId()), value(a.toTherapistId())))
                .toList();
        return new Page<>(items, null);
    }

    @PutMapping("/{id}/risk")
    ClientResponse setRisk(
            @AuthenticationPrincipal Caller caller, @PathVariable UUID id, @Valid @RequestBody RiskRequest request) {
        return ClientResponse.of(clients.setRisk(caller, new ClientId(id), request.level(), request.note()));
    }

    @GetMapping("/{id}/risk")
    Page<RiskResponse> risk(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        List<RiskResponse> items = clients.riskHistory(caller, new ClientId(id)).stream()
                .map(r -> new RiskResponse(r.at(), value(r.byMemberId()), r.level(), r.note()))
                .toList();
        return new Page<>(items, null);
    }

    private static UUID value(MemberId id) {
        return id == null ? null : id.value();
    }
}
