package app.caseload.fhir;

import app.caseload.shared.Page;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A search as the caller sent it, checked against the parameters the resource type supports: an
 * unknown parameter, an unsupported modifier or a bad {@code _count} is a 400, never ignored
 * (a client that believes it filtered must not receive more than it asked for).
 *
 * <p>Repeating a parameter means "and"; commas inside one value mean "or" ({@code \,} is a comma).
 * Empty values are ignored, as the FHIR search rules say.
 */
final class SearchRequest {

    /** Result and format parameters every search and read takes. */
    static final Set<String> CONTROL = Set.of("_count", "_cursor", "_format", "_pretty");

    /** What a FHIR client may name in {@code _format} for the JSON we serve. */
    static final Set<String> JSON_FORMATS =
            Set.of("json", "application/json", "application/fhir+json", "application/json+fhir");

    /** One occurrence of a parameter: its modifier (or null) and its alternative values. */
    record Clause(String modifier, List<String> values) {}

    private final Map<String, List<Clause>> clauses;
    private final int count;
    private final String cursor;
    private final boolean pretty;

    private SearchRequest(Map<String, List<Clause>> clauses, int count, String cursor, boolean pretty) {
        this.clauses = clauses;
        this.count = count;
        this.cursor = cursor;
        this.pretty = pretty;
    }

    /** A read takes no search parameters, only the format ones. */
    static boolean prettyForRead(Map<String, String[]> query) {
        for (String name : query.keySet()) {
            if (!name.equals("_format") && !name.equals("_pretty")) {
                throw FhirProblem.notSupported("Parameter '" + name + "' is not supported on a read.");
            }
        }
        checkFormat(query);
        return pretty(query);
    }

    static SearchRequest parse(Map<String, String[]> query, List<SearchParam> supported) {
        Map<String, SearchParam> byName = new LinkedHashMap<>();
        supported.forEach(p -> byName.put(p.name(), p));
        Map<String, List<Clause>> clauses = new LinkedHashMap<>();
        for (Map.Entry<String, String[]> entry : query.entrySet()) {
            String raw = entry.getKey();
            if (CONTROL.contains(raw)) {
                continue;
            }
            int colon = raw.indexOf(':');
            String name = colon < 0 ? raw : raw.substring(0, colon);
            String modifier = colon < 0 ? null : raw.substring(colon + 1);
            SearchParam param = byName.get(name);
            if (param == null) {
                throw FhirProblem.notSupported("Unknown search parameter '" + safe(name) + "'. Supported: "
                        + String.join(", ", byName.keySet()) + ", _count.");
            }
            if (modifier != null && !param.modifiers().contains(modifier)) {
                throw FhirProblem.notSupported(
                        "Modifier ':" + safe(modifier) + "' is not supported on '" + name + "'.");
            }
            for (String value : entry.getValue()) {
                List<String> alternatives = split(value);
                if (!alternatives.isEmpty()) {
                    clauses.computeIfAbsent(name, k -> new ArrayList<>()).add(new Clause(modifier, alternatives));
                }
            }
        }
        checkFormat(query);
        return new SearchRequest(clauses, count(query), single(query, "_cursor"), pretty(query));
    }

    List<Clause> clauses(String name) {
        return clauses.getOrDefault(name, List.of());
    }

    int count() {
        return count;
    }

    String cursor() {
        return cursor;
    }

    boolean pretty() {
        return pretty;
    }

    /**
     * {@code _count}: 1 or more; above {@link Page#MAX_LIMIT} the page is capped (a server may
     * return fewer than asked, and the next link continues), default {@link Page#DEFAULT_LIMIT}.
     */
    private static int count(Map<String, String[]> query) {
        String value = single(query, "_count");
        if (value == null) {
            return Page.DEFAULT_LIMIT;
        }
        int count;
        try {
            count = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw FhirProblem.invalid("_count must be a whole number from 1.");
        }
        if (count < 1) {
            throw FhirProblem.invalid("_count must be a whole number from 1.");
        }
        return Math.min(count, Page.MAX_LIMIT);
    }

    private static boolean pretty(Map<String, String[]> query) {
        String value = single(query, "_pretty");
        if (value == null) {
            return false;
        }
        if (!value.equals("true") && !value.equals("false")) {
            throw FhirProblem.invalid("_pretty must be true or false.");
        }
        return value.equals("true");
    }

    private static void checkFormat(Map<String, String[]> query) {
        String format = single(query, "_format");
        if (format != null && !JSON_FORMATS.contains(format.trim().toLowerCase())) {
            throw FhirProblem.notAcceptable();
        }
    }

    /** A control parameter given once at most. */
    private static String single(Map<String, String[]> query, String name) {
        String[] values = query.get(name);
        if (values == null || values.length == 0) {
            return null;
        }
        if (values.length > 1) {
            throw FhirProblem.invalid("'" + name + "' may be given once only.");
        }
        return values[0];
    }

    /** Splits on unescaped commas and removes FHIR's escapes ({@code \,} {@code \$} {@code \|} {@code \\}). */
    static List<String> split(String value) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                current.append(value.charAt(++i));
            } else if (c == ',') {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** A name the caller sent, shortened and stripped of anything but plain characters, for a message. */
    static String safe(String sent) {
        String plain = sent.replaceAll("[^A-Za-z0-9_.:\\-]", "?");
        return plain.length() > 40 ? plain.substring(0, 40) + "…" : plain;
    }
}
