package app.caseload.supervision;

import app.caseload.shared.MemberId;
import java.util.Set;

/**
 * May A supervise B (SPEC §6): supervision switched on, the supervisor's role allows supervising,
 * not oneself, not already, and no cycle. Answers with the refusal, or nothing when allowed.
 */
final class SupervisionPolicy {

    private SupervisionPolicy() {}

    /**
     * @param supervisorsOfSupervisor everyone who supervises the supervisor, directly or through
     *     others (current supervisions only)
     * @param currentSupervisorsOfSupervisee the supervisee's current direct supervisors
     */
    static void check(
            boolean supervisionEnabled,
            MemberId supervisee,
            MemberId supervisor,
            boolean supervisorRoleCanSupervise,
            Set<MemberId> currentSupervisorsOfSupervisee,
            Set<MemberId> supervisorsOfSupervisor) {
        if (!supervisionEnabled) {
            throw SupervisionProblems.disabled();
        }
        if (supervisee.equals(supervisor)) {
            throw SupervisionProblems.self();
        }
        if (!supervisorRoleCanSupervise) {
            throw SupervisionProblems.roleCannotSupervise();
        }
        if (currentSupervisorsOfSupervisee.contains(supervisor)) {
            throw SupervisionProblems.alreadyAssigned();
        }
        if (supervisorsOfSupervisor.contains(supervisee)) {
            throw SupervisionProblems.cycle();
        }
    }
}
