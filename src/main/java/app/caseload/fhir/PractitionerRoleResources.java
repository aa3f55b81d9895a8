package app.caseload.fhir;

import app.caseload.shared.Caller;
import app.caseload.shared.Cursor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Enumerations.SearchParamType;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A member's place in the practice as {@code PractitionerRole}, one per member (its id is the
 * member's): the practice as organization, the practice-defined role's name as {@code code} (the
 * practice names its roles, so there is no shared code system: the name is the concept's text),
 * the role's billing modifier as a coded extension, {@code active} from the member's status.
 */
@Component
class PractitionerRoleResources implements ResourceType {

    /** Where the role's billing modifier (HCPCS) travels on a PractitionerRole. */
    static final String BILLING_MODIFIER = "urn:caseload:fhir:StructureDefinition:billing-modifier";

    private static final List<SearchParam> PARAMS = List.of(
            SearchParam.id(),
            SearchParam.of(
                            "practitioner",
                            SearchParamType.REFERENCE,
                            "http://hl7.org/fhir/SearchParameter/PractitionerRole-practitioner",
                            "The member: Practitioner/{id} or {id}.")
                    .withModifiers("Practitioner"));

    private final JdbcClient jdbc;

    PractitionerRoleResources(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "PractitionerRole";
    }

    @Override
    public List<SearchParam> searchParams() {
        return PARAMS;
    }

    @Override
    public Resource read(Caller caller, UUID id) {
        Where where = PractitionerResources.members(caller);
        where.and("m.id = " + where.bind(id));
        List<Keyed<PractitionerRole>> found = query(where, 1);
        if (found.isEmpty()) {
            throw FhirProblem.notFound("This PractitionerRole");
        }
        return found.get(0).resource();
    }

    @Override
    public Found search(Caller caller, SearchRequest search) {
        Where where = PractitionerResources.members(caller);
        for (String name : List.of("_id", "practitioner")) {
            where.anyOf(
                    search.clauses(name),
                    v -> name.equals("_id") ? Where.id(v, name) : Where.reference(v, "Practitioner", name),
                    ids -> "m.id = any(cast(" + where.bind(Where.array(ids)) + " as uuid[]))");
        }
        PractitionerResources.keyset(where, Cursor.decode(search.cursor()));
        return Keyed.page(query(where, search.count() + 1), search.count());
    }

    private List<Keyed<PractitionerRole>> query(Where where, int limit) {
        return jdbc.sql(PractitionerResources.MEMBERS + " and " + where.sql() + " order by lower(a.full_name), m.id"
                        + " limit " + limit)
                .params(where.params())
                .query((rs, n) -> Keyed.of(rs, role(rs)))
                .list();
    }

    static PractitionerRole role(ResultSet rs) throws SQLException {
        UUID member = rs.getObject("id", UUID.class);
        PractitionerRole role = new PractitionerRole();
        role.setId(member.toString());
        role.setActive(rs.getString("status").equals("ACTIVE"));
        role.setPractitioner(Fhir.reference("Practitioner", member).setDisplay(rs.getString("full_name")));
        role.setOrganization(Fhir.reference("Organization", rs.getObject("practice_id", UUID.class))
                .setDisplay(rs.getString("practice_name")));
        role.addCode(new CodeableConcept().setText(rs.getString("role_name")));
        String modifier = rs.getString("billing_modifier");
        if (modifier != null) {
            role.addExtension(
                    BILLING_MODIFIER, PractitionerResources.modifier(modifier).getCodingFirstRep());
        }
        return role;
    }
}
