package app.caseload.sessions;

import app.caseload.shared.ClientId;
import app.caseload.shared.MemberId;
import app.caseload.shared.MemberStatus;
import app.caseload.shared.PracticeId;
import app.caseload.shared.SessionId;
import java.time.Instant;

/** One session and its note. Changes are verbs that check the current state (409 otherwise). */
final class Session {

    final PracticeId practiceId;
    final SessionId id;
    final ClientId clientId;
    final MemberId therapistId;
    final Instant startsAt;
    int durationMinutes;
    String serviceCode;
    long chargeCents;
    SessionStatus status;
    NoteStatus noteStatus;
    String noteText;
    Instant noteSignedAt;
    MemberId cosignedBy;
    Instant cosignedAt;
    /** The rendering therapist's status as read with the session (for the views; never changed here). */
    MemberStatus therapistStatus;

    Session(
            PracticeId practiceId,
            SessionId id,
            ClientId clientId,
            MemberId therapistId,
            Instant startsAt,
            SessionStatus status,
            NoteStatus noteStatus,
            String noteText) {
        this.practiceId = practiceId;
        this.id = id;
        this.clientId = clientId;
        this.therapistId = therapistId;
        this.startsAt = startsAt;
        this.status = status;
        this.noteStatus = noteStatus;
        this.noteText = noteText;
    }

    boolean hasStarted(Instant now) {
        return !startsAt.isAfter(now);
    }

    void complete(Instant now) {
        requireScheduled();
        if (!hasStarted(now)) {
            throw SessionProblems.notYetStarted();
        }
        status = SessionStatus.COMPLETED;
    }

    void cancel() {
        requireScheduled();
        status = SessionStatus.CANCELLED;
    }

    void markNoShow(Instant now) {
        requireScheduled();
        if (!hasStarted(now)) {
            throw SessionProblems.notYetStarted();
        }
        status = SessionStatus.NO_SHOW;
    }

    void writeNote(String text) {
        requireCompleted();
        if (noteStatus != NoteStatus.NONE && noteStatus != NoteStatus.DRAFT) {
            throw SessionProblems.wrongState("The note is signed and can no longer be changed.");
        }
        noteText = text;
        noteStatus = NoteStatus.DRAFT;
    }

    void sign(boolean needsCosignature, Instant now) {
        requireCompleted();
        if (noteStatus != NoteStatus.DRAFT) {
            throw SessionProblems.wrongState(
                    noteStatus == NoteStatus.NONE
                            ? "Write the note before signing it."
                            : "The note is already signed.");
        }
        noteStatus = needsCosignature ? NoteStatus.AWAITING_COSIGN : NoteStatus.SIGNED;
        noteSignedAt = now;
    }

    void cosign(MemberId supervisor, Instant now) {
        if (noteStatus != NoteStatus.AWAITING_COSIGN) {
            throw SessionProblems.wrongState("The note is not awaiting a co-signature.");
        }
        noteStatus = NoteStatus.SIGNED;
        cosignedBy = supervisor;
        cosignedAt = now;
    }

    private void requireScheduled() {
        if (status != SessionStatus.SCHEDULED) {
            throw SessionProblems.wrongState("The session is " + status + ", no longer SCHEDULED.");
        }
    }

    private void requireCompleted() {
        if (status != SessionStatus.COMPLETED) {
            throw SessionProblems.wrongState("Notes are written for completed sessions.");
        }
    }
}
