package app.caseload.mail;

import static org.assertj.core.api.Assertions.assertThat;

import app.caseload.support.Fixtures;
import app.caseload.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class OutboxDeliveryTest extends IntegrationTest {

    @Autowired
    OutboxSender sender;

    @Test
    void deliversAfterTheSmtpServerWasDownForAWhile() throws Exception {
        Fixtures.Member owner = fixtures().signup("Outage");
        String email = Fixtures.uniqueEmail("patient");
        stopMail();
        try {
            api().as(owner.token())
                    .post(
                            "/api/v1/invitations",
                            java.util.Map.of(
                                    "fullName",
                                    "Pat Ient",
                                    "email",
                                    email,
                                    "roleId",
                                    fixtures().roleId(owner, "Intern")))
                    .expect(201);
            awaitUntil(() -> jdbc.sql("select attempts from mail_outbox where recipient = ?")
                            .param(email)
                            .query(Integer.class)
                            .single()
                    >= 2);
            var row = jdbc.sql("select sent_at is null as unsent, last_error from mail_outbox where recipient = ?")
                    .param(email)
                    .query((rs, n) -> List.of(rs.getBoolean("unsent"), String.valueOf(rs.getString("last_error"))))
                    .single();
            assertThat(row.get(0)).isEqualTo(true);
            assertThat((String) row.get(1)).isNotEqualTo("null");
        } finally {
            restartMail();
        }
        // Once the server is back, the retry delivers it, exactly once.
        jdbc.sql("update mail_outbox set next_attempt_at = now() where recipient = ? and sent_at is null")
                .param(email)
                .update();
        String token = fixtures().invitationToken(email);
        assertThat(token).isNotBlank();
        awaitUntil(() -> jdbc.sql("select sent_at is not null from mail_outbox where recipient = ?")
                .param(email)
                .query(Boolean.class)
                .single());
        Thread.sleep(1000);
        assertThat(fixtures().mailCount(email)).isEqualTo(1);
        assertThat(jdbc.sql("select body_text from mail_outbox where recipient = ?")
                        .param(email)
                        .query(String.class)
                        .single())
                .as("the delivered body, which held the link, is not kept")
                .isEmpty();
    }

    @Test
    void concurrentSendersNeverClaimTheSameMail() throws Exception {
        Fixtures.Member owner = fixtures().signup("Many nodes");
        String marker = "claim-test-" + UUID.randomUUID();
        // Not yet due, so the app's own scheduled sender leaves them alone until the test makes them due.
        for (int i = 0; i < 60; i++) {
            jdbc.sql("""
                    insert into mail_outbox (practice_id, id, recipient, subject, body_text, next_attempt_at)
                    values (?::uuid, ?, ?, ?, 'body', now() + interval '1 hour')""")
                    .params(owner.practiceId(), UUID.randomUUID(), i + "@" + marker, marker)
                    .update();
        }
        jdbc.sql("update mail_outbox set next_attempt_at = now() where subject = ?")
                .param(marker)
                .update();
        var pool = Executors.newFixedThreadPool(3);
        List<Callable<List<UUID>>> nodes = new ArrayList<>();
        for (int node = 0; node < 3; node++) {
            nodes.add(() -> {
                List<UUID> claimed = new ArrayList<>();
                for (int round = 0; round < 5; round++) {
                    sender.claim().stream()
                            .filter(c -> c.subject().equals(marker))
                            .forEach(c -> claimed.add(c.id()));
                }
                return claimed;
            });
        }
        Set<UUID> seen = new HashSet<>();
        int total = 0;
        for (var result : pool.invokeAll(nodes)) {
            for (UUID id : result.get()) {
                total++;
                seen.add(id);
            }
        }
        pool.shutdown();
        // The claimed mails stay leased and unsent; settle them, so that no later test waits for an
        // outbox that cannot drain until the leases run out (HostileRequestsFuzzTest does).
        jdbc.sql("update mail_outbox set sent_at = now(), leased_until = null where subject = ?")
                .param(marker)
                .update();
        assertThat(total).as("no mail was claimed by two senders").isEqualTo(seen.size());
    }

    @Test
    void backoffDoublesUpToAnHour() {
        assertThat(sender.backoff(1)).isEqualTo(Duration.ofMillis(200));
        assertThat(sender.backoff(2)).isEqualTo(Duration.ofMillis(400));
        assertThat(sender.backoff(40)).isEqualTo(Duration.ofHours(1));
    }

    static void awaitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not met within 20 seconds");
            }
            Thread.sleep(100);
        }
    }
}
