package app.caseload.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import app.caseload.support.Api;
import app.caseload.support.IntegrationTest;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;

/**
 * Every resource type the API serves, every status a session can have, the search Bundle, the
 * CapabilityStatement and an OperationOutcome validate against the base R4 profiles with zero
 * errors (warnings are printed, not failed: unknown code systems such as CPT cannot be checked
 * offline).
 */
class FhirValidationTest extends IntegrationTest {

    @Test
    void everyResourceTypeValidatesAgainstTheBaseR4Profiles() {
        FhirPractice practice = new FhirPractice(api(), fixtures(), "Validation Practice");
        Api admin = api().as(practice.admin.token());
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put("metadata", api().get("/fhir/r4/metadata").expect(200).body());
        int resources = 0;
        for (String type : List.of("Practitioner", "PractitionerRole", "Patient", "CareTeam", "Encounter")) {
            String bundle =
                    admin.get("/fhir/r4/" + type + "?_count=1").expect(200).body();
            answers.put(type + " search", bundle);
            Bundle parsed = FhirValidation.CONTEXT.newJsonParser().parseResource(Bundle.class, bundle);
            assertThat(parsed.getLink("next")).as(type + " has a second page").isNotNull();
            for (String page = bundle; page != null; ) {
                Bundle p = FhirValidation.CONTEXT.newJsonParser().parseResource(Bundle.class, page);
                for (Bundle.BundleEntryComponent entry : p.getEntry()) {
                    String id = entry.getResource().getIdElement().getIdPart();
                    answers.put(
                            type + "/" + id,
                            admin.get("/fhir/r4/" + type + "/" + id).expect(200).body());
                    resources++;
                }
                String next =
                        p.getLink("next") == null ? null : p.getLink("next").getUrl();
                page = next == null
                        ? null
                        : admin.get(next.substring(next.indexOf("/fhir/r4/")))
                                .expect(200)
                                .body();
            }
        }
        answers.put(
                "OperationOutcome 404",
                admin.get("/fhir/r4/Patient/" + java.util.UUID.randomUUID())
                        .expect(404)
                        .body());
        answers.put(
                "OperationOutcome 400",
                admin.get("/fhir/r4/Patient?colour=blue").expect(400).body());
        answers.put(
                "OperationOutcome 401",
                api().get("/fhir/r4/Patient").expect(401).body());

        List<String> errors = new ArrayList<>();
        answers.forEach((what, json) -> FhirValidation.errors(json).forEach(e -> errors.add(what + ": " + e)));
        answers.forEach((what, json) -> FhirValidation.messages(json, ResultSeverityEnum.WARNING)
                .forEach(w -> System.out.println("FHIR validation, " + what + ": " + w)));
        System.out.println("FHIR validation: " + answers.size() + " answers, " + resources + " resources read");
        // Four members (as Practitioner and PractitionerRole), two clients (Patient, CareTeam), five sessions.
        assertThat(resources).as("resources read").isEqualTo(4 + 4 + 2 + 2 + 5);
        assertThat(errors).as("validation errors").isEmpty();
    }
}
