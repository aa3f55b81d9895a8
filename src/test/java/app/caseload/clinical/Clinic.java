package app.caseload.clinical;

import app.caseload.support.Api;
import app.caseload.support.Fixtures.Member;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/** Clinical steps through the API, as an outside client takes them. */
final class Clinic {

    /** Session slots never overlap across tests: each call takes the next two-hour slot. */
    private static final AtomicLong SLOT = new AtomicLong();

    private static final Instant BASE =
            Instant.now().truncatedTo(ChronoUnit.HOURS).minus(3000, ChronoUnit.DAYS);

    private final Api api;

    Clinic(Api api) {
        this.api = api;
    }

    String base() {
        return api.base();
    }

    static Instant pastSlot() {
        return BASE.plus(2 * SLOT.incrementAndGet(), ChronoUnit.HOURS);
    }

    static Instant futureSlot() {
        return Instant.now()
                .truncatedTo(ChronoUnit.HOURS)
                .plus(30, ChronoUnit.DAYS)
                .plus(2 * SLOT.incrementAndGet(), ChronoUnit.HOURS);
    }

    String client(Member by, String fullName, String kind, Member therapist) {
        return clientFor(by, fullName, kind, therapist.memberId());
    }

    String clientFor(Member by, String fullName, String kind, String therapistId) {
        return api.as(by.token())
                .post(
                        "/api/v1/clients",
                        Map.of(
                                "fullName", fullName,
                                "dateOfBirth", "1990-04-01",
                                "kind", kind,
                                "therapistId", therapistId))
                .expect(201)
                .field("id");
    }

    Api.Response schedule(Member by, String clientId, Member therapist, Instant startsAt) {
        return api.as(by.token())
                .post(
                        "/api/v1/sessions",
                        Map.of(
                                "clientId",
                                clientId,
                                "therapistId",
                                therapist.memberId(),
                                "startsAt",
                                startsAt.toString(),
                                "durationMinutes",
                                50,
                                "serviceCode",
                                "90834"));
    }

    String session(Member by, String clientId, Member therapist, Instant startsAt) {
        return schedule(by, clientId, therapist, startsAt).expect(201).field("id");
    }

    /** A past session, completed by {@code by}, with no note yet (a pending note). */
    String completedSession(Member by, String clientId, Member therapist) {
        String id = session(by, clientId, therapist, pastSlot());
        api.as(by.token()).post("/api/v1/sessions/" + id + "/complete", null).expect(200);
        return id;
    }

    /** A past session, completed, with a note written and signed by its therapist. */
    JsonNode signedSession(Member by, String clientId, Member therapist) {
        String id = completedSession(by, clientId, therapist);
        api.as(therapist.token())
                .put("/api/v1/sessions/" + id + "/note", Map.of("text", "Progress noted."))
                .expect(200);
        return api.as(therapist.token())
                .post("/api/v1/sessions/" + id + "/note/sign", null)
                .expect(200)
                .json();
    }

    String cancelledSession(Member by, String clientId, Member therapist) {
        String id = session(by, clientId, therapist, pastSlot());
        api.as(by.token()).post("/api/v1/sessions/" + id + "/cancel", null).expect(200);
        return id;
    }

    void enableSupervision(Member admin) {
        api.as(admin.token())
                .patch("/api/v1/practice", Map.of("supervisionEnabled", true))
                .expect(200);
    }

    void supervise(Member admin, Member supervisor, Member supervisee) {
        api.as(admin.token())
                .post(
                        "/api/v1/therapists/" + supervisee.memberId() + "/supervisors",
                        Map.of("supervisorId", supervisor.memberId()))
                .expect(201);
    }

    void status(Member admin, Member member, String status) {
        api.as(admin.token())
                .put("/api/v1/therapists/" + member.memberId() + "/status", Map.of("status", status))
                .expect(200);
    }
}
