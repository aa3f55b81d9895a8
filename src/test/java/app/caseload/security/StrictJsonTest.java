package app.caseload.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.caseload.support.Api;
import app.caseload.support.Fixtures;
import app.caseload.support.IntegrationTest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON types are strict (API.md, Conventions): a wrong-typed scalar is never converted. Each shape
 * below is sent with an otherwise valid body, is refused with a 400 problem naming the field, and
 * changes nothing; the same body with the right type is then accepted, so the type was the reason.
 */
class StrictJsonTest extends IntegrationTest {

    @Autowired
    JsonMapper mapper;

    /** One wrong-typed shape: {@code field} set to the raw JSON {@code value}; {@code named} is the field reported. */
    record Shape(String field, String value, String named) {
        Shape(String field, String value) {
            this(field, value, field);
        }
    }

    @Test
    void roles() throws Exception {
        Fixtures.Member owner = fixtures().signup("Strict Roles");
        Api admin = api().as(owner.token());
        Map<String, Object> valid = body(
                "name",
                "Clinician",
                "description",
                "Sees clients",
                "features",
                Map.of("clients.create", true),
                "requiresSupervision",
                false,
                "canSupervise",
                true,
                "billingModifier",
                "HO");
        List<Shape> shapes = List.of(
                new Shape("name", "12345"),
                new Shape("name", "true"),
                new Shape("name", "1.5"),
                new Shape("description", "42"),
                new Shape("requiresSupervision", "\"true\""),
                new Shape("requiresSupervision", "1"),
                new Shape("canSupervise", "\"false\""),
                new Shape("canSupervise", "0"),
                new Shape("features", "{\"clients.create\": \"true\"}", "features.clients.create"),
                new Shape("features", "{\"clients.create\": 1}", "features.clients.create"),
                new Shape("billingModifier", "0"),
                new Shape("billingModifier", "\"0\""),
                new Shape("billingModifier", "\"XX\""),
                new Shape("billingModifier", "true"));
        refusesEach(admin, "POST", "/api/v1/roles", valid, shapes);
        String roleId = admin.post("/api/v1/roles", valid).expect(201).field("id");
        refusesEach(admin, "PUT", "/api/v1/roles/" + roleId, valid, shapes);
        admin.put("/api/v1/roles/" + roleId, valid).expect(200);
    }

    @Test
    void invitations() throws Exception {
        Fixtures.Member owner = fixtures().signup("Strict Invitations");
        Api admin = api().as(owner.token());
        Map<String, Object> valid = body(
                "fullName",
                "Ivy Invited",
                "email",
                Fixtures.uniqueEmail("ivy"),
                "roleId",
                fixtures().roleId(owner, "Intern"),
                "admin",
                false);
        refusesEach(
                admin,
                "POST",
                "/api/v1/invitations",
                valid,
                List.of(
                        new Shape("fullName", "12345"),
                        new Shape("fullName", "false"),
                        new Shape("email", "42"),
                        new Shape("roleId", "7"),
                        new Shape("admin", "\"true\""),
                        new Shape("admin", "1")));
        admin.post("/api/v1/invitations", valid).expect(201);
    }

    @Test
    void clients() throws Exception {
        Fixtures.Member owner = fixtures().signup("Strict Clients");
        Api admin = api().as(owner.token());
        Map<String, Object> valid = body(
                "fullName", "Casey Client",
                "dateOfBirth", "1990-04-01",
                "email", "casey@example.test",
                "phone", "5551234567",
                "kind", "PRACTICE",
                "therapistId", owner.memberId());
        refusesEach(
                admin,
                "POST",
                "/api/v1/clients",
                valid,
                List.of(
                        new Shape("fullName", "12345"),
                        new Shape("fullName", "true"),
                        new Shape("phone", "5551234567"),
                        new Shape("email", "1"),
                        new Shape("dateOfBirth", "19900401"),
                        new Shape("dateOfBirth", "7395"),
                        new Shape("kind", "1"),
                        new Shape("kind", "\"1\""),
                        new Shape("kind", "\"SOMETIMES\"")));
        String clientId = admin.post("/api/v1/clients", valid).expect(201).field("id");

        Map<String, Object> changes = body("fullName", "Casey Renamed", "phone", "5550000000", "status", "ACTIVE");
        refusesEach(
                admin,
                "PATCH",
                "/api/v1/clients/" + clientId,
                changes,
                List.of(
                        new Shape("fullName", "99"),
                        new Shape("phone", "5550000000"),
                        new Shape("status", "2"),
                        new Shape("status", "\"ARCHIVED\""),
                        new Shape("status", "false")));
        admin.patch("/api/v1/clients/" + clientId, changes).expect(200);

        Map<String, Object> risk = body("level", "LOW", "note", "Stable");
        refusesEach(
                admin,
                "PUT",
                "/api/v1/clients/" + clientId + "/risk",
                risk,
                List.of(
                        new Shape("level", "1"),
                        new Shape("level", "\"EXTREME\""),
                        new Shape("note", "true"),
                        new Shape("note", "3.14")));
        admin.put("/api/v1/clients/" + clientId + "/risk", risk).expect(200);
    }

