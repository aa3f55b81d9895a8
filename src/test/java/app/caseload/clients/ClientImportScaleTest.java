package app.caseload.clients;

import static org.assertj.core.api.Assertions.assertThat;

import app.caseload.support.Api;
import app.caseload.support.Fixtures.Member;
import app.caseload.support.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * How long a large import and export take, through HTTP against the real database; logged, never
 * asserted (timings on a shared machine are noise). The build runs 5,000 rows; the figure in
 * docs/performance.md is {@code -Dcaseload.import.rows=50000}:
 *
 * <pre>./mvnw -o -q -B -ntp test -Dtest=ClientImportScaleTest -Dcaseload.import.rows=50000</pre>
 */
class ClientImportScaleTest extends IntegrationTest {

    static final int ROWS = Integer.getInteger("caseload.import.rows", 5_000);

    @Test
    void importsAndExportsALargeFile() {
        Member admin = fixtures().signup("Scale Practice");
        List<Member> therapists = new ArrayList<>();
        therapists.add(admin);
        for (int i = 0; i < 4; i++) {
            therapists.add(fixtures().join(admin, "Scale Therapist " + (char) ('A' + i), "Licensed Therapist"));
        }
        Random random = new Random(10);
        StringBuilder file = new StringBuilder(ClientCsvApiTest.HEADER);
        LocalDate first = LocalDate.of(1940, 1, 1);
        for (int i = 0; i < ROWS; i++) {
            file.append("Client ")
                    .append(Integer.toString(i, 36))
                    .append(' ')
                    .append((char) ('A' + random.nextInt(26)))
                    .append(',')
                    .append(first.plusDays(random.nextInt(30_000)))
                    .append(",c")
                    .append(i)
                    .append("@example.test,555-")
                    .append(1000 + random.nextInt(9000))
                    .append(',')
                    .append(random.nextInt(4) == 0 ? "PRACTICE" : "DIRECT")
                    .append(',')
                    .append(therapists.get(random.nextInt(therapists.size())).email())
                    .append(",ACTIVE\r\n");
        }
        byte[] bytes = file.toString().getBytes(StandardCharsets.UTF_8);

        long start = System.nanoTime();
        JsonNode dry = importCsv(admin, bytes, true);
        long dryRun = System.nanoTime() - start;
        assertThat(dry.path("problems").size()).isZero();
        assertThat(dry.path("rows").asInt()).isEqualTo(ROWS);

        start = System.nanoTime();
        JsonNode done = importCsv(admin, bytes, false);
        long imported = System.nanoTime() - start;
        assertThat(done.path("problems").size()).isZero();
        assertThat(done.path("created").asInt()).isEqualTo(ROWS);

        start = System.nanoTime();
        String export = api().as(admin.token())
                .get("/api/v1/clients/export")
                .expect(200)
                .body();
        long exported = System.nanoTime() - start;
        assertThat(export.lines().count()).isEqualTo(ROWS + 1L);

        System.out.printf(
                "Client CSV at %,d rows (%,d bytes): dry run %d ms, import %d ms, export %d ms%n",
                ROWS, bytes.length, dryRun / 1_000_000, imported / 1_000_000, exported / 1_000_000);
    }

    /** Its own client: a loaded machine may take longer than the usual 30-second test timeout. */
    private JsonNode importCsv(Member who, byte[] file, boolean dryRun) {
        try {
            HttpResponse<String> answer = HTTP.send(
                    HttpRequest.newBuilder(URI.create(api().base() + "/api/v1/clients/import?dryRun=" + dryRun))
                            .timeout(Duration.ofMinutes(10))
                            .header("Authorization", "Bearer " + who.token())
                            .header("Content-Type", "text/csv")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(file))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            return Api.JSON.readTree(answer.body());
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();
}
