package app.caseload.mail;

import app.caseload.shared.Timestamps;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Delivers the outbox. Any number of nodes may run this at once: each claims a batch of due mails
 * with {@code FOR UPDATE SKIP LOCKED} and a lease, so no two nodes send the same mail while the
 * lease holds. A mail is marked sent only after the SMTP server took it; a crash in between means
 * it is sent again once the lease ends (at least once, never lost). Each mail carries a stable
 * Message-ID derived from its outbox id, so a repeat can be recognised by the receiving side.
 */
@Component
class OutboxSender {

    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);
    private static final Duration MAX_BACKOFF = Duration.ofHours(1);

    private final JdbcClient jdbc;
    private final JavaMailSender smtp;
    private final MailProperties properties;
    private final Clock clock;

    OutboxSender(JdbcClient jdbc, JavaMailSender smtp, MailProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.smtp = smtp;
        this.properties = properties;
        this.clock = clock;
    }

    record Claimed(UUID practiceId, UUID id, String recipient, String subject, String body, int attempts) {}

    @Scheduled(
            fixedDelayString = "${caseload.mail.poll-interval:2s}",
            initialDelayString = "${caseload.mail.poll-interval:2s}")
    void deliverDue() {
        List<Claimed> batch;
        try {
            batch = claim();
        } catch (DataAccessResourceFailureException
                | TransientDataAccessResourceException
                | CannotCreateTransactionException e) {
            // The database is away (restarting, unreachable): one line per round, not a stack trace.
            log.warn(
                    "Outbox not polled: the database is unavailable ({})",
                    e.getClass().getSimpleName());
            return;
        }
        for (Claimed mail : batch) {
            deliver(mail);
        }
    }

    /** Claims due mails for this node (one short transaction, auto-committed). */
    List<Claimed> claim() {
        Instant now = clock.instant();
        return jdbc.sql("""
                update mail_outbox o set leased_until = ?, attempts = o.attempts + 1
                from (select practice_id, id from mail_outbox
                      where sent_at is null and next_attempt_at <= ? and attempts < ?
                        and (leased_until is null or leased_until < ?)
                      order by next_attempt_at
                      limit ?
                      for update skip locked) due
                where o.practice_id = due.practice_id and o.id = due.id
                returning o.practice_id, o.id, o.recipient, o.subject, o.body_text, o.attempts""")
                .params(
                        Timestamps.of(now.plus(properties.lease())),
                        Timestamps.of(now),
                        properties.maxAttempts(),
                        Timestamps.of(now),
                        properties.batchSize())
                .query((rs, n) -> new Claimed(
                        rs.getObject("practice_id", UUID.class),
                        rs.getObject("id", UUID.class),
                        rs.getString("recipient"),
                        rs.getString("subject"),
                        rs.getString("body_text"),
                        rs.getInt("attempts")))
                .list();
    }

    private void deliver(Claimed mail) {
        try {
            smtp.send(message(mail));
        } catch (MailException | MessagingException e) {
            Duration backoff = backoff(mail.attempts());
            log.warn(
                    "Mail {} not delivered (attempt {}), retrying in {}: {}",
                    mail.id(),
                    mail.attempts(),
                    backoff,
                    e.toString());
            jdbc.sql("""
                    update mail_outbox set leased_until = null, next_attempt_at = ?, last_error = ?
                    where practice_id = ? and id = ?""")
                    .params(
                            Timestamps.of(clock.instant().plus(backoff)),
                                    e.getClass().getSimpleName(),
                            mail.practiceId(), mail.id())
                    .update();
            return;
        }
        // The outbox is not an archive: once delivered, the body (which may hold a one-time link)
        // is removed; recipient, subject and times stay as the record of what was sent.
        jdbc.sql("""
                update mail_outbox set sent_at = ?, leased_until = null, last_error = null, body_text = ''
                where practice_id = ? and id = ?""")
                .params(Timestamps.of(clock.instant()), mail.practiceId(), mail.id())
                .update();
    }

    private MimeMessage message(Claimed mail) throws MessagingException {
        MimeMessage message = smtp.createMimeMessage();
        // JavaMailSenderImpl keeps an explicit Message-ID through saveChanges().
        message.setHeader("Message-ID", "<" + mail.id() + "@caseload>");
        MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
        helper.setFrom(properties.from());
        helper.setTo(mail.recipient());
        helper.setSubject(mail.subject());
        helper.setText(mail.body(), false);
        return message;
    }

    Duration backoff(int attempts) {
        Duration delay = properties.retryBackoff().multipliedBy(1L << Math.min(attempts - 1, 20));
        return delay.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay;
    }
}
