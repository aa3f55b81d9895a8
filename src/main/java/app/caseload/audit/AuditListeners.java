package app.caseload.audit;

import app.caseload.accounts.AccountEvents;
import app.caseload.clients.ClientEvents;
import app.caseload.invitations.InvitationEvents;
import app.caseload.practice.PracticeEvents;
import app.caseload.roles.RoleEvents;
import app.caseload.sessions.SessionEvents;
import app.caseload.shared.ClientId;
import app.caseload.shared.MemberId;
import app.caseload.shared.PracticeId;
import app.caseload.supervision.SupervisionEvents;
import app.caseload.therapists.TherapistEvents;
import java.util.List;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns the modules' events into audit entries. Synchronous {@link EventListener}s on purpose (not
 * after-commit): the entry is written in the publisher's transaction, so a change and its audit
 * row commit together, and a failure to audit rolls the change back. Auditing a new event is one
 * method here. Every entry about a client lists it in {@code client_ids}, so that {@code GET
 * /audit?clientId=} finds its reads and its changes alike.
 */
@Component
class AuditListeners {

    static final String MEMBER = "MEMBER";
    static final String ACCOUNT = "ACCOUNT";
    static final String INVITATION = "INVITATION";
    static final String ROLE = "ROLE";
    static final String PRACTICE = "PRACTICE";
    static final String CLIENT = "CLIENT";
    static final String SESSION = "SESSION";

    private final AuditTrail trail;

    AuditListeners(AuditTrail trail) {
        this.trail = trail;
    }

    // ---- sign-ins ------------------------------------------------------------------------------

    @EventListener
    void on(AccountEvents.SignedIn e) {
        trail.record(
                AuditEntry.of(e.scope().equals("FULL") ? "sign_in.succeeded" : "sign_in.enrolment_only", e.practiceId())
                        .by(e.memberId())
                        .byAccount(e.accountId())
                        .target(ACCOUNT, e.accountId().value()));
    }

    @EventListener
    void on(AccountEvents.SignInFailed e) {
        trail.recordAttempt(AuditEntry.of(e.what() + ".failed", e.practiceId())
                .target(
                        e.accountId() == null ? null : ACCOUNT,
                        e.accountId() == null ? null : e.accountId().value())
                .detail("reason", e.reason()));
    }

    @EventListener
    void on(AccountEvents.MfaChallenged e) {
        trail.record(AuditEntry.of("sign_in.mfa_challenged", e.practiceId())
                .by(e.memberId())
                .byAccount(e.accountId())
                .target(ACCOUNT, e.accountId().value()));
    }

    @EventListener
    void on(AccountEvents.SignedOut e) {
        trail.record(AuditEntry.of("sign_out", e.practiceId())
                .by(e.memberId())
                .byAccount(e.accountId())
                .target(ACCOUNT, e.accountId().value()));
    }

    @EventListener
    void on(AccountEvents.SessionsRevoked e) {
        trail.record(AuditEntry.of("member.sessions_revoked", e.practiceId())
                .by(e.by())
                .target(MEMBER, e.memberId().value())
                .detail("tokens", e.tokens()));
    }

    @EventListener
    void on(AccountEvents.MfaEnrolled e) {
        trail.record(AuditEntry.of("mfa.enrolled", e.practiceId())
                .by(e.memberId())
                .byAccount(e.accountId())
                .target(ACCOUNT, e.accountId().value()));
    }

    @EventListener
    void on(AccountEvents.MfaRemoved e) {
        trail.record(AuditEntry.of("mfa.removed", e.practiceId())
                .by(e.memberId())
                .byAccount(e.accountId())
                .target(ACCOUNT, e.accountId().value()));
    }

    @EventListener
    void on(AccountEvents.RecoveryCodeUsed e) {
        trail.record(AuditEntry.of("mfa.recovery_code_used", e.practiceId())
                .by(e.memberId())
                .byAccount(e.accountId())
                .target(ACCOUNT, e.accountId().value())
                .detail("remaining", e.remaining()));
    }

    @EventListener
    void on(AccountEvents.PasswordResetRequested e) {
        // No actor: whoever asked is not signed in and need not be the account holder.
        trail.record(AuditEntry.of("password_reset.requested", e.practiceId())
                .target(ACCOUNT, e.accountId().value())
                .from(e.ip()));
    }

    @EventListener
    void on(AccountEvents.PasswordReset e) {
        trail.record(AuditEntry.of("password_reset.completed", e.practiceId())
                .by(e.memberId())
                .byAccount(e.accountId())
                .target(ACCOUNT, e.accountId().value())
                .detail("signInsEnded", e.signInsEnded()));
    }

    // ---- the team --------------------------------------------------------------------------------

