package app.caseload.audit.web;

import app.caseload.audit.AuditLog;
import app.caseload.shared.Caller;
import app.caseload.shared.web.Csv;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.stream.Collectors;

/** The audit trail as CSV, streamed page by page: one writer for the API and the dashboard. */
final class AuditCsv {

    private AuditCsv() {}

    /** RFC 4180 quoting, and a leading quote before =, +, -, @ so spreadsheets never run a cell as a formula. */
    static String cell(Object value) {
        return Csv.cell(value);
    }

    /** Records the export itself in the trail, then streams every matching entry as {@code audit.csv}. */
    static void export(AuditLog log, Caller caller, AuditLog.Filter filter, HttpServletResponse response)
            throws IOException {
        log.recordExport(caller, filter);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"audit.csv\"");
        Writer writer = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8));
        writer.write("id,at,actorMemberId,actorAccountId,action,targetType,targetId,clientIds,ip,detail\r\n");
        try {
            log.export(caller, filter, e -> {
                try {
                    writer.write(Csv.row(
                            e.id(),
                            e.at(),
                            e.actorMemberId(),
                            e.actorAccountId(),
                            e.action(),
                            e.targetType(),
                            e.targetId(),
                            e.clientIds().stream().map(UUID::toString).collect(Collectors.joining(" ")),
                            e.ip(),
                            e.detail()));
                } catch (IOException io) {
                    throw new UncheckedIOException(io);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        writer.flush();
    }
}
