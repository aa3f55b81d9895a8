package app.caseload.clinical;

import static org.assertj.core.api.Assertions.assertThat;

import app.caseload.support.Api;
import app.caseload.support.Fixtures.Member;
import app.caseload.support.IntegrationTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Rules that must hold when requests race each other. */
class ClinicalConcurrencyTest extends IntegrationTest {

    @Test
    void overlappingSessionsRequestedAtOnceBookTheTherapistExactlyOnce() throws Exception {
        Member owner = fixtures().signup("Double Booking");
        Member tom = fixtures().join(owner, "Tom Therapist", "Licensed Therapist");
        Clinic clinic = new Clinic(api());
        List<String> clients = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            clients.add(clinic.client(owner, "Client " + i, "PRACTICE", tom));
        }
        Instant start = Clinic.futureSlot();

        List<Integer> statuses = race(clients.stream()
                .map(client -> (Callable<Integer>)
                        () -> clinic.schedule(owner, client, tom, start.plusSeconds(60L * clients.indexOf(client)))
                                .status())
                .toList());

        assertThat(statuses).containsOnly(201, 409);
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        Integer booked = jdbc.sql("select count(*) from session where therapist_id = ? and status <> 'CANCELLED'")
                .param(UUID.fromString(tom.memberId()))
                .query(Integer.class)
                .single();
        assertThat(booked).isEqualTo(1);
        // A back-to-back session is not an overlap.
        Instant end = jdbc.sql("select ends_at from session where therapist_id = ?")
                .param(UUID.fromString(tom.memberId()))
                .query(java.sql.Timestamp.class)
                .single()
                .toInstant();
        clinic.session(owner, clients.get(0), tom, end);
    }

    @Test
    void removalWithReassignmentRacingNewClientsAndSessionsNeverLosesAClient() throws Exception {
        Member owner = fixtures().signup("Racing Removal");
        Member tom = fixtures().join(owner, "Tom Therapist", "Licensed Therapist");
        Member lea = fixtures().join(owner, "Lea Licensed", "Licensed Therapist");
        Clinic clinic = new Clinic(api());
        String existing = clinic.client(owner, "Early Client", "DIRECT", tom);
        clinic.session(owner, existing, tom, Clinic.futureSlot());
        Api admin = api().as(owner.token());

        List<Callable<Integer>> work = new ArrayList<>();
        work.add(() -> admin.delete("/api/v1/therapists/" + tom.memberId() + "?reassignTo=" + lea.memberId())
                .status());
        work.add(() -> admin.delete("/api/v1/therapists/" + tom.memberId() + "?reassignTo=" + lea.memberId())
                .status());
        for (int i = 0; i < 10; i++) {
            int n = i;
            work.add(() -> admin.post(
                            "/api/v1/clients",
                            Map.of(
                                    "fullName",
                                    "Racing " + n,
                                    "dateOfBirth",
                                    "1991-01-01",
                                    "kind",
                                    n % 2 == 0 ? "DIRECT" : "PRACTICE",
                                    "therapistId",
                                    tom.memberId()))
                    .status());
            work.add(() ->
                    clinic.schedule(owner, existing, tom, Clinic.futureSlot()).status());
        }
        List<Integer> statuses = race(work);

        assertThat(statuses.subList(0, 2)).containsExactlyInAnyOrder(204, 404);
        assertThat(statuses).doesNotContain(500);
        UUID practice = UUID.fromString(owner.practiceId());
        UUID removed = UUID.fromString(tom.memberId());
        long created = statuses.subList(2, statuses.size()).stream()
                .filter(s -> s == 201)
                .count();
        Integer orphaned = jdbc.sql("select count(*) from client where practice_id = ? and therapist_id = ?")
                .params(practice, removed)
                .query(Integer.class)
                .single();
        Integer futureOrphans =
                jdbc.sql("""
                select count(*) from session where practice_id = ? and therapist_id = ?
                and status = 'SCHEDULED' and starts_at > now()""").params(practice, removed).query(Integer.class).single();
        Integer clients = jdbc.sql("select count(*) from client where practice_id = ?")
                .param(practice)
                .query(Integer.class)
                .single();
        Integer sessions = jdbc.sql("select count(*) from session where practice_id = ?")
                .param(practice)
                .query(Integer.class)
                .single();
        assertThat(orphaned).isZero();
        assertThat(futureOrphans).isZero();
        assertThat(clients + sessions)
                .as("every 201 left a row; nothing vanished")
                .isEqualTo(2 + created);
        assertThat(api().as(lea.token())
                        .get("/api/v1/clients/" + existing)
                        .expect(200)
                        .field("therapistId"))
                .isEqualTo(lea.memberId());
    }

    private static List<Integer> race(List<Callable<Integer>> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(work.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> futures = new ArrayList<>();
            for (Callable<Integer> task : work) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<Integer> results = new ArrayList<>();
            for (Future<Integer> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
