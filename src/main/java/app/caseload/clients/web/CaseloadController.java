package app.caseload.clients.web;

import app.caseload.clients.CaseloadCategory;
import app.caseload.clients.Clients;
import app.caseload.shared.Caller;
import app.caseload.shared.MemberId;
import app.caseload.shared.Page;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class CaseloadController {

    private final Clients clients;

    CaseloadController(Clients clients) {
        this.clients = clients;
    }

    record CaseloadItem(ClientResponse client, CaseloadCategory category) {}

    @GetMapping("/api/v1/therapists/{id}/caseload")
    Page<CaseloadItem> caseload(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID id,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        return clients.caseload(caller, new MemberId(id), cursor, Page.limit(limit))
                .map(e -> new CaseloadItem(ClientResponse.of(e.client()), e.category()));
    }
}
