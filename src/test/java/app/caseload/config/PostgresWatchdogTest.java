package app.caseload.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The watchdog's decisions, without a real server: restart and come back, or give up and exit non-zero. */
class PostgresWatchdogTest {

    final DatabaseAvailability availability = new DatabaseAvailability();
    final List<Integer> exits = new ArrayList<>();
    final AtomicInteger evictions = new AtomicInteger();
    PostgresWatchdog watchdog;

    @AfterEach
    void stop() {
        if (watchdog != null) {
            watchdog.stop();
        }
    }

    @Test
    void restartsAStoppedServerAndMarksTheDatabaseBack() {
        FakeServer server = new FakeServer(2); // two failed attempts, then up
        watchdog = started(server, 5);

        server.running.set(false);
        watchdog.check();

        assertThat(server.restarts).hasValue(3);
        assertThat(server.running).isTrue();
        assertThat(availability.isAway()).isFalse();
        assertThat(evictions).hasValue(1);
        assertThat(exits).isEmpty();
    }

    @Test
    void leavesARunningServerAlone() {
        FakeServer server = new FakeServer(0);
        watchdog = started(server, 5);

        watchdog.check();

        assertThat(server.restarts).hasValue(0);
        assertThat(availability.isAway()).isFalse();
    }

    @Test
    void exitsNonZeroWhenTheServerCannotBeStartedAgain() {
        FakeServer server = new FakeServer(Integer.MAX_VALUE);
        watchdog = started(server, 3);

        server.running.set(false);
        watchdog.check();
        watchdog.check(); // gave up: no further attempts

        assertThat(server.restarts).hasValue(3);
        assertThat(exits).containsExactly(PostgresWatchdog.EXIT_CODE);
        assertThat(availability.isAway())
                .as("requests keep answering 503 until the exit")
                .isTrue();
    }

    @Test
    void neverRestartsOnceStopped() {
        FakeServer server = new FakeServer(0);
        watchdog = started(server, 3);
        watchdog.stop();

        server.running.set(false);
        watchdog.check();

        assertThat(server.restarts).hasValue(0);
        assertThat(exits).isEmpty();
    }

    private PostgresWatchdog started(FakeServer server, int attempts) {
        PostgresWatchdog started = new PostgresWatchdog(
                server,
                availability,
                evictions::incrementAndGet,
                Duration.ofHours(1), // checks are driven by the test
                attempts,
                Duration.ofMillis(1),
                exits::add);
        started.start();
        return started;
    }

    static final class FakeServer implements PostgresWatchdog.Server {
        final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicInteger restarts = new AtomicInteger();
        private final int failures;

        FakeServer(int failures) {
            this.failures = failures;
        }

        @Override
        public boolean isRunning() {
            return running.get();
        }

        @Override
        public void restart() throws Exception {
            if (restarts.incrementAndGet() <= failures) {
                throw new java.io.IOException("pg_ctl start failed with exit code 1");
            }
            running.set(true);
        }

        @Override
        public String describe() {
            return "PostgreSQL (fake)";
        }
    }
}
