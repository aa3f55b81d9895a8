package app.caseload.therapists;

import app.caseload.shared.MemberId;
import app.caseload.shared.MemberStatus;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A member as the JSON API answers it (API.md "member"), for every endpoint that answers members:
 * the roster and profile here, supervisors and supervisees in the supervision module.
 */
public record MemberJson(
        UUID id,
        String fullName,
        String email,
        MemberStatus status,
        boolean admin,
        RoleRef role,
        List<UUID> supervisorIds,
        Instant joinedAt,
        TherapistMetrics metrics) {

    public record RoleRef(UUID id, String name) {}

    public static MemberJson of(TherapistView v) {
        return new MemberJson(
                v.id().value(),
                v.fullName(),
                v.email(),
                v.status(),
                v.admin(),
                new RoleRef(v.roleId().value(), v.roleName()),
                v.supervisorIds().stream().map(MemberId::value).toList(),
                v.joinedAt(),
                v.metrics());
    }
}
