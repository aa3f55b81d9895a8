package app.caseload.security;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A digest of every table of the schema, for "a refused request changes nothing". What may change
 * on a refused request is left out, and only that:
 * <ul>
 *   <li>{@code sign_in_throttle}: counting refused attempts is its purpose;
 *   <li>{@code auth_token.last_used_at}: every authenticated request slides the idle window;
 *   <li>{@code audit_event} rows of failed attempts ({@code *.failed}), of reads and of exports:
 *       the trail records refusals and reads by design. Every other audit row is compared.
 * </ul>
 */
final class DatabaseDigest {

    static final Set<String> SKIPPED_TABLES = Set.of("sign_in_throttle");
    static final Map<String, Set<String>> SKIPPED_COLUMNS = Map.of("auth_token", Set.of("last_used_at"));
    static final Map<String, String> ROW_FILTERS = Map.of(
            "audit_event",
            "action not like '%.failed' and action not like '%.read' and action not like '%.exported'"
                    + " and coalesce(detail->>'read', '') <> 'true'");

    private DatabaseDigest() {}

    static Map<String, String> of(JdbcClient jdbc) {
        // A partition's rows are digested through its partitioned table (audit_event, with its filter).
        List<String> tables = jdbc.sql("""
                select c.relname from pg_class c
                where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p') and not c.relispartition
                order by c.relname""").query(String.class).list();
        Map<String, String> digests = new LinkedHashMap<>();
        for (String table : tables) {
            if (SKIPPED_TABLES.contains(table.toLowerCase())) {
                continue;
            }
            List<String> columns = jdbc.sql("""
                    select column_name from information_schema.columns
                    where table_schema = 'public' and table_name = ? order by ordinal_position""").param(table).query(String.class).list().stream()
                    .filter(c -> !SKIPPED_COLUMNS
                            .getOrDefault(table.toLowerCase(), Set.of())
                            .contains(c.toLowerCase()))
                    .map(c -> "\"" + c + "\"")
                    .toList();
            String row = "row(" + String.join(", ", columns) + ")::text";
            String where = ROW_FILTERS.containsKey(table.toLowerCase())
                    ? " where " + ROW_FILTERS.get(table.toLowerCase())
                    : "";
            String sql = "select count(*) || ':' || coalesce(md5(string_agg(" + row + ", '|' order by " + row
                    + ")), '-') from \"" + table + "\"" + where;
            digests.put(table, jdbc.sql(sql).query(String.class).single());
        }
        return digests;
    }
}
