package app.caseload.fhir;

import app.caseload.clients.ClientVisibility;
import app.caseload.shared.Caller;
import app.caseload.shared.Cursor;
import app.caseload.shared.PracticeZones;
import app.caseload.shared.Timestamps;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Encounter.EncounterStatus;
import org.hl7.fhir.r4.model.Enumerations.SearchParamType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Sessions as {@code Encounter}: status, period, the rendering therapist as participant, the client
 * as subject, the CPT code as {@code serviceType}. Visible exactly when the session is in the JSON
 * API ({@link ClientVisibility#sessionPredicate}): a session of a visible client, or a non-cancelled
 * one rendered by someone in the caller's lens (its Patient may then be a 404 for them, as the
 * client's record is in the JSON API). Newest first, as session lists are.
 *
 * <p>Status: SCHEDULED is {@code planned}, COMPLETED {@code finished}, CANCELLED {@code cancelled},
 * and NO_SHOW {@code cancelled} too — FHIR R4's "the encounter has ended before it has begun";
 * {@code entered-in-error} would claim the record was a mistake, which a no-show is not.
 */
@Component
class EncounterResources implements ResourceType {

    static final String STATUS_SYSTEM = "http://hl7.org/fhir/encounter-status";

    /** Our session statuses behind each FHIR status a search may name. */
    private static final Map<String, List<String>> STATUSES = Map.of(
            "planned", List.of("SCHEDULED"),
            "finished", List.of("COMPLETED"),
            "cancelled", List.of("CANCELLED", "NO_SHOW"));

    private static final List<SearchParam> PARAMS = List.of(
            SearchParam.id(),
            SearchParam.of(
                            "patient",
                            SearchParamType.REFERENCE,
                            "http://hl7.org/fhir/SearchParameter/clinical-patient",
                            "The client: Patient/{id} or {id}.")
                    .withModifiers("Patient"),
            SearchParam.of(
                            "subject",
                            SearchParamType.REFERENCE,
                            "http://hl7.org/fhir/SearchParameter/Encounter-subject",
                            "The client: Patient/{id} or {id}.")
                    .withModifiers("Patient"),
            SearchParam.of(
                    "date",
                    SearchParamType.DATE,
                    "http://hl7.org/fhir/SearchParameter/clinical-date",
                    "The start of the session: a date (the practice's local day, month or year) or a date-time"
                            + " with offset, with eq (default), gt, lt, ge or le."),
            SearchParam.of(
                    "status",
                    SearchParamType.TOKEN,
                    "http://hl7.org/fhir/SearchParameter/Encounter-status",
                    "planned (scheduled), finished (completed) or cancelled (cancelled or no-show)."));

    private final JdbcClient jdbc;
    private final ClientVisibility visibility;
    private final PracticeZones zones;
    private final FhirAudit audit;

    EncounterResources(JdbcClient jdbc, ClientVisibility visibility, PracticeZones zones, FhirAudit audit) {
        this.jdbc = jdbc;
        this.visibility = visibility;
        this.zones = zones;
        this.audit = audit;
    }

    @Override
    public String name() {
        return "Encounter";
    }

    @Override
    public List<SearchParam> searchParams() {
        return PARAMS;
    }

    @Override
    public Resource read(Caller caller, UUID id) {
        Where where = new Where(visibility.sessionPredicate(caller, "s"));
        where.and("s.id = " + where.bind(id));
        List<Keyed<Encounter>> found = query(where, 1);
        if (found.isEmpty()) {
            throw FhirProblem.notFound("This Encounter");
        }
        audit.read(caller, "fhir.encounter.read", clients(Keyed.resources(found)).stream());
        return found.get(0).resource();
    }

    @Override
    public Found search(Caller caller, SearchRequest search) {
        Where where = new Where(visibility.sessionPredicate(caller, "s"));
        where.anyOf(
                search.clauses("_id"),
                v -> Where.id(v, "_id"),
                ids -> "s.id = any(cast(" + where.bind(Where.array(ids)) + " as uuid[]))");
        for (String name : List.of("patient", "subject")) {
            where.anyOf(
                    search.clauses(name),
                    v -> Where.reference(v, "Patient", name),
                    ids -> "s.client_id = any(cast(" + where.bind(Where.array(ids)) + " as uuid[]))");
        }
        List<SearchRequest.Clause> dates = search.clauses("date");
        ZoneId zone = dates.isEmpty() ? null : zones.zoneOf(caller.practiceId());
        for (SearchRequest.Clause clause : dates) {
            where.and(String.join(
                    " or ",
                    clause.values().stream()
                            .map(v -> DateParam.parse(v, "date", zone, true))
                            .map(d -> d.condition(
                                    "s.starts_at",
                                    where.bind(Timestamps.of(d.from())),
                                    where.bind(Timestamps.of(d.to()))))
                            .toList()));
        }
        where.anyOf(search.clauses("status"), EncounterResources::statuses, lists -> {
            List<String> ours = new ArrayList<>();
            lists.forEach(ours::addAll);
            return "s.status = any(cast(" + where.bind(ours.toArray(String[]::new)) + " as text[]))";
        });
        Cursor after = Cursor.decode(search.cursor());
        if (after != null) {
            where.and("(s.starts_at, s.id) < (" + where.bind(Timestamps.of(after.instantKey())) + ", "
                    + where.bind(after.id()) + ")");
        }
        Found found = Keyed.page(query(where, search.count() + 1), search.count());
        @SuppressWarnings("unchecked")
        List<Encounter> shown = (List<Encounter>) found.resources();
        audit.read(caller, "fhir.encounter.search", clients(shown).stream());
        return found;
    }

    /**
     * A status token: an R4 encounter status, optionally with its system. A valid status we never
     * give (arrived, in-progress, …) matches nothing (null); anything else is a 400.
     */
    private static List<String> statuses(String token) {
        String code = token;
        int bar = token.indexOf('|');
        if (bar >= 0) {
            String system = token.substring(0, bar);
            if (!system.isEmpty() && !system.equals(STATUS_SYSTEM)) {
                throw FhirProblem.invalid("'status' takes an encounter status of " + STATUS_SYSTEM + ".");
            }
            code = token.substring(bar + 1);
        }
        try {
            EncounterStatus.fromCode(code);
        } catch (org.hl7.fhir.exceptions.FHIRException e) {
            throw FhirProblem.invalid("'status' takes an encounter status: planned, finished or cancelled.");
        }
        return STATUSES.get(code);
    }

    private List<Keyed<Encounter>> query(Where where, int limit) {
        return jdbc.sql("""
                        select s.id, s.client_id, s.therapist_id, s.starts_at, s.starts_at as sort_key, s.ends_at,
                               s.duration_minutes, s.service_code, s.status
                        from session s
                        join client c on c.practice_id = s.practice_id and c.id = s.client_id
                        where %s
                        order by s.starts_at desc, s.id desc limit %d""".formatted(where.sql(), limit))
                .params(where.params())
                .query((rs, n) -> Keyed.of(
                        rs,
                        encounter(
                                rs.getObject("id", UUID.class),
                                rs.getObject("client_id", UUID.class),
                                rs.getObject("therapist_id", UUID.class),
                                rs.getTimestamp("starts_at").toInstant(),
                                rs.getTimestamp("ends_at").toInstant(),
                                rs.getInt("duration_minutes"),
                                rs.getString("service_code"),
                                rs.getString("status"))))
                .list();
    }

    static Encounter encounter(
            UUID id,
            UUID client,
            UUID therapist,
            Instant startsAt,
            Instant endsAt,
            int minutes,
            String serviceCode,
            String status) {
        Encounter encounter = new Encounter();
        encounter.setId(id.toString());
        encounter.setStatus(
                switch (status) {
                    case "SCHEDULED" -> EncounterStatus.PLANNED;
                    case "COMPLETED" -> EncounterStatus.FINISHED;
                    default -> EncounterStatus.CANCELLED; // CANCELLED and NO_SHOW, see the class comment
                });
        // Therapy sessions are outpatient visits: ambulatory.
        encounter.setClass_(new Coding(Fhir.ACT_CODE, "AMB", "ambulatory"));
        encounter.setServiceType(
                new CodeableConcept(new Coding(Fhir.CPT, serviceCode, null)).setText("CPT " + serviceCode));
        encounter.setSubject(Fhir.reference("Patient", client));
        encounter
                .addParticipant()
                .addType(new CodeableConcept(new Coding(Fhir.PARTICIPATION_TYPE, "PPRF", "primary performer")))
                .setIndividual(Fhir.reference("Practitioner", therapist));
        encounter.setPeriod(new Period().setStartElement(Fhir.instant(startsAt)).setEndElement(Fhir.instant(endsAt)));
        if (status.equals("COMPLETED")) {
            Duration length = new Duration();
            length.setValue(minutes)
                    .setUnit("min")
                    .setSystem("http://unitsofmeasure.org")
                    .setCode("min");
            encounter.setLength(length);
        }
        return encounter;
    }

    private static List<UUID> clients(List<Encounter> encounters) {
        return encounters.stream()
                .map(e -> UUID.fromString(e.getSubject().getReferenceElement().getIdPart()))
                .distinct()
                .toList();
    }
}
