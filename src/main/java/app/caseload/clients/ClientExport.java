package app.caseload.clients;

import app.caseload.clients.ClientEvents.ClientDataRead;
import app.caseload.clients.ClientVisibility.Predicate;
import app.caseload.shared.Caller;
import app.caseload.shared.ClientId;
import app.caseload.shared.PracticeZones;
import app.caseload.shared.web.Csv;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Exports the clients the caller sees as a {@link ClientFile} CSV, which imports again unchanged
 * (SPEC §4). Admins, and members whose role has {@code clients.export}
 * ({@link ClientVisibility#mayExport}); what they get is exactly their {@code GET /clients} set.
 *
 * <p>Written in keyset pages of {@value #PAGE} clients straight to the response, so a large practice
 * never sits in memory; each page is its own short query (no connection is held while a slow reader
 * downloads). A cell starting with =, +, -, @, tab or carriage return gets a leading apostrophe so
 * that a spreadsheet does not run it as a formula; the import takes it off again. The export is one
 * read in the audit trail, listing every client written.
 */
@Service
public class ClientExport {

    static final int PAGE = 1000;

    private final JdbcClient jdbc;
    private final ClientVisibility visibility;
    private final ApplicationEventPublisher events;
    private final PracticeZones zones;
    private final Clock clock;

    ClientExport(
            JdbcClient jdbc,
            ClientVisibility visibility,
            ApplicationEventPublisher events,
            PracticeZones zones,
            Clock clock) {
        this.jdbc = jdbc;
        this.visibility = visibility;
        this.events = events;
        this.zones = zones;
        this.clock = clock;
    }

    /** The same policy as every export of client data: the dashboard's link and the request ask it. */
    public boolean mayExport(Caller caller) {
        return visibility.mayExport(caller);
    }

    /** 403 unless {@link #mayExport}: asked before anything is written. */
    public void requireMayExport(Caller caller) {
        visibility.requireExport(caller);
    }

    /** {@code clients-YYYY-MM-DD.csv}, dated the practice's today. */
    public String fileName(Caller caller) {
        return "clients-" + LocalDate.now(clock.withZone(zones.zoneOf(caller.practiceId()))) + ".csv";
    }

    /** Writes the file (UTF-8, header row, CRLF lines) to {@code out}; does not close it. */
    public void write(Caller caller, OutputStream out) throws IOException {
        requireMayExport(caller);
        List<ClientId> written = new ArrayList<>();
        try {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            CSVPrinter printer = new CSVPrinter(writer, ClientFile.FORMAT);
            printer.printRecord(ClientFile.COLUMNS);
            Predicate visible = visibility.clientPredicate(caller, "c");
            String afterName = null;
            UUID afterId = null;
            while (true) {
                List<Line> page = page(visible, afterName, afterId);
                for (Line line : page.subList(0, Math.min(page.size(), PAGE))) {
                    printer.printRecord(line.cells());
                    written.add(new ClientId(line.id()));
                }
                printer.flush();
                if (page.size() <= PAGE) {
                    break;
                }
                Line last = page.get(PAGE - 1);
                afterName = last.fullName();
                afterId = last.id();
            }
        } finally {
            // What was written was shown, even when the download broke off.
            events.publishEvent(new ClientDataRead(caller.practiceId(), caller.memberId(), "client.export", written));
        }
    }

    private record Line(UUID id, String fullName, List<String> cells) {}

    private List<Line> page(Predicate visible, String afterName, UUID afterId) {
        Map<String, Object> params = new LinkedHashMap<>(visible.params());
        String keyset = "";
        if (afterId != null) {
            // The same key as the list's: the database's lower(), compared in the database.
            keyset = " and (lower(c.full_name), c.id) > (lower(:afterName), :afterId)";
            params.put("afterName", afterName);
            params.put("afterId", afterId);
        }
        params.put("limit", PAGE + 1);
        return jdbc.sql("""
                        select c.id, c.full_name, c.date_of_birth, c.email, c.phone, c.kind, a.email as therapist_email,
                               c.status
                        from client c
                        join member m on m.practice_id = c.practice_id and m.id = c.therapist_id
                        join account a on a.id = m.account_id
                        where %s%s
                        order by lower(c.full_name), c.id
                        limit :limit""".formatted(visible.sql(), keyset))
                .params(params)
                .query(ClientExport::line)
                .list();
    }

    private static Line line(ResultSet rs, int row) throws SQLException {
        String fullName = rs.getString("full_name");
        List<String> cells = new ArrayList<>(ClientFile.COLUMNS.size());
        cells.add(Csv.neutralize(fullName));
        cells.add(rs.getDate("date_of_birth").toLocalDate().toString());
        cells.add(Csv.neutralize(rs.getString("email")));
        cells.add(Csv.neutralize(rs.getString("phone")));
        cells.add(rs.getString("kind"));
        cells.add(Csv.neutralize(rs.getString("therapist_email")));
        cells.add(rs.getString("status"));
        return new Line(rs.getObject("id", UUID.class), fullName, cells);
    }
}
