package app.caseload.fhir;

import app.caseload.clients.ClientVisibility;
import app.caseload.shared.Caller;
import app.caseload.shared.Cursor;
import java.sql.Date;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.ContactPoint.ContactPointSystem;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.SearchParamType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Clients as {@code Patient}: name, birth date, telecom, and the assigned (direct) or primary
 * (practice) therapist as {@code generalPractitioner}. The set a caller reads is exactly their
 * {@code GET /api/v1/clients} set: the same predicate, the same order (name, id), the same paging.
 */
@Component
class PatientResources implements ResourceType {

    private static final List<SearchParam> PARAMS = List.of(
            SearchParam.id(),
            SearchParam.of(
                            "name",
                            SearchParamType.STRING,
                            "http://hl7.org/fhir/SearchParameter/individual-given",
                            "Any word of the name starts with the value, ignoring case; :contains anywhere in it,"
                                    + " :exact the whole name as written.")
                    .withModifiers("contains", "exact"),
            SearchParam.of(
                    "birthdate",
                    SearchParamType.DATE,
                    "http://hl7.org/fhir/SearchParameter/individual-birthdate",
                    "Date of birth: YYYY, YYYY-MM or YYYY-MM-DD, with eq (default), gt, lt, ge or le."),
            SearchParam.of(
                            "general-practitioner",
                            SearchParamType.REFERENCE,
                            "http://hl7.org/fhir/SearchParameter/Patient-general-practitioner",
                            "The assigned or primary therapist: Practitioner/{id} or {id}.")
                    .withModifiers("Practitioner"));

    private final JdbcClient jdbc;
    private final ClientVisibility visibility;
    private final FhirAudit audit;

    PatientResources(JdbcClient jdbc, ClientVisibility visibility, FhirAudit audit) {
        this.jdbc = jdbc;
        this.visibility = visibility;
        this.audit = audit;
    }

    @Override
    public String name() {
        return "Patient";
    }

    @Override
    public List<SearchParam> searchParams() {
        return PARAMS;
    }

    @Override
    public Resource read(Caller caller, UUID id) {
        Where where = new Where(visibility.clientPredicate(caller, "c"));
        where.and("c.id = " + where.bind(id));
        List<Patient> found = Keyed.resources(query(where, 1));
        if (found.isEmpty()) {
            throw FhirProblem.notFound("This Patient");
        }
        audit.read(caller, "fhir.patient.read", FhirAudit.ids(found));
        return found.get(0);
    }

    @Override
    public Found search(Caller caller, SearchRequest search) {
        Where where = new Where(visibility.clientPredicate(caller, "c"));
        where.anyOf(
                search.clauses("_id"),
                v -> Where.id(v, "_id"),
                ids -> "c.id = any(cast(" + where.bind(Where.array(ids)) + " as uuid[]))");
        for (SearchRequest.Clause clause : search.clauses("name")) {
            where.and(String.join(
                    " or ",
                    clause.values().stream()
                            .map(v -> nameMatches(where, clause.modifier(), v))
                            .toList()));
        }
        for (SearchRequest.Clause clause : search.clauses("birthdate")) {
            where.and(String.join(
                    " or ",
                    clause.values().stream()
                            // A birth date is a date: no zone enters the comparison.
                            .map(v -> DateParam.parse(v, "birthdate", ZoneOffset.UTC, false))
                            .map(d -> d.condition("c.date_of_birth", where.bind(d.fromDate()), where.bind(d.toDate())))
                            .toList()));
        }
        where.anyOf(
                search.clauses("general-practitioner"),
                v -> Where.reference(v, "Practitioner", "general-practitioner"),
                ids -> ClientVisibility.assignedTo("c", "cast(" + where.bind(Where.array(ids)) + " as uuid[])"));
        Cursor after = Cursor.decode(search.cursor());
        if (after != null) {
            where.and("(lower(c.full_name), c.id) > (" + where.bind(after.key()) + ", " + where.bind(after.id()) + ")");
        }
        Found found = Keyed.page(query(where, search.count() + 1), search.count());
        audit.read(caller, "fhir.patient.search", FhirAudit.ids(found.resources()));
        return found;
    }

    /**
     * FHIR's default string match: any word of the name starts with the value. The client list's
     * trigram index serves both patterns.
     */
    private static String nameMatches(Where where, String modifier, String value) {
        if ("exact".equals(modifier)) {
            return "c.full_name = " + where.bind(value);
        }
        String text = Where.likeEscape(value.toLowerCase());
        if ("contains".equals(modifier)) {
            return "lower(c.full_name) like " + where.bind("%" + text + "%") + " escape '\\'";
        }
        return "lower(c.full_name) like " + where.bind(text + "%") + " escape '\\' or lower(c.full_name) like "
                + where.bind("% " + text + "%") + " escape '\\'";
    }

    private List<Keyed<Patient>> query(Where where, int limit) {
        return jdbc.sql("""
                        select c.id, c.full_name, lower(c.full_name) as sort_key, c.date_of_birth, c.email, c.phone,
                               c.therapist_id, c.status
                        from client c where %s
                        order by lower(c.full_name), c.id limit %d""".formatted(where.sql(), limit))
                .params(where.params())
                .query((rs, n) -> Keyed.of(
                        rs,
                        patient(
                                rs.getObject("id", UUID.class),
                                rs.getString("full_name"),
                                rs.getDate("date_of_birth"),
                                rs.getString("email"),
                                rs.getString("phone"),
                                rs.getObject("therapist_id", UUID.class),
                                rs.getString("status"))))
                .list();
    }

    static Patient patient(
            UUID id, String fullName, Date birthDate, String email, String phone, UUID therapist, String status) {
        Patient patient = new Patient();
        patient.setId(id.toString());
        // ACTIVE clients are in active care; INACTIVE and DISCHARGED records are kept but not in use.
        patient.setActive(status.equals("ACTIVE"));
        patient.addName().setText(fullName);
        patient.setBirthDateElement(new DateType(birthDate.toLocalDate().toString()));
        if (email != null) {
            patient.addTelecom().setSystem(ContactPointSystem.EMAIL).setValue(email);
        }
        if (phone != null) {
            patient.addTelecom().setSystem(ContactPointSystem.PHONE).setValue(phone);
        }
        patient.addGeneralPractitioner(Fhir.reference("Practitioner", therapist));
        return patient;
    }
}
