package app.caseload.fhir;

import app.caseload.clients.ClientVisibility;
import app.caseload.shared.Caller;
import app.caseload.shared.Cursor;
import app.caseload.shared.MemberId;
import app.caseload.supervision.Supervision;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.CareTeam.CareTeamStatus;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Enumerations.SearchParamType;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A client's care team as {@code CareTeam}, one per client (its id is the client's, its subject
 * the Patient): the assigned or primary therapist ({@code therapist}) and, when that therapist is
 * supervised, their current supervisors ({@code supervisor}) — as the roster shows supervisors:
 * only while the practice has supervision on. Visible exactly when the client is.
 */
@Component
class CareTeamResources implements ResourceType {

    static final String THERAPIST = "therapist";
    static final String SUPERVISOR = "supervisor";

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
                            "http://hl7.org/fhir/SearchParameter/CareTeam-subject",
                            "The client: Patient/{id} or {id}.")
                    .withModifiers("Patient"));

    private final JdbcClient jdbc;
    private final ClientVisibility visibility;
    private final Supervision supervision;
    private final FhirAudit audit;

    CareTeamResources(JdbcClient jdbc, ClientVisibility visibility, Supervision supervision, FhirAudit audit) {
        this.jdbc = jdbc;
        this.visibility = visibility;
        this.supervision = supervision;
        this.audit = audit;
    }

    @Override
    public String name() {
        return "CareTeam";
    }

    @Override
    public List<SearchParam> searchParams() {
        return PARAMS;
    }

    @Override
    public Resource read(Caller caller, UUID id) {
        Where where = new Where(visibility.clientPredicate(caller, "c"));
        where.and("c.id = " + where.bind(id));
        List<CareTeam> found = Keyed.resources(query(caller, where, 1));
        if (found.isEmpty()) {
            throw FhirProblem.notFound("This CareTeam");
        }
        audit.read(caller, "fhir.careteam.read", FhirAudit.ids(found));
        return found.get(0);
    }

    @Override
    public Found search(Caller caller, SearchRequest search) {
        Where where = new Where(visibility.clientPredicate(caller, "c"));
        // A care team's id is its client's: _id, patient and subject all name the client.
        for (String name : List.of("_id", "patient", "subject")) {
            where.anyOf(
                    search.clauses(name),
                    v -> name.equals("_id") ? Where.id(v, name) : Where.reference(v, "Patient", name),
                    ids -> "c.id = any(cast(" + where.bind(Where.array(ids)) + " as uuid[]))");
        }
        Cursor after = Cursor.decode(search.cursor());
        if (after != null) {
            where.and("(lower(c.full_name), c.id) > (" + where.bind(after.key()) + ", " + where.bind(after.id()) + ")");
        }
        Found found = Keyed.page(query(caller, where, search.count() + 1), search.count());
        audit.read(caller, "fhir.careteam.search", FhirAudit.ids(found.resources()));
        return found;
    }

    private record Row(UUID client, UUID therapist, String status, String sortKey) {}

    private List<Keyed<CareTeam>> query(Caller caller, Where where, int limit) {
        List<Row> rows = jdbc.sql("""
                        select c.id, c.therapist_id, c.status, lower(c.full_name) as sort_key
                        from client c where %s
                        order by lower(c.full_name), c.id limit %d""".formatted(where.sql(), limit))
                .params(where.params())
                .query((rs, n) -> new Row(
                        rs.getObject("id", UUID.class),
                        rs.getObject("therapist_id", UUID.class),
                        rs.getString("status"),
                        rs.getString("sort_key")))
                .list();
        // One query for the supervisors of every therapist on the page.
        Map<MemberId, List<MemberId>> supervisors = supervision.supervisorsOf(
                caller.practiceId(),
                rows.stream().map(r -> new MemberId(r.therapist())).distinct().toList());
        List<Keyed<CareTeam>> teams = new ArrayList<>(rows.size());
        for (Row row : rows) {
            teams.add(new Keyed<>(
                    careTeam(row, supervisors.getOrDefault(new MemberId(row.therapist()), List.of())),
                    row.sortKey(),
                    row.client()));
        }
        return teams;
    }

    private static CareTeam careTeam(Row row, List<MemberId> supervisors) {
        CareTeam team = new CareTeam();
        team.setId(row.client().toString());
        team.setStatus(
                switch (row.status()) {
                    case "ACTIVE" -> CareTeamStatus.ACTIVE;
                    // Paused care, to be resumed: suspended. Discharged: the team's work has ended.
                    case "INACTIVE" -> CareTeamStatus.SUSPENDED;
                    default -> CareTeamStatus.INACTIVE;
                });
        team.setSubject(Fhir.reference("Patient", row.client()));
        team.addParticipant()
                .addRole(new CodeableConcept().setText(THERAPIST))
                .setMember(Fhir.reference("Practitioner", row.therapist()));
        for (MemberId supervisor : supervisors) {
            team.addParticipant()
                    .addRole(new CodeableConcept().setText(SUPERVISOR))
                    .setMember(Fhir.reference("Practitioner", supervisor.value()));
        }
        return team;
    }
}
