package app.caseload.audit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Read entries of the audit trail on their way to the database: the read path only queues a
 * finished row; one background thread writes the queue as a JDBC batch in one transaction (one
 * commit, durably flushed, for up to {@code batchSize} reads) every {@code flushInterval}, as soon
 * as {@code batchSize} rows wait, before every audit search, and when the application stops.
 *
 * <p>Nothing is dropped silently: a batch that fails stays queued and is retried on the next tick
 * (logged with its size, never its content); a full queue makes the reader write its own row; on
 * shutdown the queue is written, and whatever still cannot be written is logged as lost with its
 * count. What can be lost is what a killed process (not a stopped one) had queued: at most one
 * interval of reads.
 */
@Component
class ReadAuditBuffer implements SmartLifecycle, MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(ReadAuditBuffer.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private final Duration flushInterval;
    private final int batchSize;
    private final BlockingQueue<AuditTrail.Row> queue;
    /** Rows taken from the queue whose write failed, retried first. Guarded by {@link #writing}. */
    private final List<AuditTrail.Row> retry = new ArrayList<>();
    /** The size of {@link #retry}, readable without waiting for a write in progress. */
    private volatile int retrying;
    /** When "database unavailable" was last logged (nanoTime); only the flushing thread writes it. */
    private volatile long lastUnavailableWarning = System.nanoTime() - 60_000_000_000L;

    private final ReentrantLock writing = new ReentrantLock();
    private volatile ScheduledExecutorService flusher;

    ReadAuditBuffer(
            JdbcTemplate jdbc,
            PlatformTransactionManager transactions,
            @Value("${caseload.audit.read-flush-interval:100ms}") Duration flushInterval,
            @Value("${caseload.audit.read-batch-size:500}") int batchSize,
            @Value("${caseload.audit.read-queue-capacity:20000}") int capacity) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.flushInterval = flushInterval;
        this.batchSize = batchSize;
        this.queue = new LinkedBlockingQueue<>(capacity);
    }

    /** Queues a finished row; when the queue is full, writes it on the caller's thread instead. */
    void add(AuditTrail.Row row) {
        if (!queue.offer(row)) {
            ownTransaction.executeWithoutResult(status -> AuditTrail.insert(jdbc, List.of(row)));
            return;
        }
        ScheduledExecutorService current = flusher;
        if (queue.size() >= batchSize && current != null) {
            current.execute(this::flushQuietly);
        }
    }

    /** Writes everything queued so far, in batches; throws if a batch cannot be written. */
    void flush() {
        writing.lock();
        try {
            while (!retry.isEmpty() || !queue.isEmpty()) {
                List<AuditTrail.Row> batch = new ArrayList<>(retry);
                retry.clear();
                queue.drainTo(batch, Math.max(0, batchSize - batch.size()));
                try {
                    ownTransaction.executeWithoutResult(status -> AuditTrail.insert(jdbc, batch));
                } catch (RuntimeException e) {
                    retry.addAll(batch);
                    throw e;
                } finally {
                    retrying = retry.size();
                }
            }
        } finally {
            writing.unlock();
        }
    }

    /** Number of rows not yet written. */
    int pending() {
        writing.lock();
        try {
            return retry.size() + queue.size();
        } finally {
            writing.unlock();
        }
    }

    /**
     * {@code caseload.audit.read.queue}: read entries not yet written (queued, or retried after a
     * failed write). Read without the writer's lock, so a scrape never waits for the database.
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("caseload.audit.read.queue", this, buffer -> buffer.queue.size() + buffer.retrying)
                .description("Audit entries of reads waiting to be written")
                .baseUnit("entries")
                .register(registry);
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (DataAccessResourceFailureException
                | TransientDataAccessResourceException
                | CannotCreateTransactionException e) {
            // The database is away (restarting, unreachable): a line every 10 s, not a stack trace per tick.
            long now = System.nanoTime();
            if (now - lastUnavailableWarning < 10_000_000_000L) {
                return;
            }
            lastUnavailableWarning = now;
            log.warn(
                    "Could not write {} audit read entries, the database is unavailable ({}); retrying",
                    pending(),
                    e.getClass().getSimpleName());
        } catch (RuntimeException e) {
            log.error("Could not write {} audit read entries; retrying", pending(), e);
        }
    }

    @Override
    public void start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "audit-read-writer");
            thread.setDaemon(true);
            return thread;
        });
        long millis = Math.max(1, flushInterval.toMillis());
        executor.scheduleWithFixedDelay(this::flushQuietly, millis, millis, TimeUnit.MILLISECONDS);
        flusher = executor;
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = flusher;
        flusher = null;
        if (executor != null) {
            executor.shutdown();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            flush();
        } catch (RuntimeException e) {
            log.error("Lost {} audit read entries at shutdown: the database refused them", pending(), e);
        }
    }

    @Override
    public boolean isRunning() {
        return flusher != null;
    }

    /**
     * Stops after the web server (which stops in the phases just below {@link #DEFAULT_PHASE}), so
     * the reads of the last requests are queued, and before the database (a plain bean, closed
     * after every lifecycle has stopped).
     */
    @Override
    public int getPhase() {
        return DEFAULT_PHASE - 4096;
    }
}
