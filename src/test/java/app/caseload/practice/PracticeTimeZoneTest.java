package app.caseload.practice;

import static org.assertj.core.api.Assertions.assertThat;

import app.caseload.support.Api;
import app.caseload.support.Fixtures;
import app.caseload.support.IntegrationTest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The practice time zone through the API (SPEC §2b): chosen at sign-up, read and changed on /practice. */
class PracticeTimeZoneTest extends IntegrationTest {

    private Api.Response signup(String timeZone) {
        Map<String, Object> body = new HashMap<>(Map.of(
                "practiceName",
                "Zone Practice",
                "fullName",
                "Olivia Owner",
                "email",
                Fixtures.uniqueEmail("zone"),
                "password",
                Fixtures.PASSWORD));
        if (timeZone != null) {
            body.put("timeZone", timeZone);
        }
        return api().post("/api/v1/signup", body);
    }

    @Test
    void signUpWithoutAZoneIsInNewYork() {
        String token = signup(null).expect(201).field("token");
        assertThat(api().as(token).get("/api/v1/practice").expect(200).field("timeZone"))
                .isEqualTo("America/New_York");
    }

    @Test
    void signUpTakesTheZoneNamed() {
        String token = signup("America/Chicago").expect(201).field("token");
        assertThat(api().as(token).get("/api/v1/practice").expect(200).field("timeZone"))
                .isEqualTo("America/Chicago");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Mars/Olympus_Mons", "+02:00", "Z", "UTC+1", "", "america/chicago"})
    void signUpRefusesWhatIsNotAnIanaZoneAndFoundsNothing(String zone) {
        var refused = signup(zone).expect(400);
        assertThat(refused.json().path("errors").get(0).path("field").asString())
                .isEqualTo("timeZone");
    }

    @Test
    void adminsChangeTheZoneAndAnUnknownOneIsRefusedNamingTheField() {
        Fixtures.Member owner = fixtures().signup("Moving West");
        Fixtures.Member tom = fixtures().join(owner, "Tom", "Licensed Therapist");
        var updated = api().as(owner.token())
                .patch("/api/v1/practice", Map.of("timeZone", "Europe/Berlin"))
                .expect(200)
                .json();
        assertThat(updated.path("timeZone").asString()).isEqualTo("Europe/Berlin");
        assertThat(updated.path("name").asString()).isEqualTo("Moving West");

        var refused = api().as(owner.token())
                .patch("/api/v1/practice", Map.of("timeZone", "+02:00"))
                .expect(400);
        assertThat(refused.json().path("errors").get(0).path("field").asString())
                .isEqualTo("timeZone");
        api().as(owner.token())
                .patch("/api/v1/practice", Map.of("timeZone", "Nowhere/Special"))
                .expect(400);
        api().as(owner.token()).patch("/api/v1/practice", Map.of("timeZone", 5)).expect(400);
        api().as(tom.token())
                .patch("/api/v1/practice", Map.of("timeZone", "Asia/Tokyo"))
                .expect(403);

        assertThat(api().as(tom.token()).get("/api/v1/practice").expect(200).field("timeZone"))
                .isEqualTo("Europe/Berlin");
        // Other fields leave the zone alone.
        api().as(owner.token())
                .patch("/api/v1/practice", Map.of("name", "Renamed"))
                .expect(200);
        assertThat(api().as(owner.token()).get("/api/v1/practice").field("timeZone"))
                .isEqualTo("Europe/Berlin");
    }
}
