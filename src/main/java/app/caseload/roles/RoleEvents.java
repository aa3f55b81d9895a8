package app.caseload.roles;

import app.caseload.shared.PracticeId;
import app.caseload.shared.RoleId;

/** Changes to a practice's roles, for the audit trail. The actor is the signed-in caller. */
public final class RoleEvents {

    private RoleEvents() {}

    public record RoleCreated(PracticeId practiceId, RoleId roleId) {}

    public record RoleReplaced(PracticeId practiceId, RoleId roleId) {}

    public record RoleDeleted(PracticeId practiceId, RoleId roleId) {}
}
