package app.caseload.mail;

import app.caseload.shared.PracticeId;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Queues a mail in the caller's transaction: it is sent if and only if that transaction commits. */
@Service
public class Outbox {

    private final JdbcClient jdbc;

    Outbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public UUID enqueue(PracticeId practice, String recipient, String subject, String text) {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into mail_outbox (practice_id, id, recipient, subject, body_text) values (?, ?, ?, ?, ?)")
                .params(practice.value(), id, recipient, subject, text)
                .update();
        return id;
    }
}
