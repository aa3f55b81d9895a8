package app.caseload.clients;

import static org.assertj.core.api.Assertions.assertThat;

import app.caseload.clients.ClientVisibility.Scope;
import app.caseload.clients.ClientVisibility.Viewer;
import app.caseload.shared.MemberId;
import app.caseload.shared.MemberStatus;
import app.caseload.shared.PracticeId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The policy's decision per kind of caller, without Spring or a database. */
class ClientVisibilityScopeTest {

    @ParameterizedTest(name = "{0} admin={1} viewPractice={2} -> nothing={3} all={4} supervisees={5} practice={6}")
    @CsvSource({
        // status,  admin, viewPractice, nothing, wholePractice, viaSupervisees, allPracticeClients
        "ACTIVE,    true,  false,        false,   true,          false,          false",
        "ACTIVE,    false, false,        false,   false,         true,           false",
        "ACTIVE,    false, true,         false,   false,         true,           true",
        "ON_HOLD,   true,  false,        false,   false,         false,          false",
        "ON_HOLD,   false, true,         false,   false,         false,          false",
        "ON_HOLD,   false, false,        false,   false,         false,          false",
        "INACTIVE,  true,  true,         true,    false,         false,          false",
        "INACTIVE,  false, false,        true,    false,         false,          false",
    })
    void decidesWhatEachKindOfCallerMaySee(
            MemberStatus status,
            boolean admin,
            boolean viewPractice,
            boolean nothing,
            boolean wholePractice,
            boolean viaSupervisees,
            boolean allPracticeClients) {
        Scope scope = ClientVisibility.scopeOf(
                new Viewer(PracticeId.random(), MemberId.random(), status, admin, viewPractice));
        assertThat(scope).isEqualTo(new Scope(nothing, wholePractice, viaSupervisees, allPracticeClients));
    }

    @ParameterizedTest
    @CsvSource({"ACTIVE, true", "ACTIVE, false", "ON_HOLD, false"})
    void everyPredicateIsBoundToTheCallersPracticeAndCurrentMembership(MemberStatus status, boolean admin) {
        var predicate = ClientVisibility.clientPredicate(
                new Viewer(PracticeId.random(), MemberId.random(), status, admin, false), "c");
        assertThat(predicate.sql()).startsWith("c.practice_id = :vis_practice and exists");
        assertThat(predicate.sql()).contains("removed_at is null");
    }

    @ParameterizedTest
    @CsvSource({"true", "false"})
    void inactiveCallersSeeNothing(boolean admin) {
        var predicate = ClientVisibility.clientPredicate(
                new Viewer(PracticeId.random(), MemberId.random(), MemberStatus.INACTIVE, admin, true), "c");
        assertThat(predicate.sql()).isEqualTo("false");
    }
}
