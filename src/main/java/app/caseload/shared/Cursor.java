package app.caseload.shared;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.UUID;

/**
 * An opaque keyset cursor: the sort key of the last row shown and its id. Clients pass it back
 * unchanged; anything else is a 400, never a 500.
 */
public record Cursor(String key, UUID id) {

    public static String encode(Object key, UUID id) {
        String raw = key + "\n" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    public static Cursor decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int newline = raw.lastIndexOf('\n');
            return new Cursor(raw.substring(0, newline), UUID.fromString(raw.substring(newline + 1)));
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw invalid();
        }
    }

    public Instant instantKey() {
        try {
            return Instant.parse(key);
        } catch (DateTimeParseException e) {
            throw invalid();
        }
    }

    private static CaseloadException invalid() {
        return CaseloadException.invalid("invalid-cursor", "The cursor is not one this server issued.");
    }
}
