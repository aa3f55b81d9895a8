package app.caseload.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app's JVM dies with {@code kill -9} while the embedded PostgreSQL keeps running; the next
 * start must stop that orphan and come up on the same data, with every committed row still there.
 */
class EmbeddedDatabaseRecoveryTest {

    @TempDir
    Path dataDir;

    @Test
    void restartsOnTheSameDataAfterTheAppWasKilled() throws Exception {
        Process app = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        OrphanMaker.class.getName(),
                        dataDir.toString()))
                .redirectErrorStream(true)
                .start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(app.getInputStream()))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals("COMMITTED")) {
                // wait for the child to commit its row
            }
            assertThat(line).as("the child app committed a row").isEqualTo("COMMITTED");
            app.destroyForcibly(); // SIGKILL: no shutdown hooks run
            assertThat(app.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(Files.exists(dataDir.resolve("postmaster.pid")))
                .as("the orphaned postmaster holds the pid file")
                .isTrue();

        EmbeddedDatabaseConfiguration configuration = new EmbeddedDatabaseConfiguration();
        try (EmbeddedPostgres postgres = configuration.embeddedPostgres(dataDir);
                Connection connection = postgres.getPostgresDatabase().getConnection();
                ResultSet rs = connection
                        .createStatement()
                        .executeQuery(
                                "select note, current_setting('fsync'), current_setting('synchronous_commit') from survivor")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("committed before the crash");
            assertThat(rs.getString(2)).isEqualTo("on");
            assertThat(rs.getString(3)).isEqualTo("on");
        }
    }

    /** Stands in for the app: starts the embedded database as the app does, commits, then waits to be killed. */
    public static final class OrphanMaker {
        public static void main(String[] args) throws Exception {
            EmbeddedPostgres postgres = new EmbeddedDatabaseConfiguration().embeddedPostgres(Path.of(args[0]));
            try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
                connection.createStatement().execute("create table survivor (note text)");
                connection.createStatement().execute("insert into survivor values ('committed before the crash')");
            }
            System.out.println("COMMITTED");
            System.out.flush();
            Thread.sleep(120_000);
        }
    }
}
