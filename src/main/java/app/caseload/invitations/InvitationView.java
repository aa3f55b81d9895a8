package app.caseload.invitations;

import app.caseload.shared.InvitationId;
import app.caseload.shared.MemberId;
import app.caseload.shared.RoleId;
import java.time.Instant;

/** An invitation as admins see it. */
public record InvitationView(
        InvitationId id,
        String fullName,
        String email,
        RoleId roleId,
        String roleName,
        boolean admin,
        InvitationStatus status,
        MemberId invitedById,
        Instant createdAt,
        Instant expiresAt) {}
