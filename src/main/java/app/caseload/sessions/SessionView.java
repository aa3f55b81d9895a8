package app.caseload.sessions;

import app.caseload.shared.ClientId;
import app.caseload.shared.MemberId;
import app.caseload.shared.MemberStatus;
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
        NoteStatus noteStatus,
        MemberStatus therapistStatus) {

    /**
     * SPEC §2: a status change never moves sessions, so admin views flag a scheduled session whose
     * therapist is not Active: someone has to reschedule or reassign it.
     */
    public boolean needsAnotherTherapist() {
        return status == SessionStatus.SCHEDULED && therapistStatus != MemberStatus.ACTIVE;
    }
}
