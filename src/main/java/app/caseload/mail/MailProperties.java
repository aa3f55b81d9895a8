package app.caseload.mail;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code caseload.mail.*}: the sender address, how often the outbox is polled, the first retry
 * delay (doubling up to an hour), how many attempts before a mail is given up, and how long a
 * node may hold a claimed mail before another node may try it.
 */
@ConfigurationProperties("caseload.mail")
public record MailProperties(
        @DefaultValue("Caseload <no-reply@caseload.local>") String from,
        @DefaultValue("2s") Duration pollInterval,
        @DefaultValue("5s") Duration retryBackoff,
        @DefaultValue("20") int maxAttempts,
        @DefaultValue("2m") Duration lease,
        @DefaultValue("20") int batchSize) {}
