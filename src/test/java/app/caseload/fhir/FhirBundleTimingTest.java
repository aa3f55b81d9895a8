package app.caseload.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import app.caseload.support.Api;
import app.caseload.support.Fixtures.Member;
import app.caseload.support.IntegrationTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A timing harness, not a timed assertion (opt-in, not part of {@code verify}): a 50-resource FHIR
 * Patient search bundle against the JSON API's 50-client list, the same clients, over HTTP with
 * authentication, alternating the two so both see the same load. Figures go to
 * docs/performance.md; run with
 *
 * <pre>./mvnw -B test -Dtest=FhirBundleTimingTest -Dcaseload.bench.fhir=true</pre>
 */
@EnabledIfSystemProperty(named = "caseload.bench.fhir", matches = "true")
class FhirBundleTimingTest extends IntegrationTest {

    private static final int WARM_UP = 300;

    @org.springframework.beans.factory.annotation.Autowired
    ca.uhn.fhir.context.FhirContext fhir;

    private static final int ROUNDS = 1000;

    @Test
    void fiftyPatientBundleAgainstTheFiftyClientList() {
        Member admin = fixtures().signup("Bundle Timing");
        Member therapist = fixtures().join(admin, "Theo Therapist", "Licensed Therapist");
        // 2,000 clients with email and phone, half of them the therapist's, 3 sessions each for the
        // JSON list's per-client numbers.
        jdbc.sql("""
                insert into client (practice_id, id, full_name, date_of_birth, email, phone, kind, therapist_id,
                                    status, risk_level, created_at, created_by)
                select cast(:practice as uuid), gen_random_uuid(), 'Client ' || lpad(g::text, 5, '0'),
                       date '1950-01-01' + g, 'client' || g || '@example.test', '+1 555 ' || lpad(g::text, 4, '0'),
                       case when g % 2 = 0 then 'PRACTICE' else 'DIRECT' end,
                       case when g % 2 = 0 then cast(:therapist as uuid) else cast(:admin as uuid) end,
                       'ACTIVE', 'NONE', now(), cast(:admin as uuid)
                from generate_series(1, 2000) g""")
                .param("practice", admin.practiceId())
                .param("therapist", therapist.memberId())
                .param("admin", admin.memberId())
                .update();
        jdbc.sql("""
                insert into session (practice_id, id, client_id, therapist_id, starts_at, ends_at, duration_minutes,
                                     service_code, charge_cents, status, note_status, scheduled_by)
                select c.practice_id, gen_random_uuid(), c.id, c.therapist_id,
                       timestamptz '2020-01-01' + (row_number() over (partition by c.therapist_id order by c.id) * 3 + k)
                                                  * interval '1 hour',
                       timestamptz '2020-01-01' + (row_number() over (partition by c.therapist_id order by c.id) * 3 + k)
                                                  * interval '1 hour' + interval '50 minutes',
                       50, '90834', 13000, 'COMPLETED', 'SIGNED', c.therapist_id
                from client c cross join generate_series(0, 2) k
                where c.practice_id = cast(:practice as uuid)""").param("practice", admin.practiceId()).update();
        jdbc.sql("analyze").update();

        StringBuilder report = new StringBuilder();
        for (Member who : List.of(admin, therapist)) {
            Api as = api().as(who.token());
            assertThat(as.get("/fhir/r4/Patient?_count=50")
                            .expect(200)
                            .json()
                            .path("entry")
                            .size())
                    .isEqualTo(50);
            assertThat(as.get("/api/v1/clients?limit=50")
                            .expect(200)
                            .json()
                            .path("items")
                            .size())
                    .isEqualTo(50);
            for (int i = 0; i < WARM_UP; i++) {
                as.get("/fhir/r4/Patient?_count=50").expect(200);
                as.get("/api/v1/clients?limit=50").expect(200);
            }
            long[] fhir = new long[ROUNDS];
            long[] json = new long[ROUNDS];
            for (int i = 0; i < ROUNDS; i++) {
                long start = System.nanoTime();
                as.get("/fhir/r4/Patient?_count=50").expect(200);
                fhir[i] = System.nanoTime() - start;
                start = System.nanoTime();
                as.get("/api/v1/clients?limit=50").expect(200);
                json[i] = System.nanoTime() - start;
            }
            int fhirBytes = as.get("/fhir/r4/Patient?_count=50").body().length();
            int jsonBytes = as.get("/api/v1/clients?limit=50").body().length();
            String caller = who == admin ? "admin (whole practice)" : "therapist (own 1,000 via the relation)";
            report.append(line(caller, "FHIR Patient?_count=50", fhir, fhirBytes))
                    .append(line(caller, "JSON /clients?limit=50", json, jsonBytes))
                    .append(String.format("%s: FHIR/JSON median ratio %.2f%n", caller, median(fhir) / median(json)));
        }
        // HAPI's share: serialising the same 50-entry Bundle in-process with the application's context.
        org.hl7.fhir.r4.model.Bundle bundle = fhir.newJsonParser()
                .parseResource(
                        org.hl7.fhir.r4.model.Bundle.class,
                        api().as(admin.token())
                                .get("/fhir/r4/Patient?_count=50")
                                .body());
        long[] encode = new long[ROUNDS];
        for (int i = 0; i < WARM_UP + ROUNDS; i++) {
            long start = System.nanoTime();
            fhir.newJsonParser().encodeResourceToString(bundle);
            if (i >= WARM_UP) encode[i - WARM_UP] = System.nanoTime() - start;
        }
        report.append(String.format(
                "HAPI encode of the 50-entry Bundle in-process: median %.3f ms, p90 %.3f ms%n",
                median(encode), percentile(encode, 0.9)));
        System.out.print(
                "FHIR bundle timing (" + ROUNDS + " alternating rounds after " + WARM_UP + " warm-up):\n" + report);
    }

    private static String line(String caller, String what, long[] nanos, int bytes) {
        return String.format(
                "%s, %s: median %.2f ms, p90 %.2f ms, mean %.2f ms, %d bytes%n",
                caller, what, median(nanos), percentile(nanos, 0.9), mean(nanos), bytes);
    }

    private static double median(long[] nanos) {
        return percentile(nanos, 0.5);
    }

    private static double percentile(long[] nanos, double p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.round(p * (sorted.length - 1)))] / 1e6;
    }

    private static double mean(long[] nanos) {
        List<Long> all = new ArrayList<>();
        for (long n : nanos) all.add(n);
        return all.stream().mapToLong(Long::longValue).average().orElse(0) / 1e6;
    }
}
