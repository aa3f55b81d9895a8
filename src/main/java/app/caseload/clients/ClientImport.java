package app.caseload.clients;

import app.caseload.clients.ClientEvents.ClientDataRead;
import app.caseload.clients.ClientEvents.ClientsImported;
import app.caseload.clients.ClientIntake.Field;
import app.caseload.clients.ClientVisibility.Predicate;
import app.caseload.shared.BulkWrites;
import app.caseload.shared.Caller;
import app.caseload.shared.CaseloadException;
import app.caseload.shared.ClientId;
import app.caseload.shared.MemberId;
import app.caseload.shared.MemberStatus;
import app.caseload.shared.Timestamps;
import app.caseload.shared.web.Csv;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports clients from a CSV file ({@link ClientFile}), all rows or none (SPEC §4).
 *
 * <p>Every row is checked by the same {@link ClientIntake} rules as a client added one at a time,
 * and problems are reported per line (the line where the row starts; the header is line 1; 0 is
 * the file as a whole) and column. A row is a duplicate when an earlier row of the file, or a client
 * of the practice that the importer can see, has the same full name (ignoring case and surrounding
 * spaces) and date of birth; clients the importer cannot see are not compared, so an import never
 * reveals them. With any problem nothing is created; otherwise every client is inserted in one
 * transaction by one set-based statement, with their assignment history, and the import is one
 * entry of the audit trail listing the new clients.
 */
@Service
public class ClientImport {

    /** One problem: the line where the row starts (0 for the whole file), the column, what is wrong. */
    public record Problem(int line, String field, String message) {}

    /** A row as read from the file, for a preview. */
    public record Row(
            int line,
            String fullName,
            String dateOfBirth,
            String email,
            String phone,
            String kind,
            String therapistEmail,
            String status) {}

    /**
     * What an import did or would do: how many rows the file holds, how many clients were created
     * (0 for a dry run or with problems), every problem, and the first rows for a preview.
     */
    public record Result(int rows, int created, boolean dryRun, List<Problem> problems, List<Row> preview) {

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /** How many rows a result carries for a preview. */
    public static final int PREVIEW_ROWS = 200;

    private final JdbcClient jdbc;
    private final ClientIntake intake;
    private final ClientVisibility visibility;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate writing;
    private final TransactionTemplate checking;
    private final java.time.Clock clock;

    ClientImport(
            JdbcClient jdbc,
            ClientIntake intake,
            ClientVisibility visibility,
            ApplicationEventPublisher events,
            PlatformTransactionManager transactions,
            java.time.Clock clock) {
        this.jdbc = jdbc;
        this.intake = intake;
        this.visibility = visibility;
        this.events = events;
        this.writing = new TransactionTemplate(transactions);
        this.checking = new TransactionTemplate(transactions);
        this.checking.setReadOnly(true);
        this.clock = clock;
    }

    /**
     * Whether the caller may import clients (SPEC §4): an Active admin, or an Active member whose
     * role has both {@code clients.create} and {@code clients.export}. The dashboard shows "Import
     * clients" on this answer, and the import refuses on it.
     */
    public boolean mayImport(Caller caller) {
        return caller.isAdmin() || (intake.mayRegister(caller) && visibility.mayExport(caller));
    }

    /** 403 unless {@link #mayImport}. */
    public void requireMayImport(Caller caller) {
        if (caller.status() != MemberStatus.ACTIVE) {
            throw ClientProblems.readOnlyOnHold();
        }
        if (!mayImport(caller)) {
            throw CaseloadException.forbidden(
                    "Only admins, and roles that may both add clients (clients.create) and export them"
                            + " (clients.export), may import clients.");
        }
    }

    /**
     * Checks the file and, unless {@code dryRun} or a problem was found, creates every client in it.
     * The file is bytes as sent: it must be UTF-8 (a byte order mark is allowed).
     */
    public Result run(Caller caller, byte[] file, boolean dryRun) {
        return run(caller, file, dryRun, null);
    }

