package app.caseload.clinical;

import static org.assertj.core.api.Assertions.assertThat;

import app.caseload.clinical.VisibilityWorld.Client;
import app.caseload.clinical.VisibilityWorld.Status;
import app.caseload.clinical.VisibilityWorld.Who;
import app.caseload.support.Api;
import app.caseload.support.IntegrationTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The FHIR Patient set of every kind of caller equals their {@code GET /api/v1/clients} set, and
 * both equal SPEC §5 as the {@link VisibilityWorld} oracle states it: admin, therapist (with
 * walk-ins), supervisor, supervisee, a role with {@code clients.view_practice}, On Hold, the admin
 * of another practice — and the supervisor again once On Hold (their supervisees' clients leave
 * both lists). Inactive and removed members get 401. CareTeams follow the Patient set; reading any
 * client's Patient answers 200 exactly when it is in the set, 404 otherwise.
 */
class FhirVisibilityTest extends IntegrationTest {

    @Test
    void fhirPatientsAreExactlyTheJsonClientListForEveryCaller() {
        VisibilityWorld w = VisibilityWorld.build(api(), fixtures());
        List<String> wrong = new ArrayList<>();
        for (Who who : w.callers.values()) {
            check(w, who, wrong);
        }
        Who supervisor = w.callers.get("supervisor");
        api().as(w.callers.get("admin").member().token())
                .put("/api/v1/therapists/" + supervisor.member().memberId() + "/status", Map.of("status", "ON_HOLD"))
                .expect(200);
        check(
                w,
                new Who(
                        "onHoldSupervisor",
                        supervisor.member(),
                        Status.ON_HOLD,
                        false,
                        false,
                        supervisor.supervisees()),
                wrong);
        assertThat(wrong)
                .as("callers whose FHIR and JSON client sets differ from the rules")
                .isEmpty();
    }

    private void check(VisibilityWorld w, Who who, List<String> wrong) {
        Api as = api().as(who.member().token());
        if (who.status() == Status.INACTIVE || who.status() == Status.REMOVED) {
            for (String path : List.of("/fhir/r4/Patient", "/fhir/r4/Encounter", "/fhir/r4/Practitioner")) {
                int status = as.get(path).status();
                if (status != 401) wrong.add(who.name() + " " + path + " answers " + status + ", not 401");
            }
            return;
        }
        Set<String> expected = w.visibleIds(who);
        Set<String> json = walkJson(as);
        Set<String> patients = walkFhir(as, "Patient");
        Set<String> careTeams = walkFhir(as, "CareTeam");
        if (!patients.equals(json)) {
            wrong.add(who.name() + ": FHIR Patient " + labels(w, patients) + " but JSON clients " + labels(w, json));
        }
        if (!patients.equals(expected)) {
            wrong.add(who.name() + ": FHIR Patient " + labels(w, patients) + " but rules " + labels(w, expected));
        }
        if (!careTeams.equals(expected)) {
            wrong.add(who.name() + ": CareTeam " + labels(w, careTeams) + " but rules " + labels(w, expected));
        }
        for (Client client : w.clients) {
            int status = as.get("/fhir/r4/Patient/" + client.id()).status();
            int rules = expected.contains(client.id()) ? 200 : 404;
            if (status != rules) {
                wrong.add(who.name() + ": GET Patient/" + client.label() + " answers " + status + ", rules " + rules);
            }
        }
    }

    private static String labels(VisibilityWorld w, Set<String> ids) {
        return w.clients.stream()
                .filter(c -> ids.contains(c.id()))
                .map(Client::label)
                .sorted()
                .toList()
                .toString();
    }

    /** The JSON list, walked by its cursors in small pages. */
    private static Set<String> walkJson(Api as) {
        Set<String> ids = new LinkedHashSet<>();
        String cursor = null;
        do {
            JsonNode page = as.get("/api/v1/clients?limit=7"
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

    /** A FHIR search, walked by its next links in small pages; a repeated id fails at once. */
    private static Set<String> walkFhir(Api as, String type) {
        Set<String> ids = new LinkedHashSet<>();
        String url = "/fhir/r4/" + type + "?_count=7";
        while (url != null) {
            JsonNode bundle = as.get(url).expect(200).json();
            for (JsonNode entry : bundle.path("entry")) {
                String id = entry.path("resource").path("id").asString();
                assertThat(ids.add(id)).as(type + " " + id + " on two pages").isTrue();
            }
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
}
