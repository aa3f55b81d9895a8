package app.caseload.therapists;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.caseload.shared.CaseloadException;
import app.caseload.shared.MemberId;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LastActiveAdminPolicyTest {

    final MemberId alice = MemberId.random();
    final MemberId bob = MemberId.random();
    final MemberId carol = MemberId.random();

    @Test
    void refusesToLoseTheLastActiveAdmin() {
        assertThatThrownBy(() -> LastActiveAdminPolicy.check(Set.of(alice), alice, false))
                .isInstanceOfSatisfying(
                        CaseloadException.class,
                        e -> org.assertj.core.api.Assertions.assertThat(e.type())
                                .isEqualTo("last-active-admin"));
    }

    @Test
    void allowsDemotingOneOfSeveralAdmins() {
        assertThatCode(() -> LastActiveAdminPolicy.check(Set.of(alice, bob), alice, false))
                .doesNotThrowAnyException();
    }

    @Test
    void allowsChangesThatKeepTheAdminActive() {
        assertThatCode(() -> LastActiveAdminPolicy.check(Set.of(alice), alice, true))
                .doesNotThrowAnyException();
    }

    @Test
    void ignoresMembersWhoAreNotActiveAdmins() {
        assertThatCode(() -> LastActiveAdminPolicy.check(Set.of(alice), carol, false))
                .doesNotThrowAnyException();
    }
}
