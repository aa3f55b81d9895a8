package app.caseload.therapists;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.caseload.shared.AccountId;
import app.caseload.shared.CaseloadException;
import app.caseload.shared.MemberStatus;
import app.caseload.shared.PracticeId;
import app.caseload.shared.RoleId;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MemberTest {

    static final Instant NOW = Instant.parse("2026-11-27T15:00:00Z");

    @Test
    void joinsActive() {
        Member member = Member.join(PracticeId.random(), AccountId.random(), RoleId.random(), true, NOW);
        assertThat(member.status()).isEqualTo(MemberStatus.ACTIVE);
        assertThat(member.isActiveAdmin()).isTrue();
    }

    @Test
    void statusDecidesWhatAMemberMayDo() {
        assertThat(MemberStatus.ACTIVE.canSignIn()).isTrue();
        assertThat(MemberStatus.ACTIVE.canTakeSessions()).isTrue();
        assertThat(MemberStatus.ON_HOLD.canSignIn()).isTrue();
        assertThat(MemberStatus.ON_HOLD.canTakeSessions()).isFalse();
        assertThat(MemberStatus.INACTIVE.canSignIn()).isFalse();
        assertThat(MemberStatus.INACTIVE.canTakeSessions()).isFalse();
    }

    @Test
    void anAdminOnHoldIsNoActiveAdmin() {
        Member member = Member.join(PracticeId.random(), AccountId.random(), RoleId.random(), true, NOW);
        member.changeStatus(MemberStatus.ON_HOLD);
        assertThat(member.isActiveAdmin()).isFalse();
    }

    @Test
    void aRemovedMemberCannotChangeAnyMore() {
        Member member = Member.join(PracticeId.random(), AccountId.random(), RoleId.random(), false, NOW);
        member.remove(NOW);
        assertThatThrownBy(() -> member.changeStatus(MemberStatus.ACTIVE)).isInstanceOf(CaseloadException.class);
        assertThatThrownBy(() -> member.setAdmin(true)).isInstanceOf(CaseloadException.class);
        assertThatThrownBy(() -> member.remove(NOW)).isInstanceOf(CaseloadException.class);
    }
}
