package app.caseload.billing;

import app.caseload.shared.ClientId;
import app.caseload.shared.MemberId;
import app.caseload.shared.SessionId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One billable line: a completed session with a SIGNED note. The modifiers are the rendering
 * member's role modifier as it was when the session took place (snapshotted on the session).
 */
public record ClaimLine(
        SessionId sessionId,
        LocalDate serviceDate,
        Instant startsAt,
        ClientId clientId,
        String serviceCode,
        List<String> modifiers,
        MemberId renderingTherapistId,
        MemberId supervisingTherapistId,
        long chargeCents) {}
