package app.caseload.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import app.caseload.accounts.MembershipDirectory;
import app.caseload.shared.Caller;
import app.caseload.shared.MemberId;
import app.caseload.shared.MemberStatus;
import app.caseload.shared.Page;
import app.caseload.shared.PracticeId;
import app.caseload.support.Fixtures;
import app.caseload.support.IntegrationTest;
import app.caseload.therapists.TherapistView;
import app.caseload.therapists.Therapists;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The supervisor picker offers exactly whom the supervision policy would accept. */
class CandidateSupervisorsTest extends IntegrationTest {

    @Autowired
    Supervision supervision;

    @Autowired
    Therapists therapists;

    @Autowired
    MembershipDirectory memberships;

    @Test
    void offersOnlyMembersThePolicyAccepts() {
        Fixtures.Member owner = fixtures().signup("Picker Practice");
        Fixtures.Member sam = fixtures().join(owner, "Sam", "Supervisor");
        Fixtures.Member sue = fixtures().join(owner, "Sue", "Supervisor");
        Fixtures.Member ivy = fixtures().join(owner, "Ivy", "Intern");
        api().as(owner.token())
                .patch("/api/v1/practice", Map.of("supervisionEnabled", true))
                .expect(200);
        api().as(owner.token())
                .post("/api/v1/therapists/" + sue.memberId() + "/supervisors", Map.of("supervisorId", sam.memberId()))
                .expect(201);
        Caller admin = memberships
                .member(practice(owner), member(owner))
                .filter(c -> c.status() == MemberStatus.ACTIVE)
                .orElseThrow();
        var everyone = therapists.roster(admin, null, null, Page.MAX_LIMIT).items();

        // For Ivy: both supervisors; not the owner (Licensed Therapist cannot supervise), not herself.
        assertThat(names(supervision.candidateSupervisors(admin, member(ivy), everyone)))
                .containsExactlyInAnyOrder("Sam", "Sue");
        // For Sam: not Sue, whom Sam supervises (a cycle), and not Sam himself.
        assertThat(names(supervision.candidateSupervisors(admin, member(sam), everyone)))
                .isEmpty();
        // For Sue: not Sam, already her supervisor.
        assertThat(names(supervision.candidateSupervisors(admin, member(sue), everyone)))
                .isEmpty();
    }

    private static java.util.List<String> names(java.util.List<TherapistView> views) {
        return views.stream().map(TherapistView::fullName).toList();
    }

    private static MemberId member(Fixtures.Member m) {
        return new MemberId(UUID.fromString(m.memberId()));
    }

    private static PracticeId practice(Fixtures.Member m) {
        return new PracticeId(UUID.fromString(m.practiceId()));
    }
}
