package app.caseload.clients;

import app.caseload.shared.ClientId;
import app.caseload.shared.MemberId;
import app.caseload.shared.MemberStatus;
import java.time.Instant;
import java.time.LocalDate;

/** A client as the caller sees it, with its numbers computed in SQL and its therapist's status. */
public record ClientView(
        ClientId id,
        String fullName,
        LocalDate dateOfBirth,
        String email,
        String phone,
        ClientKind kind,
        MemberId therapistId,
        ClientStatus status,
        RiskLevel riskLevel,
        MemberStatus therapistStatus,
        Metrics metrics) {

    /**
     * SPEC §2: a status change never unassigns clients, so admin views flag clients whose
     * therapist is not Active (On Hold or Inactive) for attention.
     */
    public boolean therapistNotActive() {
        return therapistStatus != MemberStatus.ACTIVE;
    }

    public record Metrics(long sessionsCount, Instant lastSessionAt, long pendingNotes) {}
}
