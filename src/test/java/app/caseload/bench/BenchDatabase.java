package app.caseload.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.flywaydb.core.Flyway;

/**
 * The benchmark's PostgreSQL: the embedded one on a data directory of its own (started the way the
 * app starts it, default memory settings), or an external one given by a JDBC URL.
 */
final class BenchDatabase implements AutoCloseable {

    /** The server settings the app itself starts the embedded database with (EmbeddedDatabaseConfiguration). */
    static final Map<String, String> APP_SETTINGS = Map.of(
            "fsync", "on",
            "synchronous_commit", "on",
            "full_page_writes", "on",
            "max_connections", "100");

    /**
     * For loading only, none of them a memory setting: nothing written into a table created or
     * truncated in the loading transaction goes through the WAL (the files are synced at commit
     * instead), and no checkpoint interrupts the parallel inserts. The measurements restart the
     * server with {@link #APP_SETTINGS} alone.
     */
    static final Map<String, String> LOAD_SETTINGS = Map.of(
            "wal_level", "minimal",
            "max_wal_senders", "0",
            "max_wal_size", "8GB",
            "checkpoint_timeout", "30min");

    private final EmbeddedPostgres embedded;
    private final String url;
    private final String user;
    private final String password;

    private BenchDatabase(EmbeddedPostgres embedded, String url, String user, String password) {
        this.embedded = embedded;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** {@code bench/data/scale-<scale>}: where a scale's data lives unless told otherwise. */
    static Path defaultDataDir(double scale) {
        return Path.of("bench", "data", "scale-" + formatScale(scale));
    }

    static String formatScale(double scale) {
        String text = String.format(Locale.ROOT, "%.6f", scale).replaceAll("0+$", "");
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }

    /** Starts the embedded server on the directory (initialising it when empty). */
    static BenchDatabase embedded(Path dataDir, Map<String, String> extraSettings) throws IOException {
        Path dir = dataDir.toAbsolutePath().normalize();
        Files.createDirectories(dir);
        Map<String, String> settings = new LinkedHashMap<>(APP_SETTINGS);
        settings.putAll(extraSettings);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                .setPGStartupWait(Duration.ofSeconds(300));
        settings.forEach(builder::setServerConfig);
        EmbeddedPostgres pg = builder.start();
        return new BenchDatabase(pg, pg.getJdbcUrl("postgres", "postgres"), "postgres", null);
    }

    /** An external server: the caller owns it and its settings. */
    static BenchDatabase external(String url, String user, String password) {
        return new BenchDatabase(null, url, user, password);
    }

    Connection connect() throws SQLException {
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password == null ? "" : password);
        // Server settings per connection, as the app's pool sets them (application.properties):
        // -Dbench.pg-options="" measures PostgreSQL's default plan cache instead.
        String options = System.getProperty("bench.pg-options", "-c plan_cache_mode=force_custom_plan");
        if (!options.isBlank()) {
            properties.setProperty("options", options);
        }
        return DriverManager.getConnection(url, properties);
    }

    String url() {
        return url;
    }

    String user() {
        return user;
    }

    /** The password, or null when the server asks for none. */
    String password() {
        return password;
    }

    /** Applies the app's Flyway migrations (from the classpath, as the app does); answers how many ran. */
    int migrate() {
        return Flyway.configure()
                .dataSource(url, user, password)
                .locations("classpath:db/migration")
                .load()
                .migrate()
                .migrationsExecuted;
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
        }
    }
}
