package app.caseload.team;

import static org.assertj.core.api.Assertions.assertThat;

import app.caseload.support.Fixtures;
import app.caseload.support.IntegrationTest;
import org.junit.jupiter.api.Test;

class TeamSmokeTest extends IntegrationTest {

    @Test
    void founderInvitesATherapistWhoAcceptsFromTheEmail() {
        Fixtures.Member owner = fixtures().signup("Sunrise Counseling");
        Fixtures.Member therapist = fixtures().join(owner, "Tom Therapist", "Associate");

        var me = api().as(therapist.token()).get("/api/v1/me").expect(200).json();
        assertThat(me.path("practiceName").asString()).isEqualTo("Sunrise Counseling");
        assertThat(me.path("role").path("name").asString()).isEqualTo("Associate");
        assertThat(me.path("status").asString()).isEqualTo("ACTIVE");
    }
}
