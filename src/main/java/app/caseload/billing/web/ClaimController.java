package app.caseload.billing.web;

import app.caseload.billing.ClaimLine;
import app.caseload.billing.Claims;
import app.caseload.shared.Caller;
import app.caseload.shared.Page;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ClaimController {

    private final Claims claims;

    ClaimController(Claims claims) {
        this.claims = claims;
    }

    record ClaimResponse(
            UUID sessionId,
            LocalDate serviceDate,
            UUID clientId,
            String serviceCode,
            List<String> modifiers,
            UUID renderingTherapistId,
            UUID supervisingTherapistId,
            long chargeCents) {

        static ClaimResponse of(ClaimLine l) {
            return new ClaimResponse(
                    l.sessionId().value(),
                    l.serviceDate(),
                    l.clientId().value(),
                    l.serviceCode(),
                    l.modifiers(),
                    l.renderingTherapistId().value(),
                    l.supervisingTherapistId() == null
                            ? null
                            : l.supervisingTherapistId().value(),
                    l.chargeCents());
        }
    }

    @GetMapping("/api/v1/claims")
    Page<ClaimResponse> claims(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        return claims.lines(caller, from, to, cursor, Page.limit(limit)).map(ClaimResponse::of);
    }
}
