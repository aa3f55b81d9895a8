package app.caseload.mail;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The outbox for operators (no recipients, no subjects): {@code caseload.mail.outbox.pending}, mails
 * waiting to be delivered (given-up mails excluded), and {@code caseload.mail.outbox.oldest.age},
 * how long the oldest of them has waited (0 when none), across all nodes since the outbox is shared.
 * One query serves both and is reused for a few seconds; while the database is away both read NaN.
 */
@Component
class OutboxMetrics implements MeterBinder {

    private static final Duration REUSE = Duration.ofSeconds(5);

    private final JdbcClient jdbc;
    private final MailProperties properties;
    private final Clock clock;
    private volatile Snapshot last = new Snapshot(Instant.MIN, Double.NaN, Double.NaN);

    OutboxMetrics(JdbcClient jdbc, MailProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    record Snapshot(Instant at, double pending, double oldestSeconds) {}

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("caseload.mail.outbox.pending", this, m -> m.snapshot().pending())
                .description("Mails in the outbox waiting to be delivered")
                .baseUnit("mails")
                .register(registry);
        TimeGauge.builder(
                        "caseload.mail.outbox.oldest.age",
                        this,
                        TimeUnit.SECONDS,
                        m -> m.snapshot().oldestSeconds())
                .description("How long the oldest mail waiting in the outbox has waited")
                .register(registry);
    }

    Snapshot snapshot() {
        Snapshot current = last;
        Instant now = clock.instant();
        if (current.at().plus(REUSE).isAfter(now)) {
            return current;
        }
        Snapshot fresh;
        try {
            fresh = jdbc.sql("""
                    select count(*), min(created_at) from mail_outbox
                    where sent_at is null and attempts < ?""")
                    .param(properties.maxAttempts())
                    .query((rs, n) -> {
                        Timestamp oldest = rs.getTimestamp(2);
                        double age = oldest == null
                                ? 0
                                : Math.max(
                                        0,
                                        Duration.between(oldest.toInstant(), now)
                                                        .toMillis()
                                                / 1000.0);
                        return new Snapshot(now, rs.getLong(1), age);
                    })
                    .single();
        } catch (RuntimeException e) {
            fresh = new Snapshot(now, Double.NaN, Double.NaN); // the database is away: unknown
        }
        last = fresh;
        return fresh;
    }
}
