package app.caseload.clients;

import app.caseload.shared.ClientId;
import app.caseload.shared.MemberId;
import app.caseload.shared.PracticeId;
import java.util.List;

/** What happens to clients, published for the audit trail and other listeners. */
public final class ClientEvents {

    private ClientEvents() {}

    public record ClientRegistered(
            PracticeId practiceId, ClientId clientId, ClientKind kind, MemberId therapistId, MemberId by) {}

    /** {@code changedFields} names the fields that changed, never their values. */
    public record ClientUpdated(PracticeId practiceId, ClientId clientId, List<String> changedFields, MemberId by) {}

    public record ClientStatusChanged(
            PracticeId practiceId, ClientId clientId, ClientStatus from, ClientStatus to, MemberId by) {}

    /**
     * Clients moved from one therapist to another in one change: a single reassignment, a bulk one,
     * or the hand-over of a removal. {@code directClientIds} are those of them that are direct
     * clients, whose future sessions move with them.
     */
    public record ClientsReassigned(
            PracticeId practiceId,
            List<ClientId> clientIds,
            List<ClientId> directClientIds,
            MemberId from,
            MemberId to,
            MemberId by) {}

    /** Clients created by one CSV import: one event, however many clients. */
    public record ClientsImported(PracticeId practiceId, List<ClientId> clientIds, MemberId by) {}

    public record RiskLevelChanged(
            PracticeId practiceId, ClientId clientId, RiskLevel from, RiskLevel to, MemberId by) {}

    /**
     * Client data was read: {@code action} names the read path (for example {@code "client.list"},
     * {@code "session.detail"}), {@code clientIds} the clients whose data was shown. Published
     * synchronously from every read path so the audit trail can record it.
     */
    public record ClientDataRead(
            PracticeId practiceId, MemberId actorMemberId, String action, List<ClientId> clientIds) {}
}
