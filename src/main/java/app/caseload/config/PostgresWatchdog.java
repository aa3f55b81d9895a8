package app.caseload.config;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Watches the embedded PostgreSQL. When its postmaster dies (killed, crashed, out of memory), the
 * database is marked away at once (requests answer 503, health says DOWN), the server is started
 * again on the same data directory and port (crash recovery replays the WAL), the pool's dead
 * connections are evicted and the database is marked back. When it cannot be started again after
 * the configured attempts, one line says so and the application exits with {@link #EXIT_CODE}, so
 * that a service manager (systemd, Docker's restart policy, Kubernetes) starts it afresh.
 */
final class PostgresWatchdog implements SmartLifecycle {

    /** The process exit code when the embedded database cannot be brought back. */
    static final int EXIT_CODE = 3;

    private static final Logger log = LoggerFactory.getLogger(PostgresWatchdog.class);

    /** The watched server. */
    interface Server {
        boolean isRunning();

        void restart() throws Exception;

        String describe();
    }

    private final Server server;
    private final DatabaseAvailability availability;
    private final Runnable afterRestart;
    private final Duration interval;
    private final int attempts;
    private final Duration backoff;
    private final IntConsumer exit;
    private volatile ScheduledExecutorService executor;
    private volatile boolean running;
    private volatile boolean gaveUp;

    PostgresWatchdog(
            Server server,
            DatabaseAvailability availability,
            Runnable afterRestart,
            Duration interval,
            int attempts,
            Duration backoff,
            IntConsumer exit) {
        this.server = server;
        this.availability = availability;
        this.afterRestart = afterRestart;
        this.interval = interval;
        this.attempts = Math.max(1, attempts);
        this.backoff = backoff;
        this.exit = exit;
    }

    /** One look at the server; restarts it when it is gone. Runs on the watchdog's thread. */
    void check() {
        if (gaveUp || !running || server.isRunning() || jvmShuttingDown()) {
            return;
        }
        String what = server.describe();
        availability.markAway("the embedded PostgreSQL stopped and is being restarted");
        log.warn("Embedded {} stopped unexpectedly; starting it again on the same data", what);
        long started = System.nanoTime();
        Exception last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (!running || jvmShuttingDown()) {
                return; // the application is stopping: the database stays down
            }
            try {
                server.restart();
                afterRestart.run();
                availability.markBack();
                log.warn(
                        "Embedded PostgreSQL is back after {} ms (attempt {}): {}",
                        (System.nanoTime() - started) / 1_000_000,
                        attempt,
                        server.describe());
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                last = e;
                log.warn("Restart attempt {} of {} failed: {}", attempt, attempts, e.getMessage());
                if (attempt < attempts && !sleep(backoff.multipliedBy(attempt))) {
                    return;
                }
            }
        }
        gaveUp = true;
        log.error(
                "Embedded {} stopped and could not be started again after {} attempts ({}); exiting with code {} so"
                        + " that a service manager starts Caseload afresh",
                what,
                attempts,
                last == null ? "unknown cause" : last.getMessage(),
                EXIT_CODE);
        exit.accept(EXIT_CODE);
    }

    private void checkQuietly() {
        try {
            check();
        } catch (RuntimeException e) {
            log.error("Database watchdog failed", e); // keep watching
        }
    }

    private static boolean sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A JVM that is exiting stops the database on purpose (a shutdown hook): never restart it then. */
    private static boolean jvmShuttingDown() {
        Thread probe = new Thread(() -> {});
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    @Override
    public void start() {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "database-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        long millis = Math.max(10, interval.toMillis());
        executor = scheduler;
        running = true;
        scheduler.scheduleWithFixedDelay(this::checkQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        running = false;
        ScheduledExecutorService scheduler = executor;
        executor = null;
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Starts before everything else and stops after everything else (the web server, the audit
     * writer), so no restart can race the database's own shutdown, which follows all lifecycles.
     */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }
}
