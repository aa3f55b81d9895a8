package app.caseload.roles;

import app.caseload.shared.MemberId;
import app.caseload.shared.PracticeId;

/**
 * A veto on role changes that would break something another module keeps, such as a supervision
 * whose supervisor could no longer supervise. Implementations throw a 409 problem to refuse.
 */
public interface RoleChangeGuard {

    /** A role's rules are about to change for every member who holds it. */
    default void beforeRoleRulesChange(PracticeId practice, RoleView current, RoleDraft replacement) {}

    /** One member is about to get another role. */
    default void beforeMemberRoleChange(PracticeId practice, MemberId member, RoleView from, RoleView to) {}
}
