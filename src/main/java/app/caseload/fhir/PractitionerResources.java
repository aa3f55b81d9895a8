package app.caseload.fhir;

import app.caseload.shared.Caller;
import app.caseload.shared.Cursor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint.ContactPointSystem;
import org.hl7.fhir.r4.model.ContactPoint.ContactPointUse;
import org.hl7.fhir.r4.model.Enumerations.SearchParamType;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Members as {@code Practitioner}: every current member of the caller's practice, as the roster
 * ({@code GET /api/v1/therapists}) shows them to any member; removed members are not served. The
 * role's billing modifier is a qualification coded in HCPCS. No client data, so not audited.
 */
@Component
class PractitionerResources implements ResourceType {

    /** The member columns both Practitioner and PractitionerRole read, for a member {@code m}. */
    static final String MEMBERS = """
            select m.id, a.full_name, lower(a.full_name) as sort_key, a.email, m.status, m.practice_id,
                   p.name as practice_name, r.id as role_id, r.name as role_name, r.billing_modifier
            from member m
            join account a on a.id = m.account_id
            join role r on r.practice_id = m.practice_id and r.id = m.role_id
            join practice p on p.id = m.practice_id
            where m.practice_id = :practice and m.removed_at is null""";

    /** What each modifier says, for a reader without the HCPCS tables at hand. */
    static final Map<String, String> MODIFIERS = Map.of(
            "HO", "Master's degree level",
            "HN", "Bachelor's degree level",
            "HP", "Doctoral level",
            "HL", "Intern",
            "HM", "Less than bachelor's degree level",
            "AH", "Clinical psychologist",
            "AJ", "Clinical social worker");

    private static final List<SearchParam> PARAMS = List.of(
            SearchParam.id(),
            SearchParam.of(
                            "name",
                            SearchParamType.STRING,
                            "http://hl7.org/fhir/SearchParameter/Practitioner-name",
                            "Any word of the name starts with the value, ignoring case; :contains anywhere in it,"
                                    + " :exact the whole name as written.")
                    .withModifiers("contains", "exact"));

    private final JdbcClient jdbc;

    PractitionerResources(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "Practitioner";
    }

    @Override
    public List<SearchParam> searchParams() {
        return PARAMS;
    }

    @Override
    public Resource read(Caller caller, UUID id) {
        Where where = members(caller);
        where.and("m.id = " + where.bind(id));
        List<Keyed<Practitioner>> found = query(where, 1);
        if (found.isEmpty()) {
            throw FhirProblem.notFound("This Practitioner");
        }
        return found.get(0).resource();
    }

    @Override
    public Found search(Caller caller, SearchRequest search) {
        Where where = members(caller);
        where.anyOf(
                search.clauses("_id"),
                v -> Where.id(v, "_id"),
                ids -> "m.id = any(cast(" + where.bind(Where.array(ids)) + " as uuid[]))");
        for (SearchRequest.Clause clause : search.clauses("name")) {
            where.and(String.join(
                    " or ",
                    clause.values().stream()
                            .map(v -> nameMatches(where, "a.full_name", clause.modifier(), v))
                            .toList()));
        }
        keyset(where, Cursor.decode(search.cursor()));
        return Keyed.page(query(where, search.count() + 1), search.count());
    }

    /** The practice's current members: the caller's practice, never another's. */
    static Where members(Caller caller) {
        return new Where("true", Map.of("practice", caller.practiceId().value()));
    }

    static void keyset(Where where, Cursor after) {
        if (after != null) {
            where.and("(lower(a.full_name), m.id) > (" + where.bind(after.key()) + ", " + where.bind(after.id()) + ")");
        }
    }

    /** FHIR's default string match (any word starts with the value), or :contains, or :exact. */
    static String nameMatches(Where where, String column, String modifier, String value) {
        if ("exact".equals(modifier)) {
            return column + " = " + where.bind(value);
        }
        String text = Where.likeEscape(value.toLowerCase());
        if ("contains".equals(modifier)) {
            return "lower(" + column + ") like " + where.bind("%" + text + "%") + " escape '\\'";
        }
        return "lower(" + column + ") like " + where.bind(text + "%") + " escape '\\' or lower(" + column + ") like "
                + where.bind("% " + text + "%") + " escape '\\'";
    }

    private List<Keyed<Practitioner>> query(Where where, int limit) {
        return jdbc.sql(MEMBERS + " and " + where.sql() + " order by lower(a.full_name), m.id limit " + limit)
                .params(where.params())
                .query((rs, n) -> Keyed.of(rs, practitioner(rs)))
                .list();
    }

    static Practitioner practitioner(ResultSet rs) throws SQLException {
        Practitioner practitioner = new Practitioner();
        practitioner.setId(rs.getObject("id", UUID.class).toString());
        // Active members take sessions; On Hold and Inactive members are in the roster but not practising now.
        practitioner.setActive(rs.getString("status").equals("ACTIVE"));
        practitioner.addName().setText(rs.getString("full_name"));
        practitioner
                .addTelecom()
                .setSystem(ContactPointSystem.EMAIL)
                .setUse(ContactPointUse.WORK)
                .setValue(rs.getString("email"));
        String modifier = rs.getString("billing_modifier");
        if (modifier != null) {
            practitioner.addQualification().setCode(modifier(modifier));
        }
        return practitioner;
    }

    static CodeableConcept modifier(String modifier) {
        String meaning = MODIFIERS.getOrDefault(modifier, modifier);
        return new CodeableConcept(new Coding(Fhir.HCPCS, modifier, meaning))
                .setText("HCPCS modifier " + modifier + ": " + meaning);
    }
}
