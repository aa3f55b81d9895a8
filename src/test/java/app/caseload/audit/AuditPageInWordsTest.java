package app.caseload.audit;

import static org.assertj.core.api.Assertions.assertThat;

import app.caseload.security.DashboardClient;
import app.caseload.support.Fixtures;
import app.caseload.support.Fixtures.Member;
import app.caseload.support.IntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * The audit page speaks in words: what people did as sentences, the record named and linked, and
 * members who have since been removed still in the "Who" filter, so their history can be found.
 */
class AuditPageInWordsTest extends IntegrationTest {

    @Test
    void theTrailIsReadInWordsAndRemovedMembersCanStillBeChosen() {
        Member admin = fixtures().signup("Audit Words Practice");
        Member rita = fixtures().join(admin, "Rita Gomez", "Licensed Therapist");
        api().as(admin.token()).delete("/api/v1/therapists/" + rita.memberId()).expect(204);

        var page = DashboardClient.anonymous("http://127.0.0.1:" + port, "10.9.3.1")
                .signIn(admin.email(), Fixtures.PASSWORD)
                .get("/audit");
        assertThat(page.status()).isEqualTo(200);
        String text = page.text();
        assertThat(text)
                .contains("joined the practice", "removed a member from the practice", "Member: Rita Gomez")
                .doesNotContain("member.removed", "member.joined", " MEMBER ");
        assertThat(page.body())
                .contains("href=\"/therapists/" + rita.memberId() + "\"")
                .contains("label=\"Removed from the practice\"");
        assertThat(page.body().substring(page.body().indexOf("Removed from the practice")))
                .contains(rita.memberId());
    }
}