    /**
     * As {@link #run(Caller, byte[], boolean)}; with {@code expectedRows} (the count a person saw in
     * a preview) a file with another number of rows is only checked, not imported.
     */
    public Result run(Caller caller, byte[] file, boolean dryRun, Integer expectedRows) {
        requireMayImport(caller);
        long started = System.nanoTime();
        Parsed parsed = parse(file);
        long read = System.nanoTime();
        boolean onlyCheck =
                dryRun || (expectedRows != null && expectedRows != parsed.rows().size());
        if (parsed.fatal()) {
            return new Result(parsed.rows().size(), 0, onlyCheck, parsed.problems(), preview(parsed.rows()));
        }
        TransactionTemplate transaction = onlyCheck ? checking : writing;
        Result result = transaction.execute(status -> check(caller, parsed, onlyCheck));
        // Counts and times only: never a name or a line of the file.
        log.info(
                "Client import {}: {} rows, {} problems, {} created; read {} ms, checked and stored {} ms",
                onlyCheck ? "check" : "run",
                result.rows(),
                result.problems().size(),
                result.created(),
                (read - started) / 1_000_000,
                (System.nanoTime() - read) / 1_000_000);
        return result;
    }

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ClientImport.class);

    // ---- reading the file -----------------------------------------------------------------------

    /** A row's values, read and converted; null where a cell was empty or unreadable. */
    private record Candidate(
            Row row,
            String name,
            LocalDate dateOfBirth,
            String email,
            String phone,
            ClientKind kind,
            String therapistEmail,
            ClientStatus status,
            Set<Field> unreadable) {}

    private record Parsed(List<Candidate> rows, List<Problem> problems, boolean fatal) {

        static Parsed refused(Problem problem) {
            return new Parsed(List.of(), List.of(problem), true);
        }
    }

    static Parsed parse(byte[] file) {
        if (file.length == 0) {
            return Parsed.refused(
                    new Problem(0, null, "The file is empty: it needs a header row and one row per client."));
        }
        String text;
        try {
            text = utf8(file);
        } catch (NotUtf8 e) {
            return Parsed.refused(new Problem(
                    e.line,
                    null,
                    "The file is not UTF-8 text (line " + e.line + " has a byte that is not UTF-8). Save it"
                            + " as \"CSV UTF-8\" and try again."));
        }
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        int[] lineStarts = lineStarts(text);
        List<Candidate> rows = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        try (CSVParser parser = CSVParser.builder()
                .setReader(new StringReader(text))
                .setFormat(ClientFile.FORMAT)
                .get()) {
            var records = parser.iterator();
            if (!records.hasNext()) {
                return Parsed.refused(
                        new Problem(0, null, "The file is empty: it needs a header row and one row per client."));
            }
            CSVRecord headerRecord = records.next();
            Map<String, Integer> header = new LinkedHashMap<>();
            List<Problem> headerProblems = new ArrayList<>();
            int headerLine = line(lineStarts, headerRecord.getCharacterPosition());
            for (int i = 0; i < headerRecord.size(); i++) {
                String name = headerRecord.get(i).strip().toLowerCase(Locale.ROOT);
                if (!ClientFile.COLUMNS.contains(name)) {
                    headerProblems.add(new Problem(
                            headerLine,
                            name,
                            "is not a column of the client file; the columns are "
                                    + String.join(",", ClientFile.COLUMNS)));
                } else if (header.putIfAbsent(name, i) != null) {
                    headerProblems.add(new Problem(headerLine, name, "appears twice in the header"));
                }
            }
            for (String required : ClientFile.REQUIRED) {
                if (!header.containsKey(required)) {
                    headerProblems.add(new Problem(headerLine, required, "column is missing from the header row"));
                }
            }
            if (!headerProblems.isEmpty()) {
                return new Parsed(List.of(), headerProblems, true);
            }
            while (records.hasNext()) {
                CSVRecord record = records.next();
                int line = line(lineStarts, record.getCharacterPosition());
                if (rows.size() == ClientFile.MAX_ROWS) {
                    return new Parsed(
                            rows,
                            List.of(new Problem(
                                    line,
                                    null,
                                    "The file has more than " + ClientFile.MAX_ROWS
                                            + " clients; split it into files of at most that many rows.")),
                            true);
                }
                rows.add(candidate(record, line, header, headerRecord.size(), problems));
            }
        } catch (UncheckedIOException | IOException e) {
            int line = Math.max(1, lastLine(lineStarts, rows));
            return new Parsed(
                    rows,
                    List.of(new Problem(
                            line,
                            null,
                            "The file is not valid CSV after this line: a quoted cell is not closed, or has text"
                                    + " after its closing quote.")),
                    true);
        }
        if (rows.isEmpty()) {
            return Parsed.refused(new Problem(0, null, "The file has a header row but no clients."));
        }
        return new Parsed(rows, problems, false);
    }

