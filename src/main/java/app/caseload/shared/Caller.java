package app.caseload.shared;

import java.io.Serializable;

/**
 * The signed-in member a request acts for. Resolved afresh from the database on every request, so
 * status, admin rights and removal take effect on the next request. The practice always comes from
 * here, never from a request body.
 */
public record Caller(
        AccountId accountId,
        MemberId memberId,
        PracticeId practiceId,
        RoleId roleId,
        MemberStatus status,
        boolean admin)
        implements Serializable {

    /** Admin rights count only while the member is Active. */
    public boolean isAdmin() {
        return admin && status == MemberStatus.ACTIVE;
    }

    /** Refuses with 403 unless the caller is an Active practice admin. */
    public Caller requireAdmin() {
        if (!isAdmin()) {
            throw CaseloadException.forbidden("Only practice admins may do this.");
        }
        return this;
    }
}
