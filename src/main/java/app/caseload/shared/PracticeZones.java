package app.caseload.shared;

import java.time.ZoneId;

/**
 * The one place a practice's time zone is looked up (SPEC §2b): dashboard formatting, date
 * filters and claims' service dates all ask here. Implemented by the practice module.
 */
public interface PracticeZones {

    /** The zone every date and time of the practice is shown and entered in. */
    ZoneId zoneOf(PracticeId practice);
}