    private static Candidate candidate(
            CSVRecord record, int line, Map<String, Integer> header, int columns, List<Problem> problems) {
        if (record.size() != columns) {
            problems.add(new Problem(
                    line, null, "has " + record.size() + " cells where the header has " + columns + " columns"));
        }
        String name = cell(record, header, Field.FULL_NAME);
        String dob = cell(record, header, Field.DATE_OF_BIRTH);
        String email = cell(record, header, Field.EMAIL);
        String phone = cell(record, header, Field.PHONE);
        String kind = cell(record, header, Field.KIND);
        String therapist = cell(record, header, Field.THERAPIST);
        String status = cell(record, header, Field.STATUS);
        Row row = new Row(line, name, dob, email, phone, kind, therapist, status);
        Set<Field> unreadable = EnumSet.noneOf(Field.class);

        LocalDate dateOfBirth = null;
        if (dob != null) {
            try {
                dateOfBirth = LocalDate.parse(dob);
            } catch (DateTimeParseException e) {
                unreadable.add(Field.DATE_OF_BIRTH);
                problems.add(new Problem(line, Field.DATE_OF_BIRTH.column, "must be a date written YYYY-MM-DD"));
            }
        }
        ClientKind clientKind = null;
        if (kind != null) {
            clientKind = enumOf(ClientKind.class, kind);
            if (clientKind == null) {
                unreadable.add(Field.KIND);
                problems.add(new Problem(line, Field.KIND.column, "must be DIRECT or PRACTICE"));
            }
        }
        ClientStatus clientStatus = ClientStatus.ACTIVE;
        if (status != null) {
            clientStatus = enumOf(ClientStatus.class, status);
            if (clientStatus == null) {
                problems.add(new Problem(line, Field.STATUS.column, "must be ACTIVE, INACTIVE or DISCHARGED"));
            }
        }
        if (therapist == null) {
            unreadable.add(Field.THERAPIST);
            problems.add(new Problem(line, Field.THERAPIST.column, "must not be blank"));
        }
        return new Candidate(
                row,
                name,
                dateOfBirth,
                email,
                phone,
                clientKind,
                therapist == null ? null : therapist.toLowerCase(Locale.ROOT),
                clientStatus,
                unreadable);
    }

    /** The cell of a column, trimmed, with export's formula guard taken off; null when empty or absent. */
    private static String cell(CSVRecord record, Map<String, Integer> header, Field field) {
        Integer index = header.get(field.column);
        if (index == null || index >= record.size()) {
            return null;
        }
        String value = Csv.restore(record.get(index).strip());
        return value.isEmpty() ? null : value;
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String value) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static final class NotUtf8 extends Exception {
        final int line;

        NotUtf8(int line) {
            super(null, null, false, false);
            this.line = line;
        }
    }