    @EventListener
    void on(TherapistEvents.MemberJoined e) {
        trail.record(AuditEntry.of("member.joined", e.practiceId())
                .by(e.memberId())
                .target(MEMBER, e.memberId().value())
                .detail("roleId", e.roleId())
                .detail("admin", e.admin()));
    }

    @EventListener
    void on(TherapistEvents.MemberStatusChanged e) {
        trail.record(AuditEntry.of("member.status_changed", e.practiceId())
                .by(e.by())
                .target(MEMBER, e.memberId().value())
                .detail("from", e.from())
                .detail("to", e.to()));
    }

    @EventListener
    void on(TherapistEvents.MemberRoleChanged e) {
        trail.record(AuditEntry.of("member.role_changed", e.practiceId())
                .by(e.by())
                .target(MEMBER, e.memberId().value())
                .detail("from", e.from())
                .detail("to", e.to()));
    }

    @EventListener
    void on(TherapistEvents.MemberAdminChanged e) {
        trail.record(AuditEntry.of("member.admin_changed", e.practiceId())
                .by(e.by())
                .target(MEMBER, e.memberId().value())
                .detail("admin", e.admin()));
    }

    @EventListener
    void on(TherapistEvents.MemberRemoved e) {
        trail.record(AuditEntry.of("member.removed", e.practiceId())
                .by(e.by())
                .target(MEMBER, e.memberId().value())
                .detail("reassignedTo", e.reassignedTo()));
    }

    // ---- invitations -----------------------------------------------------------------------------

    @EventListener
    void on(InvitationEvents.InvitationSent e) {
        trail.record(AuditEntry.of(e.resend() ? "invitation.resent" : "invitation.sent", e.practiceId())
                .by(e.by())
                .target(INVITATION, e.invitationId().value()));
    }

    @EventListener
    void on(InvitationEvents.InvitationRevoked e) {
        trail.record(AuditEntry.of("invitation.revoked", e.practiceId())
                .by(e.by())
                .target(INVITATION, e.invitationId().value()));
    }

    @EventListener
    void on(InvitationEvents.InvitationAccepted e) {
        trail.record(AuditEntry.of("invitation.accepted", e.practiceId())
                .by(e.member())
                .target(INVITATION, e.invitationId().value()));
    }

    @EventListener
    void on(InvitationEvents.InvitationDeclined e) {
        trail.record(AuditEntry.of("invitation.declined", e.practiceId())
                .target(INVITATION, e.invitationId().value()));
    }

    // ---- roles and the practice --------------------------------------------------------------------

    @EventListener
    void on(RoleEvents.RoleCreated e) {
        trail.record(AuditEntry.of("role.created", e.practiceId())
                .target(ROLE, e.roleId().value()));
    }

    @EventListener
    void on(RoleEvents.RoleReplaced e) {
        trail.record(AuditEntry.of("role.replaced", e.practiceId())
                .target(ROLE, e.roleId().value()));
    }

    @EventListener
    void on(RoleEvents.RoleDeleted e) {
        trail.record(AuditEntry.of("role.deleted", e.practiceId())
                .target(ROLE, e.roleId().value()));
    }

    @EventListener
    void on(PracticeEvents.PracticeFounded e) {
        trail.record(AuditEntry.of("practice.founded", e.practiceId())
                .by(e.founder())
                .target(PRACTICE, e.practiceId().value()));
    }

    @EventListener
    void on(PracticeEvents.PracticeSettingsChanged e) {
        trail.record(AuditEntry.of("practice.settings_changed", e.practiceId())
                .by(e.by())
                .target(PRACTICE, e.practiceId().value())
                .detail("supervisionEnabled", e.supervisionEnabled()));
    }

    @EventListener
    void on(PracticeEvents.MfaRequirementChanged e) {
        trail.record(AuditEntry.of("practice.mfa_requirement_changed", e.practiceId())
                .by(e.by())
                .target(PRACTICE, e.practiceId().value())
                .detail("from", e.from())
                .detail("to", e.to()));
    }

    // ---- clients -----------------------------------------------------------------------------------

    @EventListener
    void on(ClientEvents.ClientRegistered e) {
        trail.record(client("client.registered", e.practiceId(), e.clientId(), e.by())
                .detail("kind", e.kind())
                .detail("therapistId", e.therapistId()));
    }

    @EventListener
    void on(ClientEvents.ClientUpdated e) {
        trail.record(client("client.updated", e.practiceId(), e.clientId(), e.by())
                .detail("fields", String.join(",", e.changedFields())));
    }

    @EventListener
    void on(ClientEvents.ClientStatusChanged e) {
        trail.record(client("client.status_changed", e.practiceId(), e.clientId(), e.by())
                .detail("from", e.from())
                .detail("to", e.to()));
    }

