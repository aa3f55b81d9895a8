package app.caseload.clinical;

import static org.assertj.core.api.Assertions.assertThat;

import app.caseload.support.Api;
import app.caseload.support.Fixtures.Member;
import app.caseload.support.IntegrationTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /claims/export}: the CSV holds exactly the lines of {@code GET /claims}; the X12 837P
 * file is structurally sound (terminators, envelope and segment counts, one CLM per claim, the
 * modifiers and the providers); both answer only about visible clients and are audited as reads.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClaimsExportTest extends IntegrationTest {

    private static final String PERIOD = "&from=2000-01-01&to=2100-01-01";

    Member admin;
    Member viewer;
    Member tom;
    Member sam;
    String supervised;
    String direct;
    String practiceClient;

    @BeforeAll
    void practice() {
        Clinic clinic = new Clinic(api());
        admin = fixtures().signup("Claims Export");
        sam = fixtures().join(admin, "Sam Super", "Supervisor");
        Member eve = fixtures().join(admin, "Eve Associate", "Associate");
        tom = fixtures().join(admin, "Tom Licensed", "Licensed Therapist");
        viewer = fixtures().join(admin, "Vic Biller", "Licensed Therapist");
        String role = api().as(admin.token())
                .post(
                        "/api/v1/roles",
                        Map.of(
                                "name",
                                "Biller",
                                "features",
                                Map.of("clients.view_practice", true, "billing.view", true, "clients.export", true)))
                .expect(201)
                .field("id");
        api().as(admin.token())
                .put("/api/v1/therapists/" + viewer.memberId() + "/role", Map.of("roleId", role))
                .expect(200);
        clinic.enableSupervision(admin);
        clinic.supervise(admin, sam, eve);

        // A name full of X12 delimiters and a formula: neither may break the files.
        supervised = clinic.client(admin, "=Ann O'Neil*~ISA:^", "PRACTICE", eve);
        for (int i = 0; i < 2; i++) {
            String session =
                    clinic.signedSession(admin, supervised, eve).path("id").asString();
            api().as(sam.token())
                    .post("/api/v1/sessions/" + session + "/note/cosign", null)
                    .expect(200);
        }
        direct = clinic.client(admin, "Dan Direct", "DIRECT", tom);
        clinic.signedSession(admin, direct, tom);
        practiceClient = clinic.client(admin, "Pia Practice", "PRACTICE", tom);
        clinic.signedSession(admin, practiceClient, tom);
        clinic.completedSession(admin, practiceClient, tom); // no final note: no claim
    }

    @Test
    void theCsvHoldsExactlyTheLinesOfTheClaimsList() {
        JsonNode claims = api().as(admin.token())
                .get("/api/v1/claims?limit=500" + PERIOD)
                .expect(200)
                .json()
                .path("items");
        Api.Response csv = api().as(admin.token()).get("/api/v1/claims/export?format=csv" + PERIOD);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");

        List<String> rows = csv.body().lines().toList();
        assertThat(rows.get(0))
                .isEqualTo("sessionId,serviceDate,clientId,serviceCode,modifiers,renderingTherapistId,"
                        + "supervisingTherapistId,chargeCents");
        List<String> expected = new ArrayList<>();
        for (JsonNode c : claims) {
            List<String> modifiers = new ArrayList<>();
            c.path("modifiers").forEach(m -> modifiers.add(m.asString()));
            expected.add(String.join(
                    ",",
                    c.path("sessionId").asString(),
                    c.path("serviceDate").asString(),
                    c.path("clientId").asString(),
                    c.path("serviceCode").asString(),
                    String.join(" ", modifiers),
                    c.path("renderingTherapistId").asString(),
                    c.path("supervisingTherapistId").isNull()
                            ? ""
                            : c.path("supervisingTherapistId").asString(),
                    Long.toString(c.path("chargeCents").asLong())));
        }
        assertThat(rows.subList(1, rows.size())).containsExactlyElementsOf(expected);
        assertThat(expected).hasSize(4);
    }

    @Test
    void the837pIsStructurallySound() {
        Api.Response file = api().as(admin.token()).get("/api/v1/claims/export?format=x12-837p" + PERIOD);
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.contentType()).startsWith("application/edi-x12");
        List<String[]> segments = segments(file.body());

        String[] isa = segments.get(0);
        assertThat(isa[0]).isEqualTo("ISA");
        assertThat(isa).hasSize(17);
        assertThat(isa[12]).isEqualTo("00501").as("version");
        assertThat(isa[13]).hasSize(9);
        assertThat(isa[15]).isEqualTo("T").as("placeholders make a test interchange");
        String[] gs = segments.get(1);
        assertThat(gs[0]).isEqualTo("GS");
        assertThat(gs[8]).isEqualTo("005010X222A1");
        String[] iea = segments.get(segments.size() - 1);
        String[] ge = segments.get(segments.size() - 2);
        String[] se = segments.get(segments.size() - 3);
        assertThat(iea).containsExactly("IEA", "1", isa[13]);
        assertThat(ge).containsExactly("GE", "1", gs[6]);
        String[] st = segments.get(2);
        assertThat(st).containsExactly("ST", "837", st[2], "005010X222A1");
        assertThat(se[0]).isEqualTo("SE");
        assertThat(Integer.parseInt(se[1])).as("SE01 counts ST to SE").isEqualTo(segments.size() - 4);
        assertThat(se[2]).isEqualTo(st[2]);
        assertThat(segments.get(3)[0]).isEqualTo("BHT");

        // The practice as billing provider (2010AA).
        assertThat(find(segments, "NM1", "85")).anySatisfy(s -> assertThat(s[3]).isEqualTo("CLAIMS EXPORT"));

        // One CLM per client, date, rendering and supervising provider; one SV1 per line.
        JsonNode claims = api().as(admin.token())
                .get("/api/v1/claims?limit=500" + PERIOD)
                .expect(200)
                .json()
                .path("items");
        Set<String> expectedClaims = new HashSet<>();
        int supervisedClaims = 0;
        for (JsonNode c : claims) {
            String key = c.path("clientId").asString()
                    + c.path("serviceDate").asString()
                    + c.path("renderingTherapistId").asString()
                    + c.path("supervisingTherapistId");
            if (expectedClaims.add(key) && !c.path("supervisingTherapistId").isNull()) {
                supervisedClaims++;
            }
        }
        List<String[]> clms = find(segments, "CLM", null);
        assertThat(clms).hasSize(expectedClaims.size());
        assertThat(find(segments, "SV1", null)).hasSize(claims.size());
        assertThat(find(segments, "DTP", "472")).hasSize(claims.size());
        assertThat(find(segments, "NM1", "82")).hasSize(expectedClaims.size());
        assertThat(find(segments, "NM1", "DQ")).hasSize(supervisedClaims).isNotEmpty();
        assertThat(find(segments, "HL", null)).hasSize(1 + 3).as("billing provider and one per client");
        for (String[] clm : clms) {
            long lines = 0;
            int at = indexOf(segments, clm);
            long sum = 0;
            for (int i = at + 1;
                    i < segments.size()
                            && !segments.get(i)[0].equals("CLM")
                            && !segments.get(i)[0].equals("HL")
                            && !segments.get(i)[0].equals("SE");
                    i++) {
                if (segments.get(i)[0].equals("SV1")) {
                    lines++;
                    sum += Math.round(Double.parseDouble(segments.get(i)[2]) * 100);
                }
            }
            assertThat(lines).isPositive();
            assertThat(Math.round(Double.parseDouble(clm[2]) * 100))
                    .as("CLM02 is the sum of its lines")
                    .isEqualTo(sum);
        }
        // Modifiers from the renderer's role: HO (Associate, Licensed Therapist).
        assertThat(find(segments, "SV1", null)).allSatisfy(s -> assertThat(s[1]).matches("HC:90834:HO"));
        // The hostile name is reduced to plain text: no segment was split by it.
        assertThat(find(segments, "NM1", "IL"))
                .anySatisfy(s -> assertThat(s[3] + " " + s[4]).contains("NEIL"));
        assertThat(file.body()).doesNotContain("Ann").doesNotContain("=");
    }

    @Test
    void exportsAnswerOnlyAboutVisibleClientsAndAreAudited() {
        Api.Response csv = api().as(viewer.token()).get("/api/v1/claims/export?format=csv" + PERIOD);
        assertThat(csv.status()).isEqualTo(200);
        Set<String> clients = new HashSet<>();
        csv.body().lines().skip(1).forEach(l -> clients.add(l.split(",")[2]));
        assertThat(clients).containsExactlyInAnyOrder(supervised, practiceClient);
        Api.Response x12 = api().as(viewer.token()).get("/api/v1/claims/export?format=x12-837p" + PERIOD);
        assertThat(x12.body()).doesNotContain(direct.toUpperCase()).contains(practiceClient.toUpperCase());

        List<String> actions = new ArrayList<>();
        api().as(admin.token())
                .get("/api/v1/audit?limit=500&actorId=" + viewer.memberId() + "&clientId=" + practiceClient)
                .expect(200)
                .json()
                .path("items")
                .forEach(e -> actions.add(e.path("action").asString()));
        assertThat(actions).contains("claims.export.csv", "claims.export.x12-837p");
        assertThat(api().as(admin.token())
                        .get("/api/v1/audit?limit=500&actorId=" + viewer.memberId() + "&clientId=" + direct)
                        .expect(200)
                        .json()
                        .path("items"))
                .isEmpty();
    }

    @Test
    void refusalsAreProblems() {
        assertThat(api().as(tom.token())
                        .get("/api/v1/claims/export?format=csv" + PERIOD)
                        .status())
                .isEqualTo(403);
        Api.Response unknown = api().as(admin.token()).get("/api/v1/claims/export?format=pdf" + PERIOD);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(api().as(admin.token())
                        .get("/api/v1/claims/export?format=csv&from=2020-01-02&to=2020-01-01")
                        .status())
                .isEqualTo(400);
    }

    // ---- parsing --------------------------------------------------------------------------------------

    /** Splits at the segment terminator; every segment but the last is followed by one. */
    private static List<String[]> segments(String body) {
        String flat = body.replace("\n", "").replace("\r", "");
        assertThat(flat).endsWith("~");
        List<String[]> out = new ArrayList<>();
        for (String segment : flat.substring(0, flat.length() - 1).split("~", -1)) {
            assertThat(segment).isNotEmpty();
            out.add(segment.split("\\*", -1));
        }
        return out;
    }

    private static List<String[]> find(List<String[]> segments, String id, String first) {
        return segments.stream()
                .filter(s -> s[0].equals(id) && (first == null || (s.length > 1 && s[1].equals(first))))
                .toList();
    }

    private static int indexOf(List<String[]> segments, String[] segment) {
        for (int i = 0; i < segments.size(); i++) {
            if (Arrays.equals(segments.get(i), segment)) {
                return i;
            }
        }
        return -1;
    }
}
