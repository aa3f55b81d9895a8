package app.caseload.shared.web;

import app.caseload.shared.Caller;
import app.caseload.shared.PracticeZones;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * How dashboard pages write dates and enum names; used from templates as {@code @fmt}. Dates and
 * times are written in the signed-in member's practice time zone (SPEC §2b), looked up once per
 * request through {@link PracticeZones}; times carry the zone's abbreviation for that instant
 * ("CST" in January, "CDT" in July), so they are labelled and daylight-saving correct. Pages
 * without a signed-in member (sign-in, an invitation link) fall back to UTC, labelled as such.
 */
@Component("fmt")
public class Formats {

    private static final String ZONE_ATTRIBUTE = Formats.class.getName() + ".zone";

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.US);
    private static final DateTimeFormatter MOMENT =
            DateTimeFormatter.ofPattern("MMMM d, yyyy 'at' HH:mm zzz", Locale.US);

    private static final ZoneId UTC = ZoneId.of("UTC");

    private final PracticeZones zones;

    /** Without a practice to ask: everything in UTC (labels only, or tests). */
    public Formats() {
        this(null);
    }

    @Autowired
    public Formats(PracticeZones zones) {
        this.zones = zones;
    }

    public String day(Instant instant) {
        return instant == null ? "" : DAY.withZone(zone()).format(instant);
    }

    public String moment(Instant instant) {
        return instant == null ? "" : MOMENT.withZone(zone()).format(instant);
    }

    /** The zone's IANA name, for labels such as "Starts (America/Chicago)". */
    public String zoneName() {
        return zone().getId();
    }

    /**
     * The zone dates and times of this request are shown in: the signed-in member's practice zone,
     * else UTC. Resolved once per request.
     */
    public ZoneId zone() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null
                && request.getAttribute(ZONE_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST) instanceof ZoneId cached) {
            return cached;
        }
        ZoneId zone = UTC;
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (zones != null && authentication != null && authentication.getPrincipal() instanceof Caller caller) {
            zone = zones.zoneOf(caller.practiceId());
        }
        if (request != null) {
            request.setAttribute(ZONE_ATTRIBUTE, zone, RequestAttributes.SCOPE_REQUEST);
        }
        return zone;
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
