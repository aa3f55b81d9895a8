package app.caseload.sessions;

import app.caseload.shared.ClientId;
import app.caseload.shared.MemberId;
import app.caseload.shared.PracticeId;
import app.caseload.shared.SessionId;
import java.time.Instant;

/** What happens to sessions and notes, published for the audit trail and other listeners. */
public final class SessionEvents {

    private SessionEvents() {}

    public record SessionScheduled(
            PracticeId practiceId,
            SessionId sessionId,
            ClientId clientId,
            MemberId therapistId,
            Instant startsAt,
            MemberId by) {}

    public record SessionCompleted(PracticeId practiceId, SessionId sessionId, ClientId clientId, MemberId by) {}

    public record SessionCancelled(PracticeId practiceId, SessionId sessionId, ClientId clientId, MemberId by) {}

    public record SessionMarkedNoShow(PracticeId practiceId, SessionId sessionId, ClientId clientId, MemberId by) {}

    /** Future sessions moved to another therapist (removal or reassignment of a direct client). */
    public record SessionsHandedOver(PracticeId practiceId, MemberId from, MemberId to, int count, MemberId by) {}

    public record NoteWritten(PracticeId practiceId, SessionId sessionId, ClientId clientId, MemberId by) {}

    /** {@code status} is SIGNED, or AWAITING_COSIGN when the author needs a co-signature. */
    public record NoteSigned(
            PracticeId practiceId, SessionId sessionId, ClientId clientId, NoteStatus status, MemberId by) {}

    public record NoteCosigned(PracticeId practiceId, SessionId sessionId, ClientId clientId, MemberId by) {}
}
