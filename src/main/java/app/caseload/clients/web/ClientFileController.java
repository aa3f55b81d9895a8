package app.caseload.clients.web;

import app.caseload.clients.ClientExport;
import app.caseload.clients.ClientFile;
import app.caseload.clients.ClientImport;
import app.caseload.shared.Caller;
import app.caseload.shared.CaseloadException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Clients in and out as CSV files ({@link ClientFile}): the import with its dry run, and the export. */
@RestController
@RequestMapping("/api/v1/clients")
class ClientFileController {

    private final ClientImport clientImport;
    private final ClientExport clientExport;

    ClientFileController(ClientImport clientImport, ClientExport clientExport) {
        this.clientImport = clientImport;
        this.clientExport = clientExport;
    }

    record ImportResponse(int rows, int created, boolean dryRun, List<ClientImport.Problem> problems) {

        static ImportResponse of(ClientImport.Result result) {
            return new ImportResponse(result.rows(), result.created(), result.dryRun(), result.problems());
        }
    }

    /**
     * Checks a CSV file of clients ({@code dryRun=true}, the default: nothing changes) or imports it
     * ({@code dryRun=false}: every client or, with any problem, none). The body is the file itself,
     * {@code text/csv} in UTF-8, at most {@link ClientFile#MAX_BYTES} bytes.
     */
    @PostMapping(path = "/import", consumes = "text/csv")
    ImportResponse importClients(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(defaultValue = "true") boolean dryRun,
            HttpServletRequest request)
            throws IOException {
        // Who may is decided before a byte of the file is read.
        clientImport.requireMayImport(caller);
        // The charset the sender declared (the request's own encoding is forced to UTF-8 by Spring Boot).
        String declared = MediaType.parseMediaType(request.getContentType()).getParameter("charset");
        if (declared != null && !isUtf8(declared)) {
            return new ImportResponse(
                    0,
                    0,
                    dryRun,
                    List.of(new ClientImport.Problem(
                            0,
                            null,
                            "The file must be UTF-8 text; the request says charset=" + shortened(declared) + ".")));
        }
        byte[] file = readAtMost(request.getInputStream(), request.getContentLengthLong());
        return ImportResponse.of(clientImport.run(caller, file, dryRun));
    }

    /** The clients the caller sees, as a CSV file with the import's columns. */
    @GetMapping("/export")
    void export(@AuthenticationPrincipal Caller caller, HttpServletResponse response) throws IOException {
        clientExport.requireMayExport(caller);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(
                HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment()
                        .filename(clientExport.fileName(caller))
                        .build()
                        .toString());
        clientExport.write(caller, response.getOutputStream());
    }

    /** The body, or 413 when it is (or says it is) larger than an import takes. */
    static byte[] readAtMost(InputStream in, long declaredLength) throws IOException {
        if (declaredLength > ClientFile.MAX_BYTES) {
            throw tooLarge();
        }
        byte[] body = in.readNBytes((int) ClientFile.MAX_BYTES + 1);
        if (body.length > ClientFile.MAX_BYTES) {
            throw tooLarge();
        }
        return body;
    }

    static CaseloadException tooLarge() {
        return new CaseloadException(
                413,
                "file-too-large",
                "Request too large",
                "The file is larger than " + ClientFile.MAX_BYTES / (1024 * 1024)
                        + " MB; split it into smaller files.");
    }

    private static boolean isUtf8(String charset) {
        try {
            return Charset.forName(charset.replace("\"", "")).equals(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String shortened(String text) {
        String safe = text.replaceAll("[^A-Za-z0-9._-]", "?");
        return safe.length() > 40 ? safe.substring(0, 40) : safe;
    }
}
