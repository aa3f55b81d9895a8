package app.caseload.therapists;

import app.caseload.shared.AccountId;
import app.caseload.shared.CaseloadException;
import app.caseload.shared.MemberId;
import app.caseload.shared.MemberStatus;
import app.caseload.shared.PracticeId;
import app.caseload.shared.RoleId;
import java.time.Instant;

/**
 * A membership of one account in one practice. Changes are verbs that check the current state;
 * a removed member cannot change any more (the row stays as history).
 */
final class Member {

    private final PracticeId practiceId;
    private final MemberId id;
    private final AccountId accountId;
    private RoleId roleId;
    private MemberStatus status;
    private boolean admin;
    private final Instant joinedAt;
    private Instant removedAt;

    Member(
            PracticeId practiceId,
            MemberId id,
            AccountId accountId,
            RoleId roleId,
            MemberStatus status,
            boolean admin,
            Instant joinedAt,
            Instant removedAt) {
        this.practiceId = practiceId;
        this.id = id;
        this.accountId = accountId;
        this.roleId = roleId;
        this.status = status;
        this.admin = admin;
        this.joinedAt = joinedAt;
        this.removedAt = removedAt;
    }

    static Member join(PracticeId practice, AccountId account, RoleId role, boolean admin, Instant now) {
        return new Member(practice, MemberId.random(), account, role, MemberStatus.ACTIVE, admin, now, null);
    }

    /** Moves freely between Active, On Hold and Inactive (SPEC §2). */
    void changeStatus(MemberStatus newStatus) {
        requireCurrent();
        this.status = newStatus;
    }

    void changeRole(RoleId newRole) {
        requireCurrent();
        this.roleId = newRole;
    }

    void setAdmin(boolean admin) {
        requireCurrent();
        this.admin = admin;
    }

    void remove(Instant now) {
        requireCurrent();
        this.removedAt = now;
    }

    boolean isActiveAdmin() {
        return removedAt == null && admin && status == MemberStatus.ACTIVE;
    }

    private void requireCurrent() {
        if (removedAt != null) {
            throw CaseloadException.notFound("This therapist");
        }
    }

    PracticeId practiceId() {
        return practiceId;
    }

    MemberId id() {
        return id;
    }

    AccountId accountId() {
        return accountId;
    }

    RoleId roleId() {
        return roleId;
    }

    MemberStatus status() {
        return status;
    }

    boolean admin() {
        return admin;
    }

    Instant joinedAt() {
        return joinedAt;
    }

    Instant removedAt() {
        return removedAt;
    }
}
