package app.caseload.fhir;

import app.caseload.support.Api;
import app.caseload.support.Fixtures;
import app.caseload.support.Fixtures.Member;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small practice built through the JSON API, holding one of everything the FHIR API maps: an
 * admin, a therapist, a supervisor and a supervised Associate (supervision on); a direct client with
 * email and phone, a practice client of the Associate that the therapist sees as a walk-in; and
 * sessions in every status (completed with a signed note, scheduled, cancelled, no-show).
 */
final class FhirPractice {

    private static final AtomicLong SLOT = new AtomicLong();
    private static final Instant PAST =
            Instant.now().truncatedTo(ChronoUnit.HOURS).minus(1500, ChronoUnit.DAYS);

    final Api api;
    final Member admin;
    final Member therapist;
    final Member supervisor;
    final Member associate;
    final String direct;
    final String practiceClient;
    final Map<String, String> sessions = new HashMap<>();

    FhirPractice(Api api, Fixtures fixtures, String name) {
        this.api = api;
        admin = fixtures.signup(name);
        therapist = fixtures.join(admin, "Theo Therapist", "Licensed Therapist");
        supervisor = fixtures.join(admin, "Sam Supervisor", "Supervisor");
        associate = fixtures.join(admin, "Eve Associate", "Associate");
        api.as(admin.token())
                .patch("/api/v1/practice", Map.of("supervisionEnabled", true))
                .expect(200);
        api.as(admin.token())
                .post(
                        "/api/v1/therapists/" + associate.memberId() + "/supervisors",
                        Map.of("supervisorId", supervisor.memberId()))
                .expect(201);
        direct = client("Ada Lovelace", "1985-12-10", "DIRECT", therapist, "ada@example.test", "+1 555 0100");
        practiceClient = client("Bob Practice", "1990-04-01", "PRACTICE", associate, null, null);
        String completed = session(direct, therapist, pastSlot());
        post("/api/v1/sessions/" + completed + "/complete");
        api.as(therapist.token())
                .put("/api/v1/sessions/" + completed + "/note", Map.of("text", "Progress noted."))
                .expect(200);
        post("/api/v1/sessions/" + completed + "/note/sign");
        sessions.put("COMPLETED", completed);
        sessions.put("SCHEDULED", session(direct, therapist, futureSlot()));
        String cancelled = session(practiceClient, associate, pastSlot());
        post("/api/v1/sessions/" + cancelled + "/cancel");
        sessions.put("CANCELLED", cancelled);
        String noShow = session(direct, therapist, pastSlot());
        post("/api/v1/sessions/" + noShow + "/no-show");
        sessions.put("NO_SHOW", noShow);
        // The therapist sees the Associate's practice client through this walk-in session.
        String walkIn = session(practiceClient, therapist, pastSlot());
        post("/api/v1/sessions/" + walkIn + "/complete");
        sessions.put("WALK_IN", walkIn);
    }

    String client(String name, String birthDate, String kind, Member therapist, String email, String phone) {
        Map<String, Object> body = new HashMap<>(
                Map.of("fullName", name, "dateOfBirth", birthDate, "kind", kind, "therapistId", therapist.memberId()));
        if (email != null) body.put("email", email);
        if (phone != null) body.put("phone", phone);
        return api.as(admin.token()).post("/api/v1/clients", body).expect(201).field("id");
    }

    String session(String client, Member therapist, Instant startsAt) {
        return api.as(admin.token())
                .post(
                        "/api/v1/sessions",
                        Map.of(
                                "clientId",
                                client,
                                "therapistId",
                                therapist.memberId(),
                                "startsAt",
                                startsAt.toString(),
                                "durationMinutes",
                                50,
                                "serviceCode",
                                "90834"))
                .expect(201)
                .field("id");
    }

    private void post(String path) {
        // The therapist signs their own note; everything else the admin does.
        Member as = path.endsWith("/note/sign") ? therapist : admin;
        api.as(as.token()).post(path, null).expect(200);
    }

    static Instant pastSlot() {
        return PAST.plus(2 * SLOT.incrementAndGet(), ChronoUnit.HOURS);
    }

    static Instant futureSlot() {
        return Instant.now()
                .truncatedTo(ChronoUnit.HOURS)
                .plus(40, ChronoUnit.DAYS)
                .plus(2 * SLOT.incrementAndGet(), ChronoUnit.HOURS);
    }
}
