package app.caseload.invitations;

import java.time.Instant;

/** What the invitee sees when opening the link, before answering. */
public record InvitationPreview(
        String practiceName,
        String fullName,
        String email,
        String roleName,
        String invitedByName,
        Instant expiresAt,
        boolean accountExists) {}
