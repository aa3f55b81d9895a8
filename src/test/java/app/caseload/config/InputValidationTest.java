package app.caseload.config;

import static org.assertj.core.api.Assertions.assertThat;

import app.caseload.support.Api;
import app.caseload.support.Fixtures;
import app.caseload.support.IntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad input gets a clear 400 problem answer with field errors, and changes nothing. */
class InputValidationTest extends IntegrationTest {

    @Test
    void malformedJsonIsA400Problem() {
        Fixtures.Member owner = fixtures().signup("Malformed");
        var answer = api().as(owner.token()).sendRaw("POST", "/api/v1/roles", "{\"name\": ", "application/json");
        answer.expect(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().path("status").asInt()).isEqualTo(400);
        assertThat(answer.json().path("title").asString()).isNotEmpty();
    }

    @Test
    void wrongTypesAndUnknownEnumValuesNameTheField() {
        Fixtures.Member owner = fixtures().signup("Types");
        Api admin = api().as(owner.token());
        var wrongType = admin.sendRaw(
                "POST", "/api/v1/roles", "{\"name\": \"X\", \"requiresSupervision\": {\"a\": 1}}", "application/json");
        wrongType.expect(400);
        assertThat(wrongType.json().path("errors").get(0).path("field").asString())
                .isEqualTo("requiresSupervision");
        var unknownEnum = admin.put("/api/v1/therapists/" + owner.memberId() + "/status", Map.of("status", "RETIRED"));
        unknownEnum.expect(400);
        assertThat(unknownEnum.json().path("errors").get(0).path("field").asString())
                .isEqualTo("status");
    }

    @Test
    void missingAndOversizedFieldsAreListed() {
        Fixtures.Member owner = fixtures().signup("Sizes");
        var missing = api().as(owner.token()).post("/api/v1/invitations", Map.of("fullName", "Only a name"));
        missing.expect(400);
        assertThat(missing.json()
                        .path("errors")
                        .valueStream()
                        .map(e -> e.path("field").asString()))
                .contains("email", "roleId");
        var huge = api().as(owner.token()).post("/api/v1/roles", Map.of("name", "x".repeat(10_000)));
        huge.expect(400);
        assertThat(huge.json().path("errors").get(0).path("field").asString()).isEqualTo("name");
        assertThat(api().as(owner.token())
                        .get("/api/v1/roles")
                        .json()
                        .path("items")
                        .size())
                .isEqualTo(4);
    }

    @Test
    void badIdsInPathsAndQueriesAre400NotFound500() {
        Fixtures.Member owner = fixtures().signup("Ids");
        Api admin = api().as(owner.token());
        assertThat(admin.get("/api/v1/roles/not-a-uuid")
                        .expect(400)
                        .json()
                        .path("errors")
                        .get(0)
                        .path("field")
                        .asString())
                .isEqualTo("id");
        admin.get("/api/v1/therapists?status=SLEEPING").expect(400);
        admin.delete("/api/v1/therapists/" + owner.memberId() + "?reassignTo=nope")
                .expect(400);
        admin.get("/api/v1/roles/00000000-0000-0000-0000-000000000000").expect(404);
    }

    @Test
    void wrongMethodAndMediaTypeKeepTheirStatusAsProblems() {
        Fixtures.Member owner = fixtures().signup("Methods");
        var method = api().as(owner.token()).send("PATCH", "/api/v1/roles", Map.of());
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.json().path("status").asInt()).isEqualTo(405);
        assertThat(method.json().path("title").asString()).isNotEmpty();
        var media = api().as(owner.token()).sendRaw("POST", "/api/v1/roles", "name=x", "text/plain");
        assertThat(media.status()).isEqualTo(415);
    }

    @Test
    void unicodeAndScriptPayloadsAreStoredAsTextNotInterpreted() {
        Fixtures.Member owner = fixtures().signup("Unicode");
        String name = "Zoë <script>alert(1)</script>'; drop table role; -- 🧠";
        var created = api().as(owner.token())
                .post("/api/v1/roles", Map.of("name", name, "description", "ü"))
                .expect(201)
                .json();
        assertThat(created.path("name").asString()).isEqualTo(name);
    }
}
