package app.caseload.practice;

import app.caseload.shared.PracticeId;
import java.time.ZoneId;

public record PracticeView(
        PracticeId id, String name, boolean supervisionEnabled, MfaRequired mfaRequired, ZoneId timeZone) {}
