package app.caseload.fhir;

import java.util.Set;
import org.hl7.fhir.r4.model.Enumerations.SearchParamType;

/**
 * A search parameter one resource type supports: what the CapabilityStatement lists and what a
 * request may name. {@code modifiers} are the {@code :modifier} suffixes accepted (none by default).
 */
record SearchParam(String name, SearchParamType type, String definition, String documentation, Set<String> modifiers) {

    static SearchParam of(String name, SearchParamType type, String definition, String documentation) {
        return new SearchParam(name, type, definition, documentation, Set.of());
    }

    SearchParam withModifiers(String... accepted) {
        return new SearchParam(name, type, definition, documentation, Set.of(accepted));
    }

    static SearchParam id() {
        return of(
                "_id",
                SearchParamType.TOKEN,
                "http://hl7.org/fhir/SearchParameter/Resource-id",
                "One or more ids, comma-separated (any of them).");
    }
}
