package app.caseload.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Just enough SQL lexing for the benchmark's files: splitting a script into statements and turning
 * {@code :name} parameters into JDBC {@code ?}, both outside quotes, dollar quotes and comments.
 */
final class SqlText {

    private SqlText() {}

    /** A script's statements, without the terminating semicolons; blank statements are dropped. */
    static List<String> statements(String script) {
        List<String> result = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int i = 0;
        while (i < script.length()) {
            int skip = skipLiteralOrComment(script, i);
            if (skip > i) {
                current.append(script, i, skip);
                i = skip;
                continue;
            }
            char c = script.charAt(i);
            if (c == ';') {
                addIfNotBlank(result, current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
            i++;
        }
        addIfNotBlank(result, current.toString());
        return result;
    }

    /** A statement with named parameters and the order in which JDBC must bind them. */
    record Jdbc(String sql, List<String> names) {}

    /** Replaces every {@code :name} (not {@code ::type}) by {@code ?}. */
    static Jdbc jdbc(String sql) {
        StringBuilder out = new StringBuilder();
        List<String> names = new ArrayList<>();
        int i = 0;
        while (i < sql.length()) {
            int skip = skipLiteralOrComment(sql, i);
            if (skip > i) {
                out.append(sql, i, skip);
                i = skip;
                continue;
            }
            char c = sql.charAt(i);
            if (c == ':' && i + 1 < sql.length() && sql.charAt(i + 1) == ':') {
                out.append("::");
                i += 2;
                continue;
            }
            if (c == ':' && i + 1 < sql.length() && Character.isJavaIdentifierStart(sql.charAt(i + 1))) {
                int end = i + 1;
                while (end < sql.length() && Character.isJavaIdentifierPart(sql.charAt(end))) {
                    end++;
                }
                names.add(sql.substring(i + 1, end));
                out.append('?');
                i = end;
                continue;
            }
            out.append(c);
            i++;
        }
        return new Jdbc(out.toString(), names);
    }

    /** Replaces {@code ${name}} by the value's text (for the generator's constants). */
    static String substitute(String text, Map<String, String> values) {
        String result = text;
        for (Map.Entry<String, String> e : values.entrySet()) {
            result = result.replace("${" + e.getKey() + "}", e.getValue());
        }
        return result;
    }

    /** Whether the statement has nothing but comments and white space. */
    static boolean isBlank(String sql) {
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (sql.startsWith("--", i) || sql.startsWith("/*", i)) {
                i = skipLiteralOrComment(sql, i);
            } else {
                return false;
            }
        }
        return true;
    }

    private static void addIfNotBlank(List<String> result, String statement) {
        if (!isBlank(statement)) {
            result.add(statement.strip());
        }
    }

    /** The index after the quoted literal or comment starting at {@code i}, or {@code i} if none starts there. */
    private static int skipLiteralOrComment(String s, int i) {
        char c = s.charAt(i);
        if (s.startsWith("--", i)) {
            int end = s.indexOf('\n', i);
            return end < 0 ? s.length() : end + 1;
        }
        if (s.startsWith("/*", i)) {
            int end = s.indexOf("*/", i + 2);
            return end < 0 ? s.length() : end + 2;
        }
        if (c == '\'' || c == '"') {
            int j = i + 1;
            while (j < s.length()) {
                if (s.charAt(j) == c) {
                    if (j + 1 < s.length() && s.charAt(j + 1) == c) {
                        j += 2;
                        continue;
                    }
                    return j + 1;
                }
                j++;
            }
            return s.length();
        }
        if (c == '$') {
            int j = i + 1;
            while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
                j++;
            }
            if (j < s.length() && s.charAt(j) == '$' && (j == i + 1 || !Character.isDigit(s.charAt(i + 1)))) {
                String tag = s.substring(i, j + 1);
                int end = s.indexOf(tag, j + 1);
                return end < 0 ? s.length() : end + tag.length();
            }
        }
        return i;
    }
}
