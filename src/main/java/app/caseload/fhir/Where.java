package app.caseload.fhir;

import app.caseload.clients.ClientVisibility.Predicate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The where clause of a search, built from its parameters: every value becomes a named parameter,
 * never SQL text. Starts from the visibility predicate, so nothing is ever added before it.
 */
final class Where {

    /** FHIR's id syntax: a value outside it is a malformed request, not a miss. */
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    private final StringBuilder sql;
    private final Map<String, Object> params;
    private int next;

    Where(Predicate visible) {
        this(visible.sql(), visible.params());
    }

    Where(String sql, Map<String, Object> params) {
        this.sql = new StringBuilder(sql);
        this.params = new LinkedHashMap<>(params);
    }

    String sql() {
        return sql.toString();
    }

    Map<String, Object> params() {
        return params;
    }

    /** Adds a value as a named parameter and answers its placeholder. */
    String bind(Object value) {
        String name = "f" + next++;
        params.put(name, value);
        return ":" + name;
    }

    Where and(String condition) {
        sql.append(" and (").append(condition).append(')');
        return this;
    }

    /**
     * Each clause (a repetition of the parameter) must hold; within one, any of its values. A
     * clause whose values all name nothing that can exist matches nothing.
     */
    <T> Where anyOf(List<SearchRequest.Clause> clauses, Function<String, T> parse, Function<List<T>, String> sqlOf) {
        for (SearchRequest.Clause clause : clauses) {
            List<T> values =
                    clause.values().stream().map(parse).filter(v -> v != null).toList();
            and(values.isEmpty() ? "false" : sqlOf.apply(values));
        }
        return this;
    }

    /**
     * An id: the server's ids are UUIDs, so a well-formed FHIR id that is not one names nothing
     * (null); a value that is not a FHIR id at all is a 400.
     */
    static UUID id(String value, String parameter) {
        if (!FHIR_ID.matcher(value).matches()) {
            throw FhirProblem.invalid("'" + parameter + "' takes resource ids ([A-Za-z0-9-.], at most 64).");
        }
        try {
            UUID id = UUID.fromString(value);
            // UUID.fromString accepts short forms like 1-1-1-1-1: only the canonical form names a resource.
            return id.toString().equalsIgnoreCase(value) ? id : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A reference to a resource of the given type: {@code Type/id} or a bare {@code id}. */
    static UUID reference(String value, String type, String parameter) {
        String id = value;
        int slash = value.indexOf('/');
        if (slash >= 0) {
            if (!value.substring(0, slash).equals(type) || value.indexOf('/', slash + 1) >= 0) {
                throw FhirProblem.invalid(
                        "'" + parameter + "' takes a reference to a " + type + ": '" + type + "/<id>' or '<id>'.");
            }
            id = value.substring(slash + 1);
        }
        return id(id, parameter);
    }

    /** Strips the LIKE wildcards from text a caller searches for. */
    static String likeEscape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    static UUID[] array(List<UUID> ids) {
        return ids.toArray(UUID[]::new);
    }
}