    /** Decodes strictly: a byte that is not UTF-8 refuses the file, naming its line. */
    private static String utf8(byte[] bytes) throws NotUtf8 {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new NotUtf8(line);
        }
        return out.flip().toString();
    }

    /** Where each line starts (after LF, CRLF or a lone CR). */
    private static int[] lineStarts(String text) {
        int[] starts = new int[16];
        int count = 0;
        starts[count++] = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = i + 1;
            }
        }
        return Arrays.copyOf(starts, count);
    }

    /** The 1-based line of a character position. */
    private static int line(int[] lineStarts, long position) {
        int found = Arrays.binarySearch(lineStarts, (int) position);
        return (found >= 0 ? found : -found - 2) + 1;
    }

    private static int lastLine(int[] lineStarts, List<Candidate> rows) {
        return rows.isEmpty() ? 2 : rows.get(rows.size() - 1).row().line() + 1;
    }

    private static List<Row> preview(List<Candidate> rows) {
        return rows.stream().limit(PREVIEW_ROWS).map(Candidate::row).toList();
    }

    // ---- checking against the practice, and creating -------------------------------------------------

    /** A current member of the practice named in the file. */
    private record Therapist(MemberId id, MemberStatus status) {}

    private Result check(Caller caller, Parsed parsed, boolean dryRun) {
        List<Candidate> rows = parsed.rows();
        List<Problem> problems = new ArrayList<>(parsed.problems());
        Map<String, Therapist> therapists = therapists(caller, rows, !dryRun);
        boolean anyTherapist = intake.mayNameAnyTherapist(caller);
        LocalDate today = intake.today(caller);

        Map<String, Integer> seen = new HashMap<>();
        for (Candidate c : rows) {
            Therapist therapist = c.therapistEmail() == null ? null : therapists.get(c.therapistEmail());
            Set<Field> skip = EnumSet.noneOf(Field.class);
            skip.addAll(c.unreadable());
            Clients.NewClient client = newClient(c, therapist);
            if (c.therapistEmail() != null && therapist == null) {
                // Named, but nobody of the practice: a known problem, not a missing therapist id.
                problems.add(
                        new Problem(c.row().line(), Field.THERAPIST.column, "is not a therapist of this practice"));
                skip.add(Field.THERAPIST);
            }
            for (ClientIntake.Problem p : intake.problems(
                    client,
                    anyTherapist,
                    caller.memberId(),
                    therapist == null ? null : therapist.status(),
                    today,
                    skip)) {
                problems.add(new Problem(c.row().line(), p.field().column, p.message()));
            }
            if (c.name() != null && c.dateOfBirth() != null) {
                Integer earlier =
                        seen.putIfAbsent(key(c.name(), c.dateOfBirth()), c.row().line());
                if (earlier != null) {
                    problems.add(new Problem(
                            c.row().line(),
                            Field.FULL_NAME.column,
                            "repeats line " + earlier + ": the same full name and date of birth"));
                }
            }
        }
        problems.addAll(existing(caller, rows));
        problems.sort(java.util.Comparator.comparingInt(Problem::line)
                .thenComparingInt(p -> p.field() == null ? -1 : ClientFile.COLUMNS.indexOf(p.field())));
        if (!problems.isEmpty() || dryRun) {
            return new Result(rows.size(), 0, dryRun, problems, preview(rows));
        }
        long inserting = System.nanoTime();
        List<ClientId> created = insert(caller, rows, therapists);
        log.debug(
                "Client import: {} clients inserted in {} ms",
                created.size(),
                (System.nanoTime() - inserting) / 1_000_000);
        events.publishEvent(new ClientsImported(caller.practiceId(), created, caller.memberId()));
        return new Result(rows.size(), created.size(), false, List.of(), preview(rows));
    }

    private static Clients.NewClient newClient(Candidate c, Therapist therapist) {
        return new Clients.NewClient(
                c.name(), c.dateOfBirth(), c.email(), c.phone(), c.kind(), therapist == null ? null : therapist.id());
    }

    private static String key(String name, LocalDate dateOfBirth) {
        return name.strip().toLowerCase(Locale.ROOT) + "\u0000" + dateOfBirth;
    }

    /**
     * The current members of the practice named in the file, by lower-cased email. For an import
     * that creates, their rows are locked as a single registration locks its therapist (practice row
     * first), so nobody is removed or paused between the check and the insert.
     */
    private Map<String, Therapist> therapists(Caller caller, List<Candidate> rows, boolean lock) {
        String[] emails = rows.stream()
                .map(Candidate::therapistEmail)
                .filter(e -> e != null)
                .distinct()
                .toArray(String[]::new);
        if (lock) {
            Clients.lockOrder(jdbc, caller.practiceId());
        }
        Map<String, Therapist> found = new HashMap<>();
        jdbc.sql("""
                select lower(a.email) as email, m.id, m.status
                from member m join account a on a.id = m.account_id
                where m.practice_id = :practice and m.removed_at is null
                  and lower(a.email) = any(cast(:emails as text[]))""" + (lock ? " for share of m" : ""))
                .param("practice", caller.practiceId().value())
                .param("emails", emails)
                .query((rs, n) -> found.put(
                        rs.getString("email"),
                        new Therapist(
                                new MemberId(rs.getObject("id", UUID.class)),
                                MemberStatus.valueOf(rs.getString("status")))))
                .list();
        return found;
    }

    /**
     * Rows that repeat a client the importer can see (same full name and date of birth). Recorded
     * as a read of those clients: the answer tells the importer they exist.
     */
    private List<Problem> existing(Caller caller, List<Candidate> rows) {
        List<Candidate> keyed = rows.stream()
                .filter(c -> c.name() != null && c.dateOfBirth() != null)
                .toList();
        if (keyed.isEmpty()) {
            return List.of();
        }
        Predicate visible = visibility.clientPredicate(caller, "c");
        Map<String, ClientId> matches = new HashMap<>();
        jdbc.sql("select c.id, lower(c.full_name) as name, c.date_of_birth from client c where " + visible.sql()
                        + " and (lower(c.full_name), c.date_of_birth) in (select k.name, k.dob from"
                        + " unnest(cast(:names as text[]), cast(:dobs as date[])) as k(name, dob))")
                .params(visible.params())
                .param(
                        "names",
                        keyed.stream()
                                .map(c -> c.name().toLowerCase(Locale.ROOT))
                                .toArray(String[]::new))
                .param(
                        "dobs",
                        keyed.stream().map(c -> c.dateOfBirth().toString()).toArray(String[]::new))
                .query((rs, n) -> matches.put(
                        key(rs.getString("name"), rs.getDate("date_of_birth").toLocalDate()),
                        new ClientId(rs.getObject("id", UUID.class))))
                .list();
        if (matches.isEmpty()) {
            return List.of();
        }
        events.publishEvent(new ClientDataRead(
                caller.practiceId(), caller.memberId(), "client.import_check", List.copyOf(matches.values())));
        List<Problem> problems = new ArrayList<>();
        for (Candidate c : keyed) {
            if (matches.containsKey(key(c.name(), c.dateOfBirth()))) {
                problems.add(new Problem(
                        c.row().line(),
                        Field.FULL_NAME.column,
                        "is already a client of the practice with the same date of birth"));
            }
        }
        return problems;
    }

    /** Every client in one statement (and their first assignment in another), whatever the count. */
    private List<ClientId> insert(Caller caller, List<Candidate> rows, Map<String, Therapist> therapists) {
        int n = rows.size();
        UUID[] ids = new UUID[n];
        String[] names = new String[n];
        String[] dobs = new String[n];
        String[] emails = new String[n];
        String[] phones = new String[n];
        String[] kinds = new String[n];
        UUID[] therapistIds = new UUID[n];
        String[] statuses = new String[n];
        for (int i = 0; i < n; i++) {
            Candidate c = rows.get(i);
            ids[i] = UUID.randomUUID();
            names[i] = c.name();
            dobs[i] = c.dateOfBirth().toString();
            emails[i] = c.email();
            phones[i] = c.phone();
            kinds[i] = c.kind().name();
            therapistIds[i] = therapists.get(c.therapistEmail()).id().value();
            statuses[i] = c.status().name();
        }
        var now = Timestamps.of(clock.instant());
        BulkWrites.reuseRowCheckPlans(jdbc);
        jdbc.sql("""
                insert into client (practice_id, id, full_name, date_of_birth, email, phone, kind, therapist_id,
                                    status, risk_level, created_at, created_by)
                select :practice, r.id, r.full_name, r.dob, r.email, r.phone, r.kind, r.therapist, r.status, 'NONE',
                       :at, :by
                from unnest(cast(:ids as uuid[]), cast(:names as text[]), cast(:dobs as date[]),
                            cast(:emails as text[]), cast(:phones as text[]), cast(:kinds as text[]),
                            cast(:therapists as uuid[]), cast(:statuses as text[]))
                     as r(id, full_name, dob, email, phone, kind, therapist, status)""")
                .param("practice", caller.practiceId().value())
                .param("at", now)
                .param("by", caller.memberId().value())
                .param("ids", ids)
                .param("names", names)
                .param("dobs", dobs)
                .param("emails", emails)
                .param("phones", phones)
                .param("kinds", kinds)
                .param("therapists", therapistIds)
                .param("statuses", statuses)
                .update();
        jdbc.sql("""
                insert into client_assignment (practice_id, id, client_id, at, by_member_id, from_therapist_id,
                                               to_therapist_id)
                select :practice, gen_random_uuid(), r.id, :at, :by, null, r.therapist
                from unnest(cast(:ids as uuid[]), cast(:therapists as uuid[])) as r(id, therapist)""")
                .param("practice", caller.practiceId().value())
                .param("at", now)
                .param("by", caller.memberId().value())
                .param("ids", ids)
                .param("therapists", therapistIds)
                .update();
        return Arrays.stream(ids).map(ClientId::new).toList();
    }
}
