package app.caseload.audit;

import java.sql.SQLException;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the month partitions of {@code audit_event} (V40) ahead of the clock: at start-up, before the
 * web server takes requests, and every day at 00:07 UTC it creates this month's partition and the
 * next two months', {@code audit_event_YYYY_MM}, in UTC month boundaries, each with the TRUNCATE guard
 * that PostgreSQL does not copy from the parent, and adds that guard to any partition found without
 * it. It only ever creates: retention (detaching and dropping a month) is the operator's, see
 * docs/security.md.
 *
 * <p>The work is done by V40's {@code audit_event_create_partition} and {@code
 * audit_event_guard_partitions}, SECURITY DEFINER functions, so that an application role that does
 * not own {@code audit_event} (as docs/security.md advises on an external database) can create month
 * partitions and nothing else. Idempotent and safe with several nodes: each month is one short
 * transaction in which the function first takes a transaction-level advisory lock, so nodes take
 * turns and the later one finds the partition there. Creating a partition locks the whole table for a
 * moment (ACCESS EXCLUSIVE); a 5 s {@code lock_timeout} bounds how long audit writes can queue behind
 * it (a long audit export holds the table), and a month not created then is tried again the next
 * day, still two months early.
 *
 * <p>Nothing here stops the application: with the default partition in place a write never lacks a
 * partition. When the default already holds rows of a month (the clock jumped ahead, or the app was
 * down for months), PostgreSQL refuses to create that month's partition (the rows would be in the
 * wrong partition); that is logged as a warning, those rows stay in the default, readable as any
 * other, and docs/security.md says how to move them.
 */
@Component
class AuditPartitions implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AuditPartitions.class);

    /** Months created beyond the current one. */
    static final int MONTHS_AHEAD = 2;

    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyy_MM");

    /** What became of a month's partition. */
    enum Outcome {
        CREATED,
        EXISTED,
        /** The default partition holds rows of the month: left there, logged. */
        DEFAULT_HOLDS_ROWS,
        /** The lock was not had in time, the database was away, or another error: logged. */
        NOT_CREATED
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private volatile boolean running;

    AuditPartitions(JdbcTemplate jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** The partition's table name: {@code audit_event_2026_07}. */
    static String partitionOf(YearMonth month) {
        return "audit_event_" + month.format(SUFFIX);
    }

    /** This month's partition and the next two, daily (and at start-up, see {@link #start}). */
    @Scheduled(cron = "0 7 0 * * *", zone = "UTC")
    void maintain() {
        ensure(YearMonth.now(clock.withZone(ZoneOffset.UTC)), MONTHS_AHEAD);
    }

    /**
     * Makes sure {@code first} and the {@code monthsAhead} months after it have their partitions;
     * answers what became of each. Never throws for a month: failures are logged and reported.
     */
    Map<YearMonth, Outcome> ensure(YearMonth first, int monthsAhead) {
        Map<YearMonth, Outcome> outcomes = new LinkedHashMap<>();
        for (int i = 0; i <= monthsAhead; i++) {
            YearMonth month = first.plusMonths(i);
            outcomes.put(month, ensure(month));
        }
        guardEveryPartitionAgainstTruncate();
        return outcomes;
    }

    private Outcome ensure(YearMonth month) {
        String table = partitionOf(month);
        try {
            String answer = transaction.execute(status -> jdbc.queryForObject(
                    "select audit_event_create_partition(?)", String.class, java.sql.Date.valueOf(month.atDay(1))));
            switch (answer) {
                case "CREATED" -> {
                    log.info("Created audit partition {} for {} (UTC)", table, month);
                    return Outcome.CREATED;
                }
                case "EXISTED" -> {
                    return Outcome.EXISTED;
                }
                default -> {
                    log.warn(
                            "Table {} exists but is not a partition of audit_event: audit rows of {} go to"
                                    + " audit_event_default",
                            table,
                            month);
                    return Outcome.NOT_CREATED;
                }
            }
        } catch (RuntimeException e) {
            // DataAccessException, or a TransactionException when the database is away: logged, not thrown.
            return failed(month, table, e);
        }
    }

    private Outcome failed(YearMonth month, String table, RuntimeException e) {
        String state = sqlState(e);
        switch (state == null ? "" : state) {
            case "23514" -> {
                // check_violation: "updated partition constraint for default partition would be violated".
                log.warn(
                        "Audit partition {} not created: audit_event_default already holds rows of {}. They stay"
                                + " there and are searched as any other; to give them their month's partition, see"
                                + " docs/security.md (audit trail, rows in the default partition)",
                        table,
                        month);
                return Outcome.DEFAULT_HOLDS_ROWS;
            }
            case "42P07" -> {
                // duplicate_table: created at this moment by someone who did not take the advisory lock.
                return Outcome.EXISTED;
            }
            case "55P03" -> {
                log.warn(
                        "Audit partition {} not created: the audit table stayed locked (lock_timeout); tried"
                                + " again at the next daily run",
                        table);
                return Outcome.NOT_CREATED;
            }
            default -> {
                log.warn("Audit partition {} not created ({}); tried again at the next daily run", table, e.toString());
                return Outcome.NOT_CREATED;
            }
        }
    }

    /**
     * Adds the TRUNCATE guard to every partition without it: one made by an operator, or by an older
     * version. Row triggers (UPDATE, DELETE) need no such care: PostgreSQL clones them.
     */
    private void guardEveryPartitionAgainstTruncate() {
        try {
            List<String> guarded = transaction.execute(
                    status -> jdbc.queryForList("select * from audit_event_guard_partitions()", String.class));
            guarded.forEach(table -> log.warn("Audit partition {} could be truncated; it refuses TRUNCATE now", table));
        } catch (RuntimeException e) {
            log.warn("Audit partitions not checked for their TRUNCATE guard ({})", e.toString());
        }
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    /** At start-up, before the web server: the first writes find their month's partition. */
    @Override
    public void start() {
        running = true;
        maintain();
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before {@link ReadAuditBuffer} and the web server, which start in later phases. */
    @Override
    public int getPhase() {
        return DEFAULT_PHASE - 8192;
    }
}
