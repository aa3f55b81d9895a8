package app.caseload.supervision;

import app.caseload.shared.MemberId;
import app.caseload.shared.PracticeId;

/** What happens to supervisions, published for the audit trail and other listeners. */
public final class SupervisionEvents {

    private SupervisionEvents() {}

    public record SupervisorAssigned(
            PracticeId practiceId, MemberId superviseeId, MemberId supervisorId, MemberId by) {}

    /** {@code by} is null when the supervision ended because a member left the practice. */
    public record SupervisionEnded(PracticeId practiceId, MemberId superviseeId, MemberId supervisorId, MemberId by) {}
}
