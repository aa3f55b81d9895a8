package app.caseload.sessions;

import app.caseload.shared.ClientId;
import app.caseload.shared.MemberId;
import app.caseload.shared.SessionId;
import java.time.Instant;

public record SessionView(
        SessionId id,
        ClientId clientId,
        MemberId therapistId,
        Instant startsAt,
        int durationMinutes,
        String serviceCode,
        long chargeCents,
        SessionStatus status,
        NoteStatus noteStatus) {}
