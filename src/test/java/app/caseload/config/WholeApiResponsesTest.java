package app.caseload.config;

import static org.assertj.core.api.Assertions.assertThat;

import app.caseload.support.Api;
import app.caseload.support.Fixtures.Member;
import app.caseload.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * An API page leaves whole, with its length, and an export still streams (issue 9, the cost of a
 * request: Tomcat sent a 19 KB client list in 8 KB chunks, each a write of its own).
 */
class WholeApiResponsesTest extends IntegrationTest {

    @Test
    void aPageCarriesItsLengthAndAnExportStreams() {
        Member owner = fixtures().signup("Whole Responses");
        // 1,500 clients in one import: an export of them (~110 KB) is bigger than the response buffer.
        StringBuilder csv = new StringBuilder("full_name,date_of_birth,email,phone,kind,therapist_email,status\r\n");
        for (int i = 0; i < 1500; i++) {
            csv.append("Client Number ")
                    .append(i)
                    .append(",1990-04-01,,,PRACTICE,")
                    .append(owner.email())
                    .append(",\r\n");
        }
        api().as(owner.token())
                .sendBytes(
                        "POST",
                        "/api/v1/clients/import?dryRun=false",
                        csv.toString().getBytes(StandardCharsets.UTF_8),
                        "text/csv")
                .expect(200);

        Api.Response page =
                api().as(owner.token()).get("/api/v1/clients?limit=50").expect(200);
        assertThat(page.body().getBytes(StandardCharsets.UTF_8).length)
                .as("more than Tomcat's 8 KB buffer")
                .isGreaterThan(8 * 1024);
        assertThat(page.headers().firstValueAsLong("Content-Length"))
                .as("sent whole, not chunked")
                .hasValue(page.body().getBytes(StandardCharsets.UTF_8).length);
        assertThat(page.json().get("items").size()).isEqualTo(50);

        // The export is written as it is read (its rows are not all held in memory): no length known up front.
        Api.Response export =
                api().as(owner.token()).get("/api/v1/clients/export").expect(200);
        assertThat(export.body().lines().count()).isEqualTo(1501);
        assertThat(export.body().length()).isGreaterThan(WholeApiResponses.BUFFER_BYTES);
        assertThat(export.headers().firstValue("Content-Length")).isEmpty();
    }
}
