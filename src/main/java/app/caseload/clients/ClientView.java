package app.caseload.clients;

import app.caseload.shared.ClientId;
import app.caseload.shared.MemberId;
import java.time.Instant;
import java.time.LocalDate;

/** A client as the caller sees it, with its numbers computed in SQL. */
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
        Metrics metrics) {

    public record Metrics(long sessionsCount, Instant lastSessionAt, long pendingNotes) {}
}
