package app.caseload.therapists;

import app.caseload.shared.MemberId;
import app.caseload.shared.MemberStatus;
import app.caseload.shared.PracticeId;
import app.caseload.shared.RoleId;

/** What happens to the team, published for the audit trail and other listeners. */
public final class TherapistEvents {

    private TherapistEvents() {}

    public record MemberJoined(PracticeId practiceId, MemberId memberId, RoleId roleId, boolean admin) {}

    public record MemberStatusChanged(
            PracticeId practiceId, MemberId memberId, MemberStatus from, MemberStatus to, MemberId by) {}

    public record MemberRoleChanged(PracticeId practiceId, MemberId memberId, RoleId from, RoleId to, MemberId by) {}

    public record MemberAdminChanged(PracticeId practiceId, MemberId memberId, boolean admin, MemberId by) {}

    public record MemberRemoved(PracticeId practiceId, MemberId memberId, MemberId reassignedTo, MemberId by) {}
}
