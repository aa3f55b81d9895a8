package app.caseload.invitations;

import app.caseload.shared.InvitationId;
import app.caseload.shared.MemberId;
import app.caseload.shared.PracticeId;
import app.caseload.shared.RoleId;
import java.time.Instant;

/**
 * An invitation's lifecycle: PENDING until accepted, declined, revoked or expired. Only a pending,
 * unexpired invitation can be answered; resending gives it a new link and a new expiry.
 */
final class Invitation {

    private final PracticeId practiceId;
    private final InvitationId id;
    private final String fullName;
    private final String email;
    private final RoleId roleId;
    private final boolean admin;
    private InvitationStatus status;
    private final MemberId invitedBy;
    private final Instant createdAt;
    private Instant expiresAt;
    private Instant respondedAt;
    private MemberId memberId;

    Invitation(
            PracticeId practiceId,
            InvitationId id,
            String fullName,
            String email,
            RoleId roleId,
            boolean admin,
            InvitationStatus status,
            MemberId invitedBy,
            Instant createdAt,
            Instant expiresAt,
            Instant respondedAt,
            MemberId memberId) {
        this.practiceId = practiceId;
        this.id = id;
        this.fullName = fullName;
        this.email = email;
        this.roleId = roleId;
        this.admin = admin;
        this.status = status;
        this.invitedBy = invitedBy;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
        this.respondedAt = respondedAt;
        this.memberId = memberId;
    }

    static Invitation create(
            PracticeId practice,
            String fullName,
            String email,
            RoleId role,
            boolean admin,
            MemberId invitedBy,
            Instant now,
            java.time.Duration ttl) {
        return new Invitation(
                practice,
                InvitationId.random(),
                fullName.trim(),
                email.trim(),
                role,
                admin,
                InvitationStatus.PENDING,
                invitedBy,
                now,
                now.plus(ttl),
                null,
                null);
    }

    /** The status as of {@code now}: a pending invitation past its expiry is expired. */
    InvitationStatus statusAt(Instant now) {
        return status == InvitationStatus.PENDING && !now.isBefore(expiresAt) ? InvitationStatus.EXPIRED : status;
    }

    /** Refuses (410) unless the invitation can be answered now. */
    void requireUsable(Instant now) {
        switch (statusAt(now)) {
            case PENDING -> {}
            case EXPIRED -> throw InvitationProblems.expired();
            case REVOKED -> throw InvitationProblems.revoked();
            case ACCEPTED -> throw InvitationProblems.accepted();
            case DECLINED -> throw InvitationProblems.declined();
        }
    }

    void accept(MemberId member, Instant now) {
        requireUsable(now);
        status = InvitationStatus.ACCEPTED;
        memberId = member;
        respondedAt = now;
    }

    void decline(Instant now) {
        requireUsable(now);
        status = InvitationStatus.DECLINED;
        respondedAt = now;
    }

    void revoke(Instant now) {
        InvitationStatus current = statusAt(now);
        if (current != InvitationStatus.PENDING && current != InvitationStatus.EXPIRED) {
            throw InvitationProblems.alreadyAnswered();
        }
        status = InvitationStatus.REVOKED;
        respondedAt = now;
    }

    /** A pending or expired invitation can be sent again, with a fresh expiry. */
    void resend(Instant now, java.time.Duration ttl) {
        InvitationStatus current = statusAt(now);
        if (current != InvitationStatus.PENDING && current != InvitationStatus.EXPIRED) {
            throw InvitationProblems.alreadyAnswered();
        }
        status = InvitationStatus.PENDING;
        expiresAt = now.plus(ttl);
    }

    PracticeId practiceId() {
        return practiceId;
    }

    InvitationId id() {
        return id;
    }

    String fullName() {
        return fullName;
    }

    String email() {
        return email;
    }

    RoleId roleId() {
        return roleId;
    }

    boolean admin() {
        return admin;
    }

    InvitationStatus status() {
        return status;
    }

    MemberId invitedBy() {
        return invitedBy;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant expiresAt() {
        return expiresAt;
    }

    Instant respondedAt() {
        return respondedAt;
    }

    MemberId memberId() {
        return memberId;
    }
}
