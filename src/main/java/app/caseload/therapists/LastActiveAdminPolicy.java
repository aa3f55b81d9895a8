package app.caseload.therapists;

import app.caseload.shared.CaseloadException;
import app.caseload.shared.MemberId;
import java.util.Set;

/**
 * A practice always keeps at least one Active admin (SPEC §2): the last one cannot be removed,
 * deactivated, paused or demoted. Every path that changes a member asks this policy.
 */
final class LastActiveAdminPolicy {

    private LastActiveAdminPolicy() {}

    /**
     * @param activeAdmins the practice's Active admins as of now (read under the practice lock)
     * @param member the member about to change
     * @param staysActiveAdmin whether the member is still an Active admin after the change
     */
    static void check(Set<MemberId> activeAdmins, MemberId member, boolean staysActiveAdmin) {
        boolean wasActiveAdmin = activeAdmins.contains(member);
        if (wasActiveAdmin && !staysActiveAdmin && activeAdmins.size() == 1) {
            throw CaseloadException.conflict(
                    "last-active-admin",
                    "This is the practice's last Active admin. Make another member an admin first.");
        }
    }
}
