package app.caseload.shared.web;

import app.caseload.shared.CaseloadException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turning a wall-clock time typed in the practice's zone into an instant, across daylight-saving
 * changes (SPEC §2b):
 *
 * <ul>
 *   <li>a time that does not exist (the spring-forward gap, e.g. 02:30 in Chicago on the second
 *       Sunday of March) is refused with a message saying so;
 *   <li>a time that happens twice (the fall-back overlap, e.g. 01:30 on the first Sunday of
 *       November) is taken at its <em>earlier</em> occurrence, the one still on daylight time, and
 *       {@link Resolved#ambiguous()} says so for the page to tell the person.
 * </ul>
 */
public final class LocalTimes {

    private static final DateTimeFormatter HOUR_MINUTE = DateTimeFormatter.ofPattern("HH:mm", Locale.US);
    private static final DateTimeFormatter ZONE_ABBREVIATION = DateTimeFormatter.ofPattern("zzz", Locale.US);

    private LocalTimes() {}

    public record Resolved(Instant instant, boolean ambiguous, String explanation) {}

    /**
     * @param field the form field to name in the refusal
     * @throws CaseloadException 400 naming {@code field} when the time does not exist in the zone
     */
    public static Resolved resolve(LocalDateTime local, ZoneId zone, String field) {
        var offsets = zone.getRules().getValidOffsets(local);
        if (offsets.isEmpty()) {
            String message =
                    "%s does not exist on %s in %s: the clocks skip forward that night. Choose a time after the change."
                            .formatted(HOUR_MINUTE.format(local), local.toLocalDate(), zone.getId());
            throw CaseloadException.invalid("validation", message)
                    .with("errors", List.of(Map.of("field", field, "message", message)));
        }
        ZonedDateTime zoned = ZonedDateTime.ofLocal(local, zone, null).withEarlierOffsetAtOverlap();
        if (offsets.size() > 1) {
            String explanation =
                    "%s happens twice on %s in %s (the clocks go back that night); the session is at the first, %s %s."
                            .formatted(
                                    HOUR_MINUTE.format(local),
                                    local.toLocalDate(),
                                    zone.getId(),
                                    HOUR_MINUTE.format(local),
                                    ZONE_ABBREVIATION.format(zoned));
            return new Resolved(zoned.toInstant(), true, explanation);
        }
        return new Resolved(zoned.toInstant(), false, null);
    }
}
