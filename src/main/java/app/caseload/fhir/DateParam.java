package app.caseload.fhir;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A FHIR date search value: a prefix ({@code eq} by default, {@code ne} excepted: {@code gt},
 * {@code lt}, {@code ge}, {@code le}) and a value whose precision is a range — {@code 2026} is the
 * whole year, {@code 2026-03} the month, {@code 2026-03-14} the day, a date-time with its offset the
 * second (or minute, or millisecond) it names. The matched value is compared with that range.
 */
record DateParam(String prefix, Instant from, Instant to, LocalDate fromDate, LocalDate toDate) {

    private static final Pattern VALUE = Pattern.compile("(eq|ne|gt|lt|ge|le|sa|eb|ap)?(\\d.*)");
    private static final Pattern YEAR = Pattern.compile("\\d{4}");
    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");
    private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern DATE_TIME =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})");

    /**
     * Parses one value. Days are the practice's local days ({@code zone}, SPEC §2b); {@code times}
     * says whether a date-time is allowed (a birth date is a date only).
     */
    static DateParam parse(String value, String parameter, ZoneId zone, boolean times) {
        Matcher m = VALUE.matcher(value);
        if (!m.matches()) {
            throw invalid(parameter, times);
        }
        String prefix = m.group(1) == null ? "eq" : m.group(1);
        if (!prefix.matches("eq|gt|lt|ge|le")) {
            throw FhirProblem.notSupported(
                    "The prefix '" + prefix + "' is not supported on '" + parameter + "': use eq, gt, lt, ge or le.");
        }
        String text = m.group(2);
        try {
            LocalDate first;
            LocalDate afterLast;
            if (YEAR.matcher(text).matches()) {
                first = LocalDate.of(Integer.parseInt(text), 1, 1);
                afterLast = first.plusYears(1);
            } else if (MONTH.matcher(text).matches()) {
                first = YearMonth.parse(text).atDay(1);
                afterLast = first.plusMonths(1);
            } else if (DAY.matcher(text).matches()) {
                first = LocalDate.parse(text);
                afterLast = first.plusDays(1);
            } else if (times && DATE_TIME.matcher(text).matches()) {
                Matcher parts = DATE_TIME.matcher(text);
                parts.matches();
                OffsetDateTime at = OffsetDateTime.parse(parts.group(1) == null ? withSeconds(text) : text);
                ChronoUnit precision = parts.group(1) == null
                        ? ChronoUnit.MINUTES
                        : parts.group(2) == null ? ChronoUnit.SECONDS : ChronoUnit.MILLIS;
                Instant from = at.toInstant();
                return new DateParam(prefix, from, from.plus(1, precision), null, null);
            } else {
                throw invalid(parameter, times);
            }
            return new DateParam(
                    prefix,
                    first.atStartOfDay(zone).toInstant(),
                    afterLast.atStartOfDay(zone).toInstant(),
                    first,
                    afterLast);
        } catch (java.time.DateTimeException e) {
            throw invalid(parameter, times);
        }
    }

    /** {@code 2026-03-14T10:00Z} as {@code 2026-03-14T10:00:00Z}: the parser wants seconds. */
    private static String withSeconds(String text) {
        return text.substring(0, 16) + ":00" + text.substring(16);
    }

    /** The condition on a column holding the matched value ({@code from}, {@code to} as bound placeholders). */
    String condition(String column, String from, String to) {
        return switch (prefix) {
            case "gt" -> column + " >= " + to;
            case "ge" -> column + " >= " + from;
            case "lt" -> column + " < " + from;
            case "le" -> column + " < " + to;
            default -> column + " >= " + from + " and " + column + " < " + to;
        };
    }

    private static FhirProblem invalid(String parameter, boolean times) {
        return FhirProblem.invalid("'" + parameter + "' takes "
                + (times
                        ? "a date (YYYY, YYYY-MM, YYYY-MM-DD) or a date-time with offset"
                        : "a date (YYYY, YYYY-MM," + " YYYY-MM-DD)")
                + ", optionally after eq, gt, lt, ge or le.");
    }
}