    @Test
    void sessions() throws Exception {
        Fixtures.Member owner = fixtures().signup("Strict Sessions");
        Api admin = api().as(owner.token());
        String clientId = admin.post(
                        "/api/v1/clients",
                        Map.of(
                                "fullName",
                                "Sam Session",
                                "dateOfBirth",
                                "1985-01-01",
                                "kind",
                                "PRACTICE",
                                "therapistId",
                                owner.memberId()))
                .expect(201)
                .field("id");
        Map<String, Object> valid = body(
                "clientId",
                clientId,
                "therapistId",
                owner.memberId(),
                "startsAt",
                "2026-01-15T15:00:00Z",
                "durationMinutes",
                50,
                "serviceCode",
                "90834",
                "chargeCents",
                15000);
        refusesEach(
                admin,
                "POST",
                "/api/v1/sessions",
                valid,
                List.of(
                        new Shape("durationMinutes", "\"50\""),
                        new Shape("durationMinutes", "50.5"),
                        new Shape("durationMinutes", "50.0"),
                        new Shape("durationMinutes", "true"),
                        new Shape("chargeCents", "\"15000\""),
                        new Shape("chargeCents", "150.75"),
                        new Shape("serviceCode", "90834"),
                        new Shape("startsAt", "1768489200"),
                        new Shape("startsAt", "1768489200.5"),
                        new Shape("clientId", "12")));
        admin.post("/api/v1/sessions", valid).expect(201);
    }

    @Test
    void practiceSettings() throws Exception {
        Fixtures.Member owner = fixtures().signup("Strict Practice");
        Api admin = api().as(owner.token());
        Map<String, Object> valid =
                body("name", "Strict Practice Renamed", "supervisionEnabled", true, "mfaRequired", "NONE");
        refusesEach(
                admin,
                "PATCH",
                "/api/v1/practice",
                valid,
                List.of(
                        new Shape("name", "12345"),
                        new Shape("name", "true"),
                        new Shape("supervisionEnabled", "\"true\""),
                        new Shape("supervisionEnabled", "1"),
                        new Shape("supervisionEnabled", "\"yes\""),
                        new Shape("mfaRequired", "0"),
                        new Shape("mfaRequired", "\"SOMETIMES\"")));
        admin.patch("/api/v1/practice", valid).expect(200);
    }

    @Test
    void signUp() throws Exception {
        Api anonymous = api().from("192.0.2.91");
        Map<String, Object> valid = body(
                "practiceName",
                "Strict Signup",
                "fullName",
                "Sid Signup",
                "email",
                Fixtures.uniqueEmail("sid"),
                "password",
                Fixtures.PASSWORD);
        refusesEach(
                anonymous,
                "POST",
                "/api/v1/signup",
                valid,
                List.of(
                        new Shape("practiceName", "12345"),
                        new Shape("practiceName", "true"),
                        new Shape("fullName", "false"),
                        new Shape("email", "42"),
                        new Shape("password", "123456789012345"),
                        new Shape("password", "1.23456789012345")));
        anonymous.post("/api/v1/signup", valid).expect(201);
    }

