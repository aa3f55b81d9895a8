package app.caseload.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import app.caseload.support.Api;
import app.caseload.support.Fixtures;
import app.caseload.support.Fixtures.Member;
import app.caseload.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The client CSV import and export through the API (SPEC §4, API.md): every refusal, every kind of
 * problem, all rows or none, the round trip, and what an export holds for each caller.
 */
class ClientCsvApiTest extends IntegrationTest {

    static final String HEADER = "full_name,date_of_birth,email,phone,kind,therapist_email,status\r\n";

    private Member admin;
    private Member therapist;

    @BeforeEach
    void practice() {
        admin = fixtures().signup("CSV Practice");
        therapist = fixtures().join(admin, "Tess Therapist", "Licensed Therapist");
    }

    // ---- who may ----------------------------------------------------------------------------------

    @Test
    void importNeedsAdminOrBothCreateAndExport() {
        String file = HEADER + "Ann Able,1980-01-02,,,DIRECT," + therapist.email() + ",\r\n";
        // A Licensed Therapist has clients.create but not clients.export.
        importCsv(therapist, file, true).expect(403);
        Member createOnly = memberWithFeatures("Create only", Map.of("clients.create", true, "clients.export", false));
        importCsv(createOnly, file, true).expect(403);
        Member exportOnly = memberWithFeatures("Export only", Map.of("clients.create", false, "clients.export", true));
        importCsv(exportOnly, file, true).expect(403);
        importCsv(exportOnly, file, false).expect(403);
        assertThat(clientCount()).isZero();

        Member both = memberWithFeatures("Importer", Map.of("clients.create", true, "clients.export", true));
        String own = HEADER + "Ann Able,1980-01-02,,,DIRECT," + both.email() + ",\r\n"
                + "Bob Other,1980-01-03,,,DIRECT," + therapist.email() + ",\r\n";
        // Without clients.reassign a member may only add clients for themself, one at a time or by file.
        JsonNode checked = importCsv(both, own, true).expect(200).json();
        assertThat(problems(checked))
                .containsExactly(tuple(3, "therapist_email", "your role may only add clients for yourself"));
        JsonNode done = importCsv(both, HEADER + "Ann Able,1980-01-02,,,DIRECT," + both.email() + ",\r\n", false)
                .expect(200)
                .json();
        assertThat(done.path("created").asInt()).isEqualTo(1);
        assertThat(clientCount()).isEqualTo(1);
    }

    @Test
    void refusesCallersWhoMayNot() {
        String file = HEADER + "Ann Able,1980-01-02,,,DIRECT," + therapist.email() + ",\r\n";
        api().sendBytes("POST", "/api/v1/clients/import?dryRun=true", bytes(file), "text/csv")
                .expect(401);
        api().get("/api/v1/clients/export").expect(401);
        // On Hold: read-only, even for an admin role's features.
        Member paused = fixtures().join(admin, "Paula Paused", "Licensed Therapist");
        api().as(admin.token())
                .put("/api/v1/therapists/" + paused.memberId() + "/status", Map.of("status", "ON_HOLD"))
                .expect(200);
        importCsv(paused, file, true).expect(403);
        // Export: clients.export is needed besides seeing the clients.
        api().as(therapist.token()).get("/api/v1/clients/export").expect(403);
        api().as(paused.token()).get("/api/v1/clients/export").expect(403);
        assertThat(api().as(admin.token())
                        .get("/api/v1/clients/export")
                        .expect(200)
                        .body())
                .isEqualTo(HEADER);
        assertThat(clientCount()).isZero();
    }

