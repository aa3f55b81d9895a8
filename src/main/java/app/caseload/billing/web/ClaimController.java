package app.caseload.billing.web;

import app.caseload.billing.ClaimLine;
import app.caseload.billing.Claims;
import app.caseload.shared.Caller;
import app.caseload.shared.CaseloadException;
import app.caseload.shared.Page;
import app.caseload.shared.web.Csv;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ClaimController {

    private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    private static final MediaType X12 = new MediaType("application", "edi-x12", StandardCharsets.US_ASCII);

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

    /**
     * The claim lines of the period as a file: {@code csv} (the columns of {@code GET /claims}) or
     * {@code x12-837p}. Recorded in the audit trail as a read of every client in it.
     */
    @GetMapping("/api/v1/claims/export")
    void export(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(required = false, defaultValue = "csv") String format,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            HttpServletResponse response)
            throws IOException {
        // Written to the response directly: a file download answers whatever the Accept header says.
        switch (format) {
            case "csv" -> file(response, csv(claims.export(caller, from, to, "csv")), CSV, "claims.csv");
            case "x12-837p" -> file(response, claims.x12(caller, from, to), X12, "claims.837");
            default ->
                throw CaseloadException.invalid("unknown-format", "format must be csv or x12-837p.")
                        .with("errors", List.of(Map.of("field", "format", "message", "must be csv or x12-837p")));
        }
    }

    static final String CSV_HEADER =
            "sessionId,serviceDate,clientId,serviceCode,modifiers,renderingTherapistId,supervisingTherapistId,"
                    + "chargeCents\r\n";

    private static String csv(Claims.Export export) {
        StringBuilder out = new StringBuilder(CSV_HEADER);
        for (Claims.ExportLine line : export.lines()) {
            ClaimResponse c = ClaimResponse.of(line.line());
            out.append(Csv.row(
                    c.sessionId(),
                    c.serviceDate(),
                    c.clientId(),
                    c.serviceCode(),
                    String.join(" ", c.modifiers()),
                    c.renderingTherapistId(),
                    c.supervisingTherapistId(),
                    c.chargeCents()));
        }
        return out.toString();
    }

    private static void file(HttpServletResponse response, String body, MediaType type, String name)
            throws IOException {
        byte[] bytes = body.getBytes(type.getCharset());
        response.setContentType(type.toString());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
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
