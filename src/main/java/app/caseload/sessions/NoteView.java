package app.caseload.sessions;

import app.caseload.shared.MemberId;
import app.caseload.shared.SessionId;
import java.time.Instant;

/** The clinical note of a session; the author is the rendering therapist. */
public record NoteView(
        SessionId sessionId,
        MemberId authorId,
        NoteStatus status,
        String text,
        Instant signedAt,
        MemberId cosignedBy,
        Instant cosignedAt) {}
