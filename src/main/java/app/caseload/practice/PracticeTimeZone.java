package app.caseload.practice;

import app.caseload.shared.CaseloadException;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Practice time zones: IANA region ids only ({@code America/Chicago}, {@code Europe/Berlin}), as
 * listed by {@link ZoneId#getAvailableZoneIds()}. Fixed offsets ({@code +02:00}, {@code Z},
 * {@code UTC+1}) are refused: they do not follow daylight-saving changes, which is what a practice
 * means by its local time.
 */
public final class PracticeTimeZone {

    public static final String DEFAULT = "America/New_York";

    private static final Set<String> AVAILABLE = Set.copyOf(ZoneId.getAvailableZoneIds());

    /** The zones offered in the dashboard: every zone the API accepts, sorted, so a stored one is always there. */
    public static final List<String> CHOICES = List.copyOf(new TreeSet<>(AVAILABLE));

    private PracticeTimeZone() {}

    /** The zone named, or {@link #DEFAULT} for null; 400 naming the field {@code timeZone} when unknown. */
    public static ZoneId parse(String name) {
        if (name == null) {
            return ZoneId.of(DEFAULT);
        }
        String trimmed = name.trim();
        if (!AVAILABLE.contains(trimmed)) {
            throw CaseloadException.invalid("validation", "Choose a time zone by its IANA name, like America/Chicago.")
                    .with(
                            "errors",
                            List.of(Map.of(
                                    "field",
                                    "timeZone",
                                    "message",
                                    "unknown time zone (use an IANA name like America/Chicago)")));
        }
        return ZoneId.of(trimmed);
    }
}
