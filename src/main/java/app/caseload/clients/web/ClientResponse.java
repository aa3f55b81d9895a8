package app.caseload.clients.web;

import app.caseload.clients.ClientKind;
import app.caseload.clients.ClientStatus;
import app.caseload.clients.ClientView;
import app.caseload.clients.RiskLevel;
import app.caseload.shared.MemberStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A client as the API shows it. */
record ClientResponse(
        UUID id,
        String fullName,
        LocalDate dateOfBirth,
        String email,
        String phone,
        ClientKind kind,
        UUID therapistId,
        ClientStatus status,
        RiskLevel riskLevel,
        MemberStatus therapistStatus,
        Metrics metrics) {

    record Metrics(long sessionsCount, Instant lastSessionAt, long pendingNotes) {}

    static ClientResponse of(ClientView v) {
        return new ClientResponse(
                v.id().value(),
                v.fullName(),
                v.dateOfBirth(),
                v.email(),
                v.phone(),
                v.kind(),
                v.therapistId().value(),
                v.status(),
                v.riskLevel(),
                v.therapistStatus(),
                new Metrics(
                        v.metrics().sessionsCount(),
                        v.metrics().lastSessionAt(),
                        v.metrics().pendingNotes()));
    }
}
