package app.caseload.shared;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * An instant as a statement parameter for a {@code timestamptz} column.
 *
 * <p>Always this, never {@code java.sql.Timestamp}: PgJDBC sends a {@code Timestamp} with no type
 * (it cannot tell {@code timestamp} from {@code timestamptz}), so it has the server describe the
 * statement first; once a statement is described and its rows have a column of unbounded size
 * (text, arrays), PgJDBC sends a lone Sync before each execution, a whole extra round trip. An
 * {@code OffsetDateTime} goes typed as {@code timestamptz}: one round trip per statement. The
 * sign-in token's statement, run by every request, paid that trip.
 */
public final class Timestamps {

    private Timestamps() {}

    /** The instant at UTC, or null for null. */
    public static OffsetDateTime of(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
