package app.caseload.config;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Starts an embedded PostgreSQL (real Postgres binaries from Maven) with its data in
 * {@code caseload.data-dir}, unless {@code spring.datasource.url} names an external database, and
 * watches it ({@link PostgresWatchdog}).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseConfiguration.NoExternalDatabase.class)
class EmbeddedDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    /** Zonky's defaults trade durability for speed; clinical data must survive a crash. */
    static final Map<String, String> SERVER_CONFIG = serverConfig();

    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

    /** The server {@link EmbeddedDatabaseHeadStart} started ahead for this folder, or one started now. */
    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(@Value("${caseload.data-dir}") Path dataDir) throws IOException {
        Optional<EmbeddedPostgres> started = EmbeddedDatabaseHeadStart.take(dataDir);
        return started.isPresent() ? started.get() : start(dataDir);
    }

    /** Checks the folder ({@link DataDirectory}) and starts PostgreSQL on it with {@link #SERVER_CONFIG}. */
    static EmbeddedPostgres start(Path dataDir) throws IOException {
        Path dir = DataDirectory.open(dataDir);
        log.info("Starting embedded PostgreSQL with data in {}", dir);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                .setPGStartupWait(STARTUP_WAIT);
        SERVER_CONFIG.forEach(builder::setServerConfig);
        return builder.start();
    }

    @Bean
    DatabaseAvailability databaseAvailability() {
        return new DatabaseAvailability();
    }

    /**
     * The pool, configured by the same {@code spring.datasource.hikari.*} properties as an external
     * database's, behind the availability guard (connections are refused at once while the watchdog
     * restarts the server).
     */
    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedPostgres postgres, DatabaseAvailability availability, Environment environment) {
        HikariDataSource pool = new HikariDataSource();
        Binder.get(environment).bind("spring.datasource.hikari", Bindable.ofInstance(pool));
        pool.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        pool.setUsername("postgres");
        pool.setPoolName("caseload-embedded");
        return availability.guard(pool);
    }

    @Bean
    PostgresWatchdog postgresWatchdog(
            EmbeddedPostgres postgres,
            @Value("${caseload.data-dir}") Path dataDir,
            DataSource dataSource,
            DatabaseAvailability availability,
            DatabaseProperties properties,
            ApplicationContext context) {
        Path dir = dataDir.toAbsolutePath().normalize();
        EmbeddedPostmaster postmaster = EmbeddedPostmaster.find(dir, postgres.getPort(), SERVER_CONFIG, STARTUP_WAIT)
                .filter(EmbeddedPostmaster::canRestart)
                .orElse(null);
        PostgresWatchdog.Server server = postmaster != null ? postmaster : new Unrestartable(dir);
        if (postmaster == null) {
            log.warn("The embedded PostgreSQL's process or binaries cannot be found: if it stops, Caseload exits");
        }
        return new PostgresWatchdog(
                server,
                availability,
                () -> evictConnections(dataSource),
                properties.watchInterval(),
                properties.restartAttempts(),
                properties.restartBackoff(),
                code -> exit(context, code));
    }

    /** Dead connections would otherwise fail one request each before the pool notices. */
    private static void evictConnections(DataSource dataSource) {
        try {
            HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
            if (pool.getHikariPoolMXBean() != null) {
                pool.getHikariPoolMXBean().softEvictConnections();
            }
        } catch (java.sql.SQLException e) {
            // not a Hikari pool: its connections are validated when borrowed
        }
    }

    /** Closes the context (a thread of its own: closing stops the watchdog) and exits non-zero. */
    private static void exit(ApplicationContext context, int code) {
        Thread exit = new Thread(() -> System.exit(SpringApplication.exit(context, () -> code)), "caseload-exit");
        exit.start();
    }

    /** When the postmaster cannot be found or started again: report it stopped, never restart. */
    private record Unrestartable(Path dataDir) implements PostgresWatchdog.Server {
        @Override
        public boolean isRunning() {
            return EmbeddedPostmaster.livePostmaster(dataDir).isPresent();
        }

        @Override
        public void restart() throws IOException {
            throw new IOException("its process or binaries could not be found at start-up");
        }

        @Override
        public String describe() {
            return "PostgreSQL (data in " + dataDir + ")";
        }
    }

    private static Map<String, String> serverConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("fsync", "on");
        config.put("synchronous_commit", "on");
        config.put("full_page_writes", "on");
        config.put("max_connections", "100");
        config.put("timezone", "UTC");
        return Map.copyOf(config);
    }

    static class NoExternalDatabase implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String url = context.getEnvironment().getProperty("spring.datasource.url");
            return url == null || url.isBlank();
        }
    }
}
