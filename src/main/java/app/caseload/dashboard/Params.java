package app.caseload.dashboard;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.util.UriComponentsBuilder;

/** Lenient reading of filter parameters: a value a person could not have chosen is no filter. */
final class Params {

    private Params() {}

    static <E extends Enum<E>> E enumOf(Class<E> type, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A whole number from a form field, or null when absent or not a number. */
    static Integer integer(String value) {
        try {
            return value == null || value.isBlank() ? null : Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static UUID uuid(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A link to {@code path} with the non-empty parameters, in order. */
    static String link(String path, Map<String, ?> params) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath(path);
        params.forEach((name, value) -> {
            if (value != null && !String.valueOf(value).isBlank()) {
                uri.queryParam(name, String.valueOf(value));
            }
        });
        return uri.encode().build().toUriString();
    }

    static Map<String, Object> of(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
