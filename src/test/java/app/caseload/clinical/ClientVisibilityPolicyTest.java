package app.caseload.clinical;

import static org.assertj.core.api.Assertions.assertThat;

import app.caseload.clients.ClientVisibility;
import app.caseload.shared.AccountId;
import app.caseload.shared.Caller;
import app.caseload.shared.ClientId;
import app.caseload.shared.MemberId;
import app.caseload.shared.MemberStatus;
import app.caseload.shared.PracticeId;
import app.caseload.shared.RoleId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The visibility policy against the real database, for every caller × client relation, including
 * callers the API would stop earlier (Inactive, removed): the policy alone must refuse them too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientVisibilityPolicyTest extends app.caseload.support.IntegrationTest {

    @Autowired
    ClientVisibility visibility;

    VisibilityWorld world;

    @BeforeAll
    void buildWorld() {
        world = VisibilityWorld.build(api(), fixtures());
    }

    @Test
    void everyCallerSeesExactlyTheClientsOfSpecSection5() {
        SoftAssertions soft = new SoftAssertions();
        for (VisibilityWorld.Who who : world.callers.values()) {
            Caller caller = callerOf(who);
            for (VisibilityWorld.Client client : world.clients) {
                soft.assertThat(visibility.canSee(caller, new ClientId(UUID.fromString(client.id()))))
                        .as("%s sees '%s'", who.name(), client.label())
                        .isEqualTo(world.visible(who, client));
            }
            var predicate = visibility.clientPredicate(caller, "c");
            Set<String> listed = new HashSet<>(jdbc.sql("select c.id::text from client c where " + predicate.sql())
                    .params(predicate.params())
                    .query(String.class)
                    .list());
            Set<String> worldIds = new HashSet<>(
                    world.clients.stream().map(VisibilityWorld.Client::id).toList());
            listed.retainAll(worldIds);
            soft.assertThat(listed).as("%s's list", who.name()).isEqualTo(world.visibleIds(who));
        }
        soft.assertAll();
    }

    @Test
    void onlyAdminsTheMemberAndTheirSupervisorsOpenACaseload() {
        SoftAssertions soft = new SoftAssertions();
        for (VisibilityWorld.Who who : world.callers.values()) {
            Caller caller = callerOf(who);
            for (var target : Stream.concat(world.callers.values().stream(), Stream.of((VisibilityWorld.Who) null))
                    .toList()) {
                if (target == null) {
                    continue;
                }
                boolean removed = target.status() == VisibilityWorld.Status.REMOVED;
                soft.assertThat(visibility.mayViewCaseloadOf(
                                caller,
                                new MemberId(UUID.fromString(target.member().memberId()))))
                        .as("%s opens %s", who.name(), target.name())
                        .isEqualTo(world.mayOpenTherapist(who, target.member(), removed));
            }
        }
        soft.assertAll();
    }

    @Test
    void switchingSupervisionOffHidesTheSuperviseesClientsOnTheNextQuery() {
        VisibilityWorld.Who supervisor = world.callers.get("supervisor");
        VisibilityWorld.Client superviseeDirect = world.clients.stream()
                .filter(c -> c.label().equals("supervisee direct own"))
                .findFirst()
                .orElseThrow();
        ClientId id = new ClientId(UUID.fromString(superviseeDirect.id()));
        UUID practice = UUID.fromString(supervisor.member().practiceId());
        assertThat(visibility.canSee(callerOf(supervisor), id)).isTrue();
        try {
            jdbc.sql("update practice set supervision_enabled = false where id = ?")
                    .param(practice)
                    .update();
            assertThat(visibility.canSee(callerOf(supervisor), id)).isFalse();
        } finally {
            jdbc.sql("update practice set supervision_enabled = true where id = ?")
                    .param(practice)
                    .update();
        }
    }

    /** The caller as the database holds it; removed members keep their last status. */
    private Caller callerOf(VisibilityWorld.Who who) {
        List<Caller> rows = jdbc.sql(
                        "select account_id, role_id, status, admin from member where practice_id = ? and id = ?")
                .params(
                        UUID.fromString(who.member().practiceId()),
                        UUID.fromString(who.member().memberId()))
                .query((rs, n) -> new Caller(
                        new AccountId(rs.getObject("account_id", UUID.class)),
                        new MemberId(UUID.fromString(who.member().memberId())),
                        new PracticeId(UUID.fromString(who.member().practiceId())),
                        new RoleId(rs.getObject("role_id", UUID.class)),
                        MemberStatus.valueOf(rs.getString("status")),
                        rs.getBoolean("admin")))
                .list();
        return rows.get(0);
    }
}