    @EventListener
    void on(ClientEvents.ClientsReassigned e) {
        // One row for the whole change: a bulk move of 10,000 clients is one entry listing them all.
        AuditEntry entry = e.clientIds().size() == 1
                ? client("client.reassigned", e.practiceId(), e.clientIds().get(0), e.by())
                : AuditEntry.of("client.reassigned", e.practiceId())
                        .by(e.by())
                        .clients(e.clientIds().stream().map(ClientId::value).toList())
                        .detail("count", e.clientIds().size());
        trail.record(entry.detail("from", e.from()).detail("to", e.to()));
    }

    @EventListener
    void on(ClientEvents.ClientsImported e) {
        // One row for the whole import, listing every client it created.
        trail.record(AuditEntry.of("client.imported", e.practiceId())
                .by(e.by())
                .clients(e.clientIds().stream().map(ClientId::value).toList())
                .detail("count", e.clientIds().size()));
    }

    @EventListener
    void on(ClientEvents.RiskLevelChanged e) {
        trail.record(client("client.risk_changed", e.practiceId(), e.clientId(), e.by())
                .detail("from", e.from())
                .detail("to", e.to()));
    }

    /**
     * A read of client data: which clients a list, detail, caseload, sessions, notes, risk, claims
     * or export returned (an empty list too: who looked is recorded). Not a change, so it is
     * written without a commit of its own; see {@link AuditTrail#recordRead(AuditEntry)}.
     */
    @EventListener
    void on(ClientEvents.ClientDataRead e) {
        List<UUID> ids = e.clientIds().stream().map(ClientId::value).toList();
        trail.recordRead(AuditEntry.of(e.action(), e.practiceId())
                .by(e.actorMemberId())
                .target(ids.size() == 1 ? CLIENT : null, ids.size() == 1 ? ids.get(0) : null)
                .clients(ids));
    }

    // ---- sessions and notes --------------------------------------------------------------------------

    @EventListener
    void on(SessionEvents.SessionScheduled e) {
        trail.record(session("session.scheduled", e.practiceId(), e.sessionId().value(), e.clientId(), e.by())
                .detail("therapistId", e.therapistId())
                .detail("startsAt", e.startsAt()));
    }

    @EventListener
    void on(SessionEvents.SessionCompleted e) {
        trail.record(session("session.completed", e.practiceId(), e.sessionId().value(), e.clientId(), e.by()));
    }

    @EventListener
    void on(SessionEvents.SessionCancelled e) {
        trail.record(session("session.cancelled", e.practiceId(), e.sessionId().value(), e.clientId(), e.by()));
    }

    @EventListener
    void on(SessionEvents.SessionMarkedNoShow e) {
        trail.record(session("session.no_show", e.practiceId(), e.sessionId().value(), e.clientId(), e.by()));
    }

    @EventListener
    void on(SessionEvents.SessionsHandedOver e) {
        trail.record(AuditEntry.of("sessions.handed_over", e.practiceId())
                .by(e.by())
                .target(MEMBER, e.from().value())
                .detail("to", e.to())
                .detail("count", e.count()));
    }

    @EventListener
    void on(SessionEvents.NoteWritten e) {
        trail.record(session("note.written", e.practiceId(), e.sessionId().value(), e.clientId(), e.by()));
    }

    @EventListener
    void on(SessionEvents.NoteSigned e) {
        trail.record(session("note.signed", e.practiceId(), e.sessionId().value(), e.clientId(), e.by())
                .detail("status", e.status()));
    }

    @EventListener
    void on(SessionEvents.NoteCosigned e) {
        trail.record(session("note.cosigned", e.practiceId(), e.sessionId().value(), e.clientId(), e.by()));
    }

    // ---- supervision -----------------------------------------------------------------------------------

    @EventListener
    void on(SupervisionEvents.SupervisorAssigned e) {
        trail.record(AuditEntry.of("supervision.assigned", e.practiceId())
                .by(e.by())
                .target(MEMBER, e.superviseeId().value())
                .detail("supervisorId", e.supervisorId()));
    }

    @EventListener
    void on(SupervisionEvents.SupervisionEnded e) {
        trail.record(AuditEntry.of("supervision.ended", e.practiceId())
                .by(e.by())
                .target(MEMBER, e.superviseeId().value())
                .detail("supervisorId", e.supervisorId()));
    }

    private static AuditEntry client(String action, PracticeId practice, ClientId client, MemberId by) {
        return AuditEntry.of(action, practice)
                .by(by)
                .target(CLIENT, client.value())
                .clients(List.of(client.value()));
    }

    private static AuditEntry session(String action, PracticeId practice, UUID session, ClientId client, MemberId by) {
        return AuditEntry.of(action, practice).by(by).target(SESSION, session).clients(List.of(client.value()));
    }
}
