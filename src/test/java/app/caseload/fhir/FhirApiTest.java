package app.caseload.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import app.caseload.support.Api;
import app.caseload.support.IntegrationTest;
import ca.uhn.fhir.parser.IParser;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The FHIR API's contract, over HTTP against the real database: what the CapabilityStatement
 * promises, how our data maps onto each resource, every search parameter, paging, refusals as
 * OperationOutcomes (400, 401, 404, 405, 406, never 500) and the audit of every read.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FhirApiTest extends IntegrationTest {

    private FhirPractice p;

    @BeforeAll
    void practice() {
        p = new FhirPractice(api(), fixtures(), "Fhir Api Practice");
    }

    private static IParser parser() {
        return FhirValidation.CONTEXT.newJsonParser();
    }

    private Api as(app.caseload.support.Fixtures.Member member) {
        return api().as(member.token());
    }

    private static <R extends Resource> R resource(Api.Response response, Class<R> type) {
        assertThat(response.contentType()).startsWith("application/fhir+json");
        return parser().parseResource(type, response.body());
    }

    private static Set<String> ids(Api.Response response) {
        Bundle bundle = resource(response.expect(200), Bundle.class);
        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.SEARCHSET);
        return bundle.getEntry().stream()
                .map(e -> e.getResource().getIdElement().getIdPart())
                .collect(Collectors.toSet());
    }

    private static OperationOutcome refusal(Api.Response response, int status) {
        response.expect(status);
        OperationOutcome outcome = resource(response, OperationOutcome.class);
        assertThat(outcome.getIssueFirstRep().getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
        assertThat(outcome.getIssueFirstRep().getDiagnostics()).isNotBlank();
        return outcome;
    }

    // ---- the CapabilityStatement -----------------------------------------------------------------

    @Test
    void metadataIsPublicAndListsExactlyWhatIsServed() {
        CapabilityStatement statement = resource(api().get("/fhir/r4/metadata").expect(200), CapabilityStatement.class);
        assertThat(statement.getFhirVersion().toCode()).isEqualTo("4.0.1");
        assertThat(statement.getFormat()).extracting(f -> f.getValue()).contains("application/fhir+json");
        List<CapabilityStatementRestResourceComponent> resources =
                statement.getRestFirstRep().getResource();
        assertThat(resources)
                .extracting(CapabilityStatementRestResourceComponent::getType)
                .containsExactlyInAnyOrder("Practitioner", "PractitionerRole", "Patient", "CareTeam", "Encounter");
        for (CapabilityStatementRestResourceComponent r : resources) {
            assertThat(r.getInteraction())
                    .extracting(i -> i.getCode().toCode())
                    .containsExactlyInAnyOrder("read", "search-type");
        }
        assertThat(params(resources, "Patient"))
                .containsExactlyInAnyOrder("_id", "name", "birthdate", "general-practitioner");
        assertThat(params(resources, "Encounter"))
                .containsExactlyInAnyOrder("_id", "patient", "subject", "date", "status");
        assertThat(params(resources, "CareTeam")).containsExactlyInAnyOrder("_id", "patient", "subject");
        assertThat(params(resources, "Practitioner")).containsExactlyInAnyOrder("_id", "name");
        assertThat(params(resources, "PractitionerRole")).containsExactlyInAnyOrder("_id", "practitioner");
    }

    private static List<String> params(List<CapabilityStatementRestResourceComponent> resources, String type) {
        return resources.stream()
                .filter(r -> r.getType().equals(type))
                .findFirst()
                .orElseThrow()
                .getSearchParam()
                .stream()
                .map(s -> s.getName())
                .toList();
    }

    // ---- mappings ----------------------------------------------------------------------------------

    @Test
    void patientCarriesNameBirthDateTelecomAndTheTherapist() {
        Patient ada = resource(as(p.admin).get("/fhir/r4/Patient/" + p.direct).expect(200), Patient.class);
        assertThat(ada.getIdElement().getIdPart()).isEqualTo(p.direct);
        assertThat(ada.getNameFirstRep().getText()).isEqualTo("Ada Lovelace");
        assertThat(ada.getBirthDateElement().getValueAsString()).isEqualTo("1985-12-10");
        assertThat(ada.getTelecom())
                .extracting(t -> t.getSystem().toCode() + ":" + t.getValue())
                .containsExactly("email:ada@example.test", "phone:+1 555 0100");
        assertThat(ada.getGeneralPractitionerFirstRep().getReference())
                .isEqualTo("Practitioner/" + p.therapist.memberId());
        assertThat(ada.getActive()).isTrue();
    }

    @Test
    void encounterMapsStatusPeriodParticipantAndServiceType() {
        Encounter completed = encounter("COMPLETED");
        assertThat(completed.getStatus()).isEqualTo(Encounter.EncounterStatus.FINISHED);
        assertThat(completed.getSubject().getReference()).isEqualTo("Patient/" + p.direct);
        assertThat(completed.getParticipantFirstRep().getIndividual().getReference())
                .isEqualTo("Practitioner/" + p.therapist.memberId());
        Coding cpt = completed.getServiceType().getCodingFirstRep();
        assertThat(cpt.getSystem() + "|" + cpt.getCode()).isEqualTo("http://www.ama-assn.org/go/cpt|90834");
        assertThat(completed.getPeriod().getEnd().getTime()
                        - completed.getPeriod().getStart().getTime())
                .isEqualTo(50 * 60_000L);
        assertThat(completed.getClass_().getCode()).isEqualTo("AMB");
        assertThat(encounter("SCHEDULED").getStatus()).isEqualTo(Encounter.EncounterStatus.PLANNED);
        assertThat(encounter("CANCELLED").getStatus()).isEqualTo(Encounter.EncounterStatus.CANCELLED);
        assertThat(encounter("NO_SHOW").getStatus()).isEqualTo(Encounter.EncounterStatus.CANCELLED);
    }

    private Encounter encounter(String ourStatus) {
        return resource(
                as(p.admin)
                        .get("/fhir/r4/Encounter/" + p.sessions.get(ourStatus))
                        .expect(200),
                Encounter.class);
    }

    @Test
    void careTeamIsTheTherapistAndTheSupervisorsOfASupervisee() {
        CareTeam bob = resource(
                as(p.admin).get("/fhir/r4/CareTeam/" + p.practiceClient).expect(200), CareTeam.class);
        assertThat(bob.getSubject().getReference()).isEqualTo("Patient/" + p.practiceClient);
        assertThat(bob.getParticipant())
                .extracting(
                        t -> t.getRoleFirstRep().getText() + " " + t.getMember().getReference())
                .containsExactly(
                        "therapist Practitioner/" + p.associate.memberId(),
                        "supervisor Practitioner/" + p.supervisor.memberId());
        CareTeam ada = resource(as(p.admin).get("/fhir/r4/CareTeam/" + p.direct).expect(200), CareTeam.class);
        assertThat(ada.getParticipant())
                .extracting(
                        t -> t.getRoleFirstRep().getText() + " " + t.getMember().getReference())
                .containsExactly("therapist Practitioner/" + p.therapist.memberId());
    }

    @Test
    void practitionerRoleNamesTheRoleTheModifierAndThePractice() {
        PractitionerRole role = resource(
                as(p.therapist)
                        .get("/fhir/r4/PractitionerRole/" + p.supervisor.memberId())
                        .expect(200),
                PractitionerRole.class);
        assertThat(role.getCodeFirstRep().getText()).isEqualTo("Supervisor");
        assertThat(role.getActive()).isTrue();
        assertThat(role.getPractitioner().getReference()).isEqualTo("Practitioner/" + p.supervisor.memberId());
        assertThat(role.getOrganization().getReference()).isEqualTo("Organization/" + p.admin.practiceId());
        assertThat(role.getOrganization().getDisplay()).isEqualTo("Fhir Api Practice");
        Coding modifier = (Coding) role.getExtensionByUrl(PractitionerRoleResources.BILLING_MODIFIER)
                .getValue();
        assertThat(modifier.getCode()).isEqualTo("HP");
        Practitioner sam = resource(
                as(p.therapist)
                        .get("/fhir/r4/Practitioner/" + p.supervisor.memberId())
                        .expect(200),
                Practitioner.class);
        assertThat(sam.getNameFirstRep().getText()).isEqualTo("Sam Supervisor");
        assertThat(sam.getQualificationFirstRep().getCode().getCodingFirstRep().getCode())
                .isEqualTo("HP");
        assertThat(ids(as(p.therapist).get("/fhir/r4/Practitioner")))
                .containsExactlyInAnyOrder(
                        p.admin.memberId(), p.therapist.memberId(), p.supervisor.memberId(), p.associate.memberId());
    }

    // ---- search parameters ---------------------------------------------------------------------------

    @Test
    void patientSearchParameters() {
        Api admin = as(p.admin);
        assertThat(ids(admin.get("/fhir/r4/Patient?name=lov"))).containsExactly(p.direct);
        assertThat(ids(admin.get("/fhir/r4/Patient?name=ADA"))).containsExactly(p.direct);
        assertThat(ids(admin.get("/fhir/r4/Patient?name=ove"))).isEmpty();
        assertThat(ids(admin.get("/fhir/r4/Patient?name:contains=ove"))).containsExactly(p.direct);
        assertThat(ids(admin.get("/fhir/r4/Patient?name:exact=Ada%20Lovelace"))).containsExactly(p.direct);
        assertThat(ids(admin.get("/fhir/r4/Patient?name:exact=ada%20lovelace"))).isEmpty();
        assertThat(ids(admin.get("/fhir/r4/Patient?name=ada,bob")))
                .containsExactlyInAnyOrder(p.direct, p.practiceClient);
        assertThat(ids(admin.get("/fhir/r4/Patient?name=ada&name=bob"))).isEmpty();
        assertThat(ids(admin.get("/fhir/r4/Patient?name=100%25"))).isEmpty();
        assertThat(ids(admin.get("/fhir/r4/Patient?birthdate=1985-12-10"))).containsExactly(p.direct);
        assertThat(ids(admin.get("/fhir/r4/Patient?birthdate=1985-12"))).containsExactly(p.direct);
        assertThat(ids(admin.get("/fhir/r4/Patient?birthdate=1985"))).containsExactly(p.direct);
        assertThat(ids(admin.get("/fhir/r4/Patient?birthdate=ge1986-01-01"))).containsExactly(p.practiceClient);
        assertThat(ids(admin.get("/fhir/r4/Patient?birthdate=gt1985-12-10"))).containsExactly(p.practiceClient);
        assertThat(ids(admin.get("/fhir/r4/Patient?birthdate=le1985-12-10"))).containsExactly(p.direct);
        assertThat(ids(admin.get("/fhir/r4/Patient?birthdate=lt1985-12-10"))).isEmpty();
        assertThat(ids(admin.get("/fhir/r4/Patient?birthdate=ge1980&birthdate=le1989")))
                .containsExactly(p.direct);
        assertThat(ids(admin.get("/fhir/r4/Patient?general-practitioner=Practitioner/" + p.therapist.memberId())))
                .containsExactly(p.direct);
        assertThat(ids(admin.get("/fhir/r4/Patient?general-practitioner=" + p.associate.memberId())))
                .containsExactly(p.practiceClient);
        assertThat(ids(admin.get("/fhir/r4/Patient?_id=" + p.direct + "," + UUID.randomUUID())))
                .containsExactly(p.direct);
        // A well-formed FHIR id that is not one of ours names nothing.
        assertThat(ids(admin.get("/fhir/r4/Patient?_id=not-a-uuid"))).isEmpty();
        // Empty values are ignored, as FHIR's search rules say.
        assertThat(ids(admin.get("/fhir/r4/Patient?name="))).containsExactlyInAnyOrder(p.direct, p.practiceClient);
    }

    @Test
    void encounterSearchParameters() {
        Api admin = as(p.admin);
        Set<String> ofAda = Set.of(p.sessions.get("COMPLETED"), p.sessions.get("SCHEDULED"), p.sessions.get("NO_SHOW"));
        assertThat(ids(admin.get("/fhir/r4/Encounter?patient=Patient/" + p.direct)))
                .isEqualTo(ofAda);
        assertThat(ids(admin.get("/fhir/r4/Encounter?subject=" + p.direct))).isEqualTo(ofAda);
        assertThat(ids(admin.get("/fhir/r4/Encounter?subject:Patient=" + p.direct)))
                .isEqualTo(ofAda);
        assertThat(ids(admin.get("/fhir/r4/Encounter?status=finished")))
                .containsExactlyInAnyOrder(p.sessions.get("COMPLETED"), p.sessions.get("WALK_IN"));
        assertThat(ids(admin.get("/fhir/r4/Encounter?status=http://hl7.org/fhir/encounter-status%7Cplanned")))
                .containsExactly(p.sessions.get("SCHEDULED"));
        assertThat(ids(admin.get("/fhir/r4/Encounter?status=cancelled")))
                .containsExactlyInAnyOrder(p.sessions.get("CANCELLED"), p.sessions.get("NO_SHOW"));
        assertThat(ids(admin.get("/fhir/r4/Encounter?status=in-progress"))).isEmpty();
        String today = java.time.LocalDate.now().toString();
        assertThat(ids(admin.get("/fhir/r4/Encounter?date=ge" + today))).containsExactly(p.sessions.get("SCHEDULED"));
        assertThat(ids(admin.get("/fhir/r4/Encounter?date=lt" + today)))
                .hasSize(4)
                .doesNotContain(p.sessions.get("SCHEDULED"));
        Encounter completed = resource(admin.get("/fhir/r4/Encounter/" + p.sessions.get("COMPLETED")), Encounter.class);
        String start = completed.getPeriod().getStartElement().getValueAsString();
        assertThat(ids(admin.get("/fhir/r4/Encounter?date=" + start.replace("+", "%2B"))))
                .containsExactly(p.sessions.get("COMPLETED"));
        assertThat(ids(admin.get("/fhir/r4/Encounter?date=ge" + start.replace("+", "%2B") + "&date=le"
                        + start.replace("+", "%2B") + "&patient=" + p.direct)))
                .containsExactly(p.sessions.get("COMPLETED"));
        assertThat(ids(admin.get("/fhir/r4/CareTeam?patient=" + p.practiceClient)))
                .containsExactly(p.practiceClient);
        assertThat(ids(admin.get("/fhir/r4/PractitionerRole?practitioner=Practitioner/" + p.associate.memberId())))
                .containsExactly(p.associate.memberId());
    }

    @Test
    void pagesFollowTheNextLinkAndCountIsCapped() {
        Api admin = as(p.admin);
        Set<String> seen = new java.util.HashSet<>();
        String url = "/fhir/r4/Encounter?_count=2&status=finished,cancelled,planned";
        int pages = 0;
        while (url != null) {
            Bundle page = resource(admin.get(url).expect(200), Bundle.class);
            page.getEntry()
                    .forEach(e -> assertThat(
                                    seen.add(e.getResource().getIdElement().getIdPart()))
                            .isTrue());
            Bundle.BundleLinkComponent next = page.getLink("next");
            url = next == null ? null : next.getUrl().substring(next.getUrl().indexOf("/fhir/r4/"));
            pages++;
        }
        assertThat(seen).hasSize(5);
        assertThat(pages).isEqualTo(3);
        assertThat(ids(admin.get("/fhir/r4/Encounter?_count=100000"))).hasSize(5);
    }

    // ---- refusals --------------------------------------------------------------------------------------

    @Test
    void refusalsAreOperationOutcomesNever500() {
        Api admin = as(p.admin);
        refusal(api().get("/fhir/r4/Patient"), 401);
        refusal(api().as("not-a-token").get("/fhir/r4/Patient/" + p.direct), 401);
        for (String bad : List.of(
                "/fhir/r4/Patient?colour=blue",
                "/fhir/r4/Patient?name:fuzzy=ada",
                "/fhir/r4/Patient?_count=abc",
                "/fhir/r4/Patient?_count=0",
                "/fhir/r4/Patient?_count=1&_count=2",
                "/fhir/r4/Patient?_pretty=maybe",
                "/fhir/r4/Patient?birthdate=yesterday",
                "/fhir/r4/Patient?birthdate=ap1985",
                "/fhir/r4/Patient?birthdate=1985-13-01",
                "/fhir/r4/Patient?birthdate=1985-12-10T10:00:00Z",
                "/fhir/r4/Encounter?date=2026-01-01T10:00",
                "/fhir/r4/Encounter?status=bogus",
                "/fhir/r4/Encounter?status=http://example.org%7Cfinished",
                "/fhir/r4/Encounter?patient=Group/" + p.direct,
                "/fhir/r4/Patient?general-practitioner=Organization/" + p.admin.practiceId(),
                "/fhir/r4/Patient?_id=bad_id!",
                "/fhir/r4/Patient?_cursor=garbage!",
                "/fhir/r4/Patient?_sort=name",
                "/fhir/r4/Patient?_include=Patient:general-practitioner",
                "/fhir/r4/Patient?general-practitioner.name=Theo",
                "/fhir/r4/Patient/" + p.direct + "?name=x",
                "/fhir/r4/Patient/bad_id!")) {
            refusal(admin.get(bad), 400);
        }
        refusal(admin.get("/fhir/r4/Patient?_format=xml"), 406);
        refusal(admin.get("/fhir/r4/Observation"), 404);
        refusal(admin.get("/fhir/r4/Patient/" + UUID.randomUUID()), 404);
        refusal(admin.get("/fhir/r4/Patient/not-a-uuid"), 404);
        refusal(admin.get("/fhir/r4/Patient/" + p.direct + "/_history"), 404);
        refusal(admin.post("/fhir/r4/Patient", "{}"), 405);
        refusal(admin.put("/fhir/r4/Patient/" + p.direct, "{}"), 405);
        refusal(admin.delete("/fhir/r4/Patient/" + p.direct), 405);
        // An invisible client is as absent as an unknown one: the Associate's own client for the therapist.
        String hidden = p.client("Hidden Client", "2000-01-01", "DIRECT", p.associate, null, null);
        refusal(as(p.therapist).get("/fhir/r4/Patient/" + hidden), 404);
        refusal(as(p.therapist).get("/fhir/r4/CareTeam/" + hidden), 404);
        assertThat(ids(as(p.therapist).get("/fhir/r4/Patient?_id=" + hidden))).isEmpty();
        // Another practice's member is not a Practitioner here.
        app.caseload.support.Fixtures.Member foreign = fixtures().signup("Other Fhir Practice");
        refusal(as(p.therapist).get("/fhir/r4/Practitioner/" + foreign.memberId()), 404);
        refusal(as(foreign).get("/fhir/r4/Patient/" + p.direct), 404);
        refusal(as(foreign).get("/fhir/r4/Encounter/" + p.sessions.get("COMPLETED")), 404);
        assertThat(ids(as(foreign).get("/fhir/r4/Practitioner"))).containsExactly(foreign.memberId());
    }

    // ---- audit ---------------------------------------------------------------------------------------

    @Test
    void everyReadOfClientDataIsAudited() {
        Api therapist = as(p.therapist);
        ids(therapist.get("/fhir/r4/Patient"));
        therapist.get("/fhir/r4/Patient/" + p.direct).expect(200);
        therapist.get("/fhir/r4/Encounter?patient=" + p.practiceClient).expect(200);
        therapist.get("/fhir/r4/CareTeam/" + p.direct).expect(200);
        // Searching the trail writes the queued reads first.
        as(p.admin).get("/api/v1/audit?actorId=" + p.therapist.memberId()).expect(200);
        List<String> rows =
                jdbc.sql("""
                        select action || ' ' || array_to_string(array(select unnest(client_ids)::text order by 1), ',')
                        from audit_event where actor_member_id = ?::uuid and action like 'fhir.%' order by at, id""").param(p.therapist.memberId()).query(String.class).list();
        String both =
                java.util.stream.Stream.of(p.direct, p.practiceClient).sorted().collect(Collectors.joining(","));
        assertThat(rows)
                .contains(
                        "fhir.patient.search " + both,
                        "fhir.patient.read " + p.direct,
                        "fhir.encounter.search " + p.practiceClient,
                        "fhir.careteam.read " + p.direct);
    }
}
