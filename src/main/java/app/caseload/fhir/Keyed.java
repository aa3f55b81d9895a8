package app.caseload.fhir;

import app.caseload.shared.Cursor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Resource;

/**
 * A resource with the keyset it was sorted by, read from the row (the database's {@code lower()},
 * not Java's, so the cursor continues exactly where the page ended).
 */
record Keyed<R extends Resource>(R resource, String key, UUID id) {

    /** A row sorted by {@code sort_key} (text or timestamp) and {@code id}. */
    static <R extends Resource> Keyed<R> of(ResultSet rs, R resource) throws SQLException {
        Object key = rs.getObject("sort_key");
        String text = key instanceof java.sql.Timestamp at ? at.toInstant().toString() : String.valueOf(key);
        return new Keyed<>(resource, text, rs.getObject("id", UUID.class));
    }

    static <R extends Resource> List<R> resources(List<Keyed<R>> rows) {
        return rows.stream().map(Keyed::resource).toList();
    }

    /** The page from rows fetched with {@code count + 1}: the extra row only says there is more. */
    static <R extends Resource> ResourceType.Found page(List<Keyed<R>> rows, int count) {
        if (rows.size() <= count) {
            return new ResourceType.Found(resources(rows), null);
        }
        List<Keyed<R>> page = rows.subList(0, count);
        Keyed<R> last = page.get(count - 1);
        return new ResourceType.Found(resources(page), Cursor.encode(last.key(), last.id()));
    }
}
