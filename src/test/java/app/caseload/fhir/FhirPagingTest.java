package app.caseload.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import app.caseload.support.Api;
import app.caseload.support.Fixtures.Member;
import app.caseload.support.IntegrationTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Keyset paging walks a 1,000-client practice without duplicates or gaps, in the JSON list's order.
 * The clients are inserted in one statement (the API would take minutes), into the same table under
 * the same constraints and triggers the app relies on (the caseload relation is checked after the
 * test like after every other); a third of them share one of a few names, so ties on the sort key
 * fall back to the id across page boundaries.
 */
class FhirPagingTest extends IntegrationTest {

    @Test
    void pagingWalksAThousandClientsWithoutDuplicatesOrGaps() {
        Member admin = fixtures().signup("Paging Practice");
        Member therapist = fixtures().join(admin, "Theo Therapist", "Licensed Therapist");
        jdbc.sql("""
                insert into client (practice_id, id, full_name, date_of_birth, kind, therapist_id, status, risk_level,
                                    created_at, created_by)
                select cast(:practice as uuid), gen_random_uuid(),
                       case when g % 3 = 0 then 'Sam Same ' || (g % 4) else 'Client ' || lpad(g::text, 4, '0') end,
                       date '1950-01-01' + g, case when g % 2 = 0 then 'PRACTICE' else 'DIRECT' end,
                       case when g % 5 = 0 then cast(:therapist as uuid) else cast(:admin as uuid) end,
                       'ACTIVE', 'NONE', now(), cast(:admin as uuid)
                from generate_series(1, 1000) g""")
                .param("practice", admin.practiceId())
                .param("therapist", therapist.memberId())
                .param("admin", admin.memberId())
                .update();

        Api asAdmin = api().as(admin.token());
        List<String> fhir = walkFhir(asAdmin, 37);
        assertThat(new HashSet<>(fhir)).as("no duplicates").hasSize(fhir.size());
        assertThat(fhir).as("no gaps").hasSize(1000);
        assertThat(fhir).as("the JSON list's order").isEqualTo(walkJson(asAdmin, 37));
        assertThat(walkFhir(asAdmin, 500)).isEqualTo(fhir);
        assertThat(walkFhir(asAdmin, 100_000)).as("_count above 500 is capped").isEqualTo(fhir);

        Api asTherapist = api().as(therapist.token());
        List<String> own = walkFhir(asTherapist, 23);
        List<UUID> held = jdbc.sql("select id from client where practice_id = ?::uuid and therapist_id = ?::uuid")
                .param(admin.practiceId())
                .param(therapist.memberId())
                .query(UUID.class)
                .list();
        assertThat(own)
                .hasSize(200)
                .containsExactlyInAnyOrderElementsOf(
                        held.stream().map(UUID::toString).toList());
        assertThat(own).isEqualTo(walkJson(asTherapist, 23));
    }

    private static List<String> walkFhir(Api as, int count) {
        List<String> ids = new ArrayList<>();
        String url = "/fhir/r4/Patient?_count=" + count;
        int pages = 0;
        while (url != null) {
            assertThat(++pages).as("paging ends").isLessThan(2000);
            JsonNode bundle = as.get(url).expect(200).json();
            bundle.path("entry")
                    .forEach(e -> ids.add(e.path("resource").path("id").asString()));
            url = null;
            for (JsonNode link : bundle.path("link")) {
                if (link.path("relation").asString().equals("next")) {
                    String next = link.path("url").asString();
                    url = next.substring(next.indexOf("/fhir/r4/"));
                }
            }
        }
        return ids;
    }

    private static List<String> walkJson(Api as, int limit) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = as.get("/api/v1/clients?limit=" + limit
                            + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)))
                    .expect(200)
                    .json();
            page.path("items").forEach(item -> ids.add(item.path("id").asString()));
            cursor = page.path("nextCursor").isNull()
                    ? null
                    : page.path("nextCursor").asString();
        } while (cursor != null);
        return ids;
    }
}
