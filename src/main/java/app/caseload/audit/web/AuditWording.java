package app.caseload.audit.web;

import java.util.Locale;
import java.util.Map;

/**
 * The audit trail in words: what an action code means, said as what the person did ("reassigned a
 * client"), and what kind of record it touched. The codes stay in the CSV export and the API, where
 * tools read them; people read this.
 */
final class AuditWording {

    private AuditWording() {}

    private static final Map<String, String> ACTIONS = Map.ofEntries(
            Map.entry("sign_in.succeeded", "signed in"),
            Map.entry("sign_in.failed", "failed to sign in"),
            Map.entry("sign_in.mfa_challenged", "was asked for a sign-in code"),
            Map.entry("sign_in.enrolment_only", "signed in to set up two-step sign-in"),
            Map.entry("mfa.enrolled", "turned on two-step sign-in"),
            Map.entry("mfa.removed", "turned off two-step sign-in"),
            Map.entry("mfa.recovery_code_used", "used a recovery code"),
            Map.entry("password_reset.requested", "asked for a password reset"),
            Map.entry("password_reset.completed", "chose a new password"),
            Map.entry("practice.founded", "founded the practice"),
            Map.entry("practice.settings_changed", "changed the practice settings"),
            Map.entry("practice.mfa_requirement_changed", "changed the two-step sign-in requirement"),
            Map.entry("invitation.sent", "invited a therapist"),
            Map.entry("invitation.resent", "sent an invitation again"),
            Map.entry("invitation.revoked", "revoked an invitation"),
            Map.entry("invitation.accepted", "accepted an invitation"),
            Map.entry("invitation.declined", "declined an invitation"),
            Map.entry("member.joined", "joined the practice"),
            Map.entry("member.removed", "removed a member from the practice"),
            Map.entry("member.role_changed", "changed a member's role"),
            Map.entry("member.status_changed", "changed a member's status"),
            Map.entry("member.admin_changed", "changed a member's admin rights"),
            Map.entry("member.sessions_revoked", "ended a member's sign-ins"),
            Map.entry("role.created", "created a role"),
            Map.entry("role.replaced", "changed a role"),
            Map.entry("role.deleted", "deleted a role"),
            Map.entry("supervision.assigned", "assigned a supervisor"),
            Map.entry("supervision.ended", "ended a supervision"),
            Map.entry("client.registered", "added a client"),
            Map.entry("client.imported", "imported clients from a file"),
            Map.entry("client.import_check", "checked a client file"),
            Map.entry("client.updated", "changed a client's details"),
            Map.entry("client.status_changed", "changed a client's status"),
            Map.entry("client.reassigned", "reassigned clients"),
            Map.entry("client.risk_changed", "set a client's risk level"),
            Map.entry("client.list", "viewed the client list"),
            Map.entry("client.detail", "viewed a client"),
            Map.entry("client.sessions", "viewed a client's sessions"),
            Map.entry("client.assignments", "viewed a client's assignment history"),
            Map.entry("client.risk", "viewed a client's risk history"),
            Map.entry("client.export", "exported clients as CSV"),
            Map.entry("client.lookup", "looked up clients by name"),
            Map.entry("therapist.caseload", "viewed a therapist's caseload"),
            Map.entry("therapist.sessions", "viewed a therapist's sessions"),
            Map.entry("therapist.holdings", "viewed what a member still holds"),
            Map.entry("session.scheduled", "scheduled a session"),
            Map.entry("session.completed", "completed a session"),
            Map.entry("session.cancelled", "cancelled a session"),
            Map.entry("session.no_show", "marked a session as a no-show"),
            Map.entry("session.detail", "viewed a session"),
            Map.entry("sessions.handed_over", "handed sessions over"),
            Map.entry("note.written", "wrote a note"),
            Map.entry("note.signed", "signed a note"),
            Map.entry("note.cosigned", "co-signed a note"),
            Map.entry("note.read", "read a note"),
            Map.entry("notes.pending", "viewed pending notes"),
            Map.entry("claims.list", "viewed claims"),
            Map.entry("audit.exported", "exported the audit trail"),
            Map.entry("fhir.patient.read", "read a client through FHIR"),
            Map.entry("fhir.patient.search", "searched clients through FHIR"),
            Map.entry("fhir.careteam.read", "read a care team through FHIR"),
            Map.entry("fhir.careteam.search", "searched care teams through FHIR"),
            Map.entry("fhir.encounter.read", "read a session through FHIR"),
            Map.entry("fhir.encounter.search", "searched sessions through FHIR"));

    private static final Map<String, String> RECORDS = Map.of(
            "CLIENT", "Client",
            "MEMBER", "Member",
            "SESSION", "Session",
            "ROLE", "Role",
            "INVITATION", "Invitation",
            "PRACTICE", "Practice",
            "ACCOUNT", "Account");

    /** What the person did, as words; an unknown code is spelled out rather than shown raw. */
    static String action(String code) {
        if (code == null) {
            return "—";
        }
        String words = ACTIONS.get(code);
        if (words != null) {
            return words;
        }
        if (code.startsWith("claims.export")) {
            return "exported claims";
        }
        return code.replace('.', ' ').replace('_', ' ').toLowerCase(Locale.ROOT);
    }

    /** The kind of record, as a word. */
    static String record(String targetType) {
        return targetType == null ? null : RECORDS.getOrDefault(targetType, targetType.toLowerCase(Locale.ROOT));
    }

    /** Where a record can be opened on the dashboard, or null when it has no page of its own. */
    static String link(String targetType, java.util.UUID id) {
        if (targetType == null || id == null) {
            return null;
        }
        return switch (targetType) {
            case "CLIENT" -> "/clients/" + id;
            case "MEMBER" -> "/therapists/" + id;
            case "SESSION" -> "/sessions/" + id;
            case "ROLE" -> "/roles/" + id;
            default -> null;
        };
    }
}
