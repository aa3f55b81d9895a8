package app.caseload.audit.web;

import app.caseload.audit.AuditLog;
import app.caseload.shared.Caller;
import app.caseload.shared.CaseloadException;
import app.caseload.shared.Page;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/v1/audit")
class AuditController {

    private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final AuditLog log;
    private final JsonMapper json;

    AuditController(AuditLog log, JsonMapper json) {
        this.log = log;
        this.json = json;
    }

    record EventResponse(
            UUID id,
            Instant at,
            UUID actorMemberId,
            UUID actorAccountId,
            String action,
            String targetType,
            UUID targetId,
            List<UUID> clientIds,
            String ip,
            JsonNode detail) {}

    @GetMapping
    Page<EventResponse> search(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(required = false) UUID actorId,
            @RequestParam(required = false) UUID clientId,
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        AuditLog.Filter filter = filter(actorId, clientId, from, to);
        return log.search(caller, filter, cursor, Page.limit(limit))
                .map(e -> new EventResponse(
                        e.id(),
                        e.at(),
                        e.actorMemberId(),
                        e.actorAccountId(),
                        e.action(),
                        e.targetType(),
                        e.targetId(),
                        e.clientIds(),
                        e.ip(),
                        json.readTree(e.detail())));
    }

    /** The whole matching trail as CSV, written page by page so memory stays flat. */
    @GetMapping("/export")
    void export(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(required = false) UUID actorId,
            @RequestParam(required = false) UUID clientId,
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to,
            HttpServletResponse response)
            throws IOException {
        AuditLog.Filter filter = filter(actorId, clientId, from, to);
        AuditCsv.export(log, caller, filter, response);
    }

    private static AuditLog.Filter filter(UUID actorId, UUID clientId, Instant from, Instant to) {
        if (from != null && to != null && from.isAfter(to)) {
            throw CaseloadException.invalid("invalid-range", "'from' must not be after 'to'.")
                    .with("errors", List.of(Map.of("field", "from", "message", "must not be after 'to'")));
        }
        return new AuditLog.Filter(actorId, clientId, from, to);
    }
}
