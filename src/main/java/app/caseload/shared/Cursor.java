package app.caseload.shared;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.UUID;

/**
 * An opaque keyset cursor: the sort key of the last row shown and its id. Clients pass it back
 * unchanged; anything else is a 400, never a 500.
 *
 * <p>A list that can be read in several orders puts the order in front of the position ({@code
 * "-name.…"}; the position's Base64 never holds a dot), so a cursor issued for one order is refused
 * by another: a position means nothing in an order it was not taken in.
 */
public record Cursor(String key, UUID id) {

    private static final char ORDER_MARK = '.';

    public static String encode(Object key, UUID id) {
        String raw = key + "\n" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** A cursor of the list read in {@code order}. */
    public static String encode(String order, Object key, UUID id) {
        return order + ORDER_MARK + encode(key, id);
    }

    /**
     * The position of a cursor issued for {@code order}; 400 for a cursor of another order. A cursor
     * without an order is one of {@code firstOrder} (issued before the list had other orders).
     */
    public static Cursor decode(String cursor, String order, String firstOrder) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        int mark = cursor.indexOf(ORDER_MARK);
        String issuedFor = mark < 0 ? firstOrder : cursor.substring(0, mark);
        Cursor position = issuedFor.equals(order) ? decode(cursor.substring(mark + 1)) : null;
        if (position == null) {
            throw invalid();
        }
        return position;
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
