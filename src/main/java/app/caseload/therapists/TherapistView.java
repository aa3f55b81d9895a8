package app.caseload.therapists;

import app.caseload.shared.AccountId;
import app.caseload.shared.MemberId;
import app.caseload.shared.MemberStatus;
import app.caseload.shared.RoleId;
import java.time.Instant;
import java.util.List;

/**
 * A member as the roster and profile show it. {@code metrics} is null when the viewer may not
 * see them (only admins, the member and their supervisors may).
 */
public record TherapistView(
        MemberId id,
        AccountId accountId,
        String fullName,
        String email,
        MemberStatus status,
        boolean admin,
        RoleId roleId,
        String roleName,
        List<MemberId> supervisorIds,
        Instant joinedAt,
        TherapistMetrics metrics) {}
