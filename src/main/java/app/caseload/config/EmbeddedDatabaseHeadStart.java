package app.caseload.config;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.event.SpringApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Starts the embedded PostgreSQL on a thread of its own as soon as Caseload's settings are known,
 * so that initdb (first start) and the server's own start-up run while Spring builds the context
 * (several seconds of class loading and bean definitions on two cores) rather than after it.
 * {@link EmbeddedDatabaseConfiguration} takes the started server when it first needs it — the same
 * checks of the data directory, the same server settings, only earlier — or starts one itself when
 * there is none for its data directory. Health is UP only once everything is up, as before: this
 * moves no work past start-up, it only overlaps it.
 *
 * <p>Added by {@code CaseloadApplication.application()} (what {@code main} runs), not through {@code
 * spring.factories}: a test context adds its data directory after the environment is prepared, and
 * would find the default one here. A server that is started but never taken (the context failed
 * first) is stopped when the application fails or, at the latest, when it is ready.
 */
public final class EmbeddedDatabaseHeadStart implements ApplicationListener<SpringApplicationEvent>, Ordered {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseHeadStart.class);

    /** Servers being started, by absolute data directory. */
    private static final Map<Path, CompletableFuture<EmbeddedPostgres>> STARTING = new ConcurrentHashMap<>();

    @Override
    public void onApplicationEvent(SpringApplicationEvent event) {
        if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
            begin(prepared.getEnvironment());
        } else if (event instanceof ApplicationReadyEvent || event instanceof ApplicationFailedEvent) {
            abandonUntaken();
        }
    }

    /** After the configuration files are read and logging is set up (both earlier listeners of this event). */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    private static void begin(ConfigurableEnvironment environment) {
        String url = environment.getProperty("spring.datasource.url");
        String dataDir = environment.getProperty("caseload.data-dir");
        if ((url != null && !url.isBlank()) || dataDir == null || dataDir.isBlank()) {
            return;
        }
        Path dir = key(Path.of(dataDir));
        STARTING.computeIfAbsent(dir, d -> {
            CompletableFuture<EmbeddedPostgres> starting = new CompletableFuture<>();
            Thread thread = new Thread(
                    () -> {
                        try {
                            starting.complete(EmbeddedDatabaseConfiguration.start(d));
                        } catch (Throwable e) {
                            starting.completeExceptionally(e);
                        }
                    },
                    "embedded-postgres-start");
            thread.setDaemon(true);
            thread.start();
            return starting;
        });
    }

    /**
     * The server started ahead for this data directory, waiting for it if it is still starting;
     * empty when none was. A failure to start is thrown here as it would have been thrown by
     * starting it now (a {@link DataDirectoryProblem}, Zonky's lock failure, an {@link IOException}).
     */
    static Optional<EmbeddedPostgres> take(Path dataDir) throws IOException {
        CompletableFuture<EmbeddedPostgres> starting = STARTING.remove(key(dataDir));
        if (starting == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(starting.join());
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    private static void abandonUntaken() {
        for (Path dir : STARTING.keySet()) {
            CompletableFuture<EmbeddedPostgres> starting = STARTING.remove(dir);
            if (starting == null) {
                continue;
            }
            try {
                starting.join().close();
                log.info("Stopped the embedded PostgreSQL started ahead for {}: it was not used", dir);
            } catch (CompletionException | IOException e) {
                // it did not start (the failure is reported by whoever needed it) or cannot be stopped
                log.debug("Embedded PostgreSQL started ahead for {} not stopped cleanly", dir, e);
            }
        }
    }

    private static Path key(Path dataDir) {
        return dataDir.toAbsolutePath().normalize();
    }
}
