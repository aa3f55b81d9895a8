package app.caseload.shared.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** How dashboard pages write dates and enum names; used from templates as {@code @fmt}. */
@Component("fmt")
public class Formats {

    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.US).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern(
                    "MMMM d, yyyy 'at' HH:mm 'UTC'", Locale.US)
            .withZone(ZoneOffset.UTC);

    public String day(Instant instant) {
        return instant == null ? "" : DAY.format(instant);
    }

    public String moment(Instant instant) {
        return instant == null ? "" : MOMENT.format(instant);
    }

    /** Labels that are not just the constant's words. */
    private static final java.util.Map<String, String> SPOKEN =
            java.util.Map.of("AWAITING_COSIGN", "Awaiting co-signature", "NO_SHOW", "No-show", "WALK_IN", "Walk-in");

    /** {@code ON_HOLD} → "On Hold", {@code PENDING} → "Pending", {@code AWAITING_COSIGN} → "Awaiting co-signature". */
    public String label(Enum<?> value) {
        if (value == null) {
            return "";
        }
        if (SPOKEN.containsKey(value.name())) {
            return SPOKEN.get(value.name());
        }
        StringBuilder label = new StringBuilder();
        for (String word : value.name().split("_")) {
            if (!label.isEmpty()) {
                label.append(' ');
            }
            label.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
        }
        return label.toString();
    }
}