    @Test
    void wrongContentTypeIs415AndTheDefaultIsADryRun() {
        String file = HEADER + "Ann Able,1980-01-02,,,DIRECT," + therapist.email() + ",\r\n";
        Api api = api().as(admin.token());
        assertThat(api.sendBytes("POST", "/api/v1/clients/import?dryRun=false", bytes(file), "application/json")
                        .expect(415)
                        .contentType())
                .startsWith("application/problem+json");
        api.sendBytes("POST", "/api/v1/clients/import?dryRun=false", bytes(file), "text/plain")
                .expect(415);
        api.sendBytes("POST", "/api/v1/clients/import?dryRun=false", bytes(file), null)
                .expect(415);
        api.sendBytes("POST", "/api/v1/clients/import?dryRun=maybe", bytes(file), "text/csv")
                .expect(400);
        JsonNode dry = api.sendBytes("POST", "/api/v1/clients/import", bytes(file), "text/csv")
                .expect(200)
                .json();
        assertThat(dry.path("dryRun").asBoolean()).isTrue();
        assertThat(dry.path("rows").asInt()).isEqualTo(1);
        assertThat(dry.path("created").asInt()).isZero();
        assertThat(clientCount()).isZero();
    }

    @Test
    void aFileLargerThanTheCapIs413AndChangesNothing() throws Exception {
        byte[] big = new byte[(int) ClientFile.MAX_BYTES + 10];
        java.util.Arrays.fill(big, (byte) 'a');
        // Sent without a length (chunked): refused once the cap is passed.
        java.net.http.HttpResponse<String> chunked = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(
                                        java.net.URI.create(api().base() + "/api/v1/clients/import?dryRun=false"))
                                .header("Authorization", "Bearer " + admin.token())
                                .header("Content-Type", "text/csv")
                                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                                        () -> new java.io.ByteArrayInputStream(big)))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(chunked.body()).contains("/problems/file-too-large");
        // Announced as too large: refused before the body is read.
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.getOutputStream()
                    .write(("POST /api/v1/clients/import?dryRun=false HTTP/1.1\r\nHost: localhost\r\n"
                                    + "Authorization: Bearer " + admin.token() + "\r\nContent-Type: text/csv\r\n"
                                    + "Content-Length: 999999999\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            String status = new java.io.BufferedReader(
                            new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            assertThat(status).isEqualTo("HTTP/1.1 413 ");
        }
        assertThat(clientCount()).isZero();
    }

    // ---- problems ---------------------------------------------------------------------------------

    @Test
    void aDryRunReportsEveryRowsProblemsByLineAndColumn() {
        Member paused = fixtures().join(admin, "Paula Paused", "Licensed Therapist");
        api().as(admin.token())
                .put("/api/v1/therapists/" + paused.memberId() + "/status", Map.of("status", "ON_HOLD"))
                .expect(200);
        Member elsewhere = fixtures().signup("Another practice");
        String tomorrow =
                LocalDate.now(ZoneId.of("Pacific/Kiritimati")).plusDays(2).toString();
        String t = therapist.email();
        String file = HEADER
                + "Ann Able,1980-01-02,ann@example.test,555-0100,DIRECT," + t + ",\r\n" // 2 fine
                + "Ben Unknown,1980-01-02,,,DIRECT,nobody@example.test,\r\n" // 3 unknown therapist
                + "Cat Date,02/01/1980,,,DIRECT," + t + ",\r\n" // 4 bad date
                + "Dan Kind,1980-01-02,,,GROUP," + t + ",\r\n" // 5 wrong kind
                + "ann able ,1980-01-02,,,PRACTICE," + t.toUpperCase() + ",\r\n" // 6 repeats line 2
                + "\"Eve \"\"Quoted\"\",\r\nOn Two Lines\",1980-01-02,,,DIRECT," + t + ",\r\n" // 7-8 fine
                + "Fay Future," + tomorrow + ",,,DIRECT," + t + ",\r\n" // 9 future birth
                + ",1980-01-02,not-an-email,,DIRECT," + t + ",\r\n" // 10 blank name, bad email
                + "Gus Status,1980-01-02,,,DIRECT," + t + ",ASLEEP\r\n" // 11 bad status
                + "Hal Hold,1980-01-02,,,DIRECT," + paused.email() + ",\r\n" // 12 therapist On Hold
                + "Ida Other,1980-01-02,,,DIRECT," + elsewhere.email() + ",\r\n" // 13 other practice's member
                + "Jo Short,1980-01-02,,DIRECT\r\n" // 14 too few cells
                + "Kim Blank,1980-01-02,,,DIRECT,,\r\n"; // 15 no therapist
        JsonNode answer = importCsv(admin, file, true).expect(200).json();
        assertThat(answer.path("rows").asInt()).isEqualTo(13);
        assertThat(answer.path("created").asInt()).isZero();
        assertThat(problemLines(answer))
                .containsExactly(
                        tuple(3, "therapist_email"),
                        tuple(4, "date_of_birth"),
                        tuple(5, "kind"),
                        tuple(6, "full_name"),
                        tuple(9, "date_of_birth"),
                        tuple(10, "full_name"),
                        tuple(10, "email"),
                        tuple(11, "status"),
                        tuple(12, "therapist_email"),
                        tuple(13, "therapist_email"),
                        tuple(14, null),
                        tuple(14, "kind"),
                        tuple(14, "therapist_email"),
                        tuple(15, "therapist_email"));
        assertThat(message(answer, 3)).isEqualTo("is not a therapist of this practice");
        assertThat(message(answer, 4)).isEqualTo("must be a date written YYYY-MM-DD");
        assertThat(message(answer, 5)).isEqualTo("must be DIRECT or PRACTICE");
        assertThat(message(answer, 6)).isEqualTo("repeats line 2: the same full name and date of birth");
        assertThat(message(answer, 9)).isEqualTo("must not be in the future");
        assertThat(message(answer, 12)).startsWith("is not Active");
        assertThat(message(answer, 13)).isEqualTo("is not a therapist of this practice");

        // The same file for real: one bad row and nothing is created.
        JsonNode real = importCsv(admin, file, false).expect(200).json();
        assertThat(real.path("created").asInt()).isZero();
        assertThat(real.path("problems").size())
                .isEqualTo(answer.path("problems").size());
        assertThat(clientCount()).isZero();
    }

    @Test
    void allOrNoneOneBadRowCreatesNothing() {
        StringBuilder file = new StringBuilder(HEADER);
        for (int i = 0; i < 50; i++) {
            file.append("Client ")
                    .append(i)
                    .append(",1980-01-02,,,DIRECT,")
                    .append(therapist.email())
                    .append(",\r\n");
        }
        file.append("Last Bad,1980-13-45,,,DIRECT,").append(therapist.email()).append(",\r\n");
        JsonNode answer = importCsv(admin, file.toString(), false).expect(200).json();
        assertThat(answer.path("rows").asInt()).isEqualTo(51);
        assertThat(problemLines(answer)).containsExactly(tuple(52, "date_of_birth"));
        assertThat(clientCount()).isZero();
        assertThat(auditCount("client.imported")).isZero();
    }

    @Test
    void aClientTheImporterSeesCountsAsADuplicateOneTheyCannotSeeDoesNot() {
        Member importer = memberWithFeatures(
                "Importer", Map.of("clients.create", true, "clients.export", true, "clients.reassign", true));
        String mine = createClient(admin, "Mia Mine", importer.memberId(), "DIRECT");
        createClient(admin, "Noa Hidden", therapist.memberId(), "DIRECT"); // a colleague's direct client
        String file = HEADER
                + "mia mine,1990-04-01,,,DIRECT," + importer.email() + ",\r\n"
                + "Noa Hidden,1990-04-01,,,DIRECT," + importer.email() + ",\r\n";
        JsonNode answer = importCsv(importer, file, true).expect(200).json();
        assertThat(problems(answer))
                .containsExactly(
                        tuple(2, "full_name", "is already a client of the practice with the same date of birth"));
        // The admin sees both.
        assertThat(problemLines(importCsv(admin, file, true).expect(200).json()))
                .containsExactly(tuple(2, "full_name"), tuple(3, "full_name"));
        // Telling the importer that Mia exists is a read of her record.
        api().as(admin.token())
                .get("/api/v1/audit?actorId=" + importer.memberId())
                .expect(200);
        assertThat(jdbc.sql("select count(*) from audit_event where practice_id = ? and actor_member_id = ?"
                                + " and action = 'client.import_check' and client_ids = array[?::uuid]")
                        .params(UUID.fromString(admin.practiceId()), UUID.fromString(importer.memberId()), mine)
                        .query(Long.class)
                        .single())
                .isEqualTo(1L);
    }

    @Test
    void headerProblemsAreReportedOnLineOne() {
        String noTherapist = "full_name,date_of_birth,kind\r\nAnn Able,1980-01-02,DIRECT\r\n";
        assertThat(problems(importCsv(admin, noTherapist, true).expect(200).json()))
                .containsExactly(tuple(1, "therapist_email", "column is missing from the header row"));
        String unknown = "full_name,date_of_birth,kind,therapist_email,notes\r\nAnn,1980-01-02,DIRECT,x@y.z,hi\r\n";
        assertThat(problemLines(importCsv(admin, unknown, true).expect(200).json()))
                .containsExactly(tuple(1, "notes"));
        String twice = "full_name,full_name,date_of_birth,kind,therapist_email\r\n";
        assertThat(problemLines(importCsv(admin, twice, true).expect(200).json()))
                .containsExactly(tuple(1, "full_name"));
        // Only the required columns, in another order, with a byte order mark and LF line ends: fine.
        String minimal = "\uFEFFtherapist_email,kind,Date_Of_Birth,full_name\n" + therapist.email()
                + ",practice,1980-01-02,Ann Able\n";
        JsonNode ok = importCsv(admin, minimal, false).expect(200).json();
        assertThat(ok.path("problems").size()).isZero();
        assertThat(ok.path("created").asInt()).isEqualTo(1);
        JsonNode client = api().as(admin.token())
                .get("/api/v1/clients")
                .expect(200)
                .json()
                .path("items")
                .get(0);
        assertThat(client.path("kind").asString()).isEqualTo("PRACTICE");
        assertThat(client.path("status").asString()).isEqualTo("ACTIVE");
        assertThat(client.path("email").isNull()).isTrue();
    }

    @Test
    void emptyFilesAndTooManyRowsAreOneProblemEach() {
        assertThat(problemLines(importCsv(admin, "", true).expect(200).json())).containsExactly(tuple(0, null));
        assertThat(problemLines(importCsv(admin, "\r\n\r\n", true).expect(200).json()))
                .containsExactly(tuple(0, null));
        assertThat(problems(importCsv(admin, HEADER, true).expect(200).json()))
                .containsExactly(tuple(0, null, "The file has a header row but no clients."));

        StringBuilder many = new StringBuilder(HEADER);
        String row = "A B,1980-01-02,,,DIRECT," + therapist.email() + ",\r\n";
        for (int i = 0; i <= ClientFile.MAX_ROWS; i++) {
            many.append(row);
        }
        JsonNode answer = importCsv(admin, many.toString(), false).expect(200).json();
        assertThat(problemLines(answer)).containsExactly(tuple(ClientFile.MAX_ROWS + 2, null));
        assertThat(answer.path("problems").get(0).path("message").asString()).contains("more than 100000");
        assertThat(clientCount()).isZero();
    }

    @Test
    void aFileThatIsNotUtf8IsRefusedAsAWhole() {
        String file = HEADER + "Zoë Latin,1980-01-02,,,DIRECT," + therapist.email() + ",\r\n";
        JsonNode answer = api().as(admin.token())
                .sendBytes(
                        "POST",
                        "/api/v1/clients/import?dryRun=false",
                        file.getBytes(StandardCharsets.ISO_8859_1),
                        "text/csv")
                .expect(200)
                .json();
        assertThat(problemLines(answer)).containsExactly(tuple(2, null));
        assertThat(answer.path("problems").get(0).path("message").asString()).contains("not UTF-8");
        JsonNode declared = api().as(admin.token())
                .sendBytes(
                        "POST",
                        "/api/v1/clients/import?dryRun=false",
                        file.getBytes(StandardCharsets.ISO_8859_1),
                        "text/csv; charset=ISO-8859-1")
                .expect(200)
                .json();
        assertThat(problemLines(declared)).containsExactly(tuple(0, null));
        assertThat(clientCount()).isZero();
    }

    @Test
    void aBrokenQuoteIsOneProblem() {
        String file = HEADER + "Ann Able,1980-01-02,,,DIRECT," + therapist.email() + ",\r\n"
                + "\"Ben \"Broken,1980-01-02,,,DIRECT," + therapist.email() + ",\r\n";
        JsonNode answer = importCsv(admin, file, false).expect(200).json();
        assertThat(answer.path("problems").size()).isEqualTo(1);
        assertThat(answer.path("problems").get(0).path("message").asString()).contains("not valid CSV");
        assertThat(clientCount()).isZero();
    }

    // ---- creating ---------------------------------------------------------------------------------

    @Test
    void anImportCreatesEveryClientInOneAuditedStep() {
        Member colleague = fixtures().join(admin, "Cole Colleague", "Licensed Therapist");
        String file = HEADER
                + "Ann Able,1980-01-02,ann@example.test,555-0100,DIRECT," + therapist.email() + ",\r\n"
                + "Ben Bell,1981-02-03,,,PRACTICE," + colleague.email() + ",INACTIVE\r\n"
                + "Cy Cole,1982-03-04,,,direct," + colleague.email() + ",discharged\r\n";
        JsonNode answer = importCsv(admin, file, false).expect(200).json();
        assertThat(answer.path("rows").asInt()).isEqualTo(3);
        assertThat(answer.path("created").asInt()).isEqualTo(3);
        assertThat(answer.path("dryRun").asBoolean()).isFalse();
        assertThat(answer.path("problems").size()).isZero();

        Map<String, JsonNode> byName = new HashMap<>();
        for (JsonNode c : api().as(admin.token())
                .get("/api/v1/clients")
                .expect(200)
                .json()
                .path("items")) {
            byName.put(c.path("fullName").asString(), c);
        }
        assertThat(byName).containsOnlyKeys("Ann Able", "Ben Bell", "Cy Cole");
        assertThat(byName.get("Ann Able").path("therapistId").asString()).isEqualTo(therapist.memberId());
        assertThat(byName.get("Ann Able").path("email").asString()).isEqualTo("ann@example.test");
        assertThat(byName.get("Ben Bell").path("kind").asString()).isEqualTo("PRACTICE");
        assertThat(byName.get("Ben Bell").path("status").asString()).isEqualTo("INACTIVE");
        assertThat(byName.get("Cy Cole").path("status").asString()).isEqualTo("DISCHARGED");
        // The therapists see their new clients (the caseload relation was kept by the same statement).
        assertThat(names(api().as(therapist.token())
                        .get("/api/v1/clients")
                        .expect(200)
                        .json()))
                .containsExactly("Ann Able");
        // Each has its first assignment in the history.
        String ann = byName.get("Ann Able").path("id").asString();
        JsonNode history = api().as(admin.token())
                .get("/api/v1/clients/" + ann + "/assignments")
                .expect(200)
                .json()
                .path("items");
        assertThat(history.size()).isEqualTo(1);
        assertThat(history.get(0).path("toTherapistId").asString()).isEqualTo(therapist.memberId());
        // One audit entry for the whole import, listing every client.
        assertThat(auditCount("client.imported")).isEqualTo(1);
        assertThat(jdbc.sql("select cardinality(client_ids) from audit_event where practice_id = ?"
                                + " and action = 'client.imported'")
                        .param(UUID.fromString(admin.practiceId()))
                        .query(Integer.class)
                        .single())
                .isEqualTo(3);
        // The same file again: every row is now a duplicate of a client the admin sees.
        JsonNode again = importCsv(admin, file, false).expect(200).json();
        assertThat(again.path("problems").size()).isEqualTo(3);
        assertThat(clientCount()).isEqualTo(3);
    }

    // ---- export -----------------------------------------------------------------------------------

    @Test
    void exportImportsAgainUnchanged() {
        String ann = createClient(admin, "=SUM(A1:A9)", therapist.memberId(), "DIRECT");
        api().as(admin.token())
                .patch(
                        "/api/v1/clients/" + ann,
                        Map.of("email", "ann@example.test", "phone", "+1 555 0100", "status", "DISCHARGED"))
                .expect(200);
        createClient(admin, "O'Brien, \"Bo\" Jr.", admin.memberId(), "PRACTICE");
        createClient(admin, "Zoë Ñúñez-Łukasz 李", therapist.memberId(), "DIRECT");
        createClient(admin, "@handle", therapist.memberId(), "PRACTICE");
        createClient(admin, "-minus", therapist.memberId(), "DIRECT");

        Api.Response first =
                api().as(admin.token()).get("/api/v1/clients/export").expect(200);
        assertThat(first.contentType()).isEqualTo("text/csv;charset=UTF-8");
        String today = LocalDate.now(ZoneId.of("America/New_York")).toString();
        assertThat(first.headers().firstValue("Content-Disposition").orElse(""))
                .isEqualTo("attachment; filename=\"clients-" + today + ".csv\"");
        String csv = first.body();
        assertThat(csv).startsWith(HEADER);
        assertThat(csv.split("\r\n")).hasSize(6);
        // Formula-like cells are neutralized with a leading apostrophe.
        assertThat(csv).contains("'=SUM(A1:A9),1990-04-01,ann@example.test,'+1 555 0100,DIRECT,");
        assertThat(csv).contains("'@handle,").contains("'-minus,").contains("\"O'Brien, \"\"Bo\"\" Jr.\"");
        assertThat(csv).contains(",DISCHARGED\r\n");

        // The practice loses its clients, then imports the file back.
        UUID practice = UUID.fromString(admin.practiceId());
        jdbc.sql("delete from client_assignment where practice_id = ?")
                .param(practice)
                .update();
        jdbc.sql("delete from client where practice_id = ?").param(practice).update();
        assertThat(clientCount()).isZero();

        JsonNode imported = importCsv(admin, csv, false).expect(200).json();
        assertThat(imported.path("problems").size()).isZero();
        assertThat(imported.path("created").asInt()).isEqualTo(5);
        assertThat(api().as(admin.token())
                        .get("/api/v1/clients/export")
                        .expect(200)
                        .body())
                .isEqualTo(csv);
        assertThat(names(api().as(admin.token())
                        .get("/api/v1/clients")
                        .expect(200)
                        .json()))
                .contains("=SUM(A1:A9)", "@handle", "-minus");
    }

    @Test
    void aTherapistExportsExactlyTheClientsTheySee() {
        Member exporter = memberWithFeatures("Exporter", Map.of("clients.export", true));
        Member colleague = fixtures().join(admin, "Cole Colleague", "Licensed Therapist");
        createClient(admin, "Own Direct", exporter.memberId(), "DIRECT");
        createClient(admin, "Own Primary", exporter.memberId(), "PRACTICE");
        createClient(admin, "Colleague Direct", colleague.memberId(), "DIRECT");
        createClient(admin, "Colleague Practice", colleague.memberId(), "PRACTICE");
        // Enough clients to cross the export's page size of the export.
        StringBuilder file = new StringBuilder(HEADER);
        for (int i = 0; i < ClientExport.PAGE + 5; i++) {
            String who = i % 2 == 0 ? exporter.email() : colleague.email();
            file.append("Bulk ")
                    .append(i)
                    .append(",1970-01-01,,,DIRECT,")
                    .append(who)
                    .append(",\r\n");
        }
        importCsv(admin, file.toString(), false).expect(200);

        Set<String> listed = new TreeSet<>();
        String cursor = null;
        do {
            JsonNode page = api().as(exporter.token())
                    .get("/api/v1/clients?limit=500" + (cursor == null ? "" : "&cursor=" + cursor))
                    .expect(200)
                    .json();
            listed.addAll(names(page));
            cursor = page.path("nextCursor").isNull()
                    ? null
                    : page.path("nextCursor").asString();
        } while (cursor != null);
        List<String> exported = exportedNames(exporter);
        assertThat(exported).hasSize(listed.size()).doesNotHaveDuplicates();
        assertThat(new TreeSet<>(exported)).isEqualTo(listed);
        assertThat(exported).contains("Own Direct", "Own Primary").doesNotContain("Colleague Direct");

        // The admin exports the whole practice, across pages, in name order.
        List<String> all = exportedNames(admin);
        assertThat(all).hasSize(4 + ClientExport.PAGE + 5).doesNotHaveDuplicates();
        // Recorded as one read of exactly those clients.
        api().as(admin.token())
                .get("/api/v1/audit?actorId=" + exporter.memberId())
                .expect(200);
        assertThat(jdbc.sql("select cardinality(client_ids) from audit_event where practice_id = ?"
                                + " and actor_member_id = ? and action = 'client.export'")
                        .params(UUID.fromString(admin.practiceId()), UUID.fromString(exporter.memberId()))
                        .query(Integer.class)
                        .list())
                .containsExactly(listed.size());
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private List<String> exportedNames(Member who) {
        String body =
                api().as(who.token()).get("/api/v1/clients/export").expect(200).body();
        List<String> names = new ArrayList<>();
        String[] lines = body.split("\r\n");
        for (int i = 1; i < lines.length; i++) {
            names.add(lines[i].substring(0, lines[i].indexOf(',')));
        }
        return names;
    }

    private Api.Response importCsv(Member who, String file, boolean dryRun) {
        return api().as(who.token())
                .sendBytes("POST", "/api/v1/clients/import?dryRun=" + dryRun, bytes(file), "text/csv");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private Member memberWithFeatures(String roleName, Map<String, Boolean> features) {
        String role = api().as(admin.token())
                .post("/api/v1/roles", Map.of("name", roleName, "features", features))
                .expect(201)
                .field("id");
        Member member = fixtures().join(admin, roleName + " Person", "Licensed Therapist");
        api().as(admin.token())
                .put("/api/v1/therapists/" + member.memberId() + "/role", Map.of("roleId", role))
                .expect(200);
        return member;
    }

    private String createClient(Member by, String fullName, String therapistId, String kind) {
        return api().as(by.token())
                .post(
                        "/api/v1/clients",
                        Map.of(
                                "fullName", fullName,
                                "dateOfBirth", "1990-04-01",
                                "kind", kind,
                                "therapistId", therapistId))
                .expect(201)
                .field("id");
    }

    private long clientCount() {
        return jdbc.sql("select count(*) from client where practice_id = ?")
                .param(UUID.fromString(admin.practiceId()))
                .query(Long.class)
                .single();
    }

    private long auditCount(String action) {
        return jdbc.sql("select count(*) from audit_event where practice_id = ? and action = ?")
                .params(UUID.fromString(admin.practiceId()), action)
                .query(Long.class)
                .single();
    }

    private static List<String> names(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.path("items").forEach(c -> names.add(c.path("fullName").asString()));
        return names;
    }

    private static List<org.assertj.core.groups.Tuple> problems(JsonNode answer) {
        List<org.assertj.core.groups.Tuple> list = new ArrayList<>();
        answer.path("problems")
                .forEach(p -> list.add(tuple(
                        p.path("line").asInt(), field(p), p.path("message").asString())));
        return list;
    }

    private static List<org.assertj.core.groups.Tuple> problemLines(JsonNode answer) {
        List<org.assertj.core.groups.Tuple> list = new ArrayList<>();
        answer.path("problems").forEach(p -> list.add(tuple(p.path("line").asInt(), field(p))));
        return list;
    }

    private static String field(JsonNode problem) {
        return problem.path("field").isNull() ? null : problem.path("field").asString();
    }

    private static String message(JsonNode answer, int line) {
        for (JsonNode p : answer.path("problems")) {
            if (p.path("line").asInt() == line) {
                return p.path("message").asString();
            }
        }
        throw new AssertionError("No problem on line " + line + ": " + answer);
    }

    static String uniqueEmail() {
        return Fixtures.uniqueEmail("csv");
    }
}