    @Test
    void teamMembers() throws Exception {
        Fixtures.Member owner = fixtures().signup("Strict Team");
        Fixtures.Member tom = fixtures().join(owner, "Tom Typed", "Associate");
        Api admin = api().as(owner.token());
        String base = "/api/v1/therapists/" + tom.memberId();
        refusesEach(
                admin,
                "PUT",
                base + "/status",
                body("status", "ON_HOLD"),
                List.of(new Shape("status", "1"), new Shape("status", "\"1\"")));
        refusesEach(
                admin,
                "PUT",
                base + "/admin",
                body("admin", true),
                List.of(new Shape("admin", "\"true\""), new Shape("admin", "1")));
    }

    @Test
    void nullForAPrimitiveIsRefusedByTheApplicationsMapper() {
        record Counted(int count, boolean flag) {}
        assertThatThrownBy(() -> mapper.readValue("{\"count\": null, \"flag\": true}", Counted.class))
                .isInstanceOf(MismatchedInputException.class);
        assertThatThrownBy(() -> mapper.readValue("{\"count\": 1, \"flag\": null}", Counted.class))
                .isInstanceOf(MismatchedInputException.class);
        assertThat(mapper.readValue("{\"count\": 1, \"flag\": true}", Counted.class))
                .isEqualTo(new Counted(1, true));
    }

    @Test
    void theRefusalSaysWhatTheFieldTakes() throws Exception {
        Fixtures.Member owner = fixtures().signup("Strict Wording");
        Api admin = api().as(owner.token());
        assertThat(error(admin.sendRaw("POST", "/api/v1/roles", "{\"name\": 12345}", "application/json"))
                        .path("message")
                        .asString())
                .isEqualTo("must be a string");
        assertThat(error(admin.sendRaw(
                                "POST",
                                "/api/v1/roles",
                                "{\"name\": \"X\", \"canSupervise\": \"true\"}",
                                "application/json"))
                        .path("message")
                        .asString())
                .isEqualTo("must be true or false");
        assertThat(error(admin.sendRaw(
                                "POST",
                                "/api/v1/roles",
                                "{\"name\": \"X\", \"billingModifier\": \"XX\"}",
                                "application/json"))
                        .path("message")
                        .asString())
                .isEqualTo("must be one of HO, HN, HP, HL, HM, AH, AJ");
    }

    private static JsonNode error(Api.Response answer) {
        answer.expect(400);
        return answer.json().path("errors").get(0);
    }

    /**
     * Sends the valid body with each shape in turn; each must be a 400 problem naming the field,
     * and the database must be exactly as before all of them.
     */
    private void refusesEach(Api api, String method, String path, Map<String, Object> valid, List<Shape> shapes)
            throws InterruptedException {
        awaitOutboxDrained();
        Map<String, String> before = DatabaseDigest.of(jdbc);
        List<String> wrong = new ArrayList<>();
        for (Shape shape : shapes) {
            ObjectNode body = Api.JSON.valueToTree(valid);
            body.set(shape.field(), Api.JSON.readTree(shape.value()));
            String sent = Api.JSON.writeValueAsString(body);
            Api.Response answer = api.sendRaw(method, path, sent, "application/json");
            JsonNode errors = answer.json().path("errors");
            boolean named =
                    errors.size() == 1 && errors.get(0).path("field").asString().equals(shape.named());
            if (answer.status() != 400 || !answer.contentType().startsWith("application/problem+json") || !named) {
                wrong.add(method + " " + path + " " + sent + " -> " + answer.status() + " " + answer.body());
            }
        }
        assertThat(wrong)
                .as("wrong-typed bodies that were not refused with the field named")
                .isEmpty();
        awaitOutboxDrained();
        assertThat(DatabaseDigest.of(jdbc)).as("database after the refusals").isEqualTo(before);
    }

    private static Map<String, Object> body(Object... pairs) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            body.put((String) pairs[i], pairs[i + 1]);
        }
        return body;
    }

    private void awaitOutboxDrained() throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            Integer pending = jdbc.sql("select count(*) from mail_outbox where sent_at is null")
                    .query(Integer.class)
                    .single();
            if (pending == 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("The mail outbox did not drain");
    }
}
