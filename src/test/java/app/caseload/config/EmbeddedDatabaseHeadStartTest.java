package app.caseload.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.caseload.CaseloadApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.mock.env.MockEnvironment;

/**
 * The embedded database started while the context is built ({@link EmbeddedDatabaseHeadStart}): the
 * configuration takes that very server, with the app's settings; a problem with the folder is
 * thrown where it always was; nothing is started for an external database; and a server started
 * but never taken is stopped when the application fails.
 */
class EmbeddedDatabaseHeadStartTest {

    @TempDir
    Path temp;

    private final SpringApplication application = CaseloadApplication.application();

    @Test
    void theConfigurationTakesTheServerStartedAheadWithTheAppsSettings() throws Exception {
        Path dir = temp.resolve("data");
        prepared(new MockEnvironment().withProperty("caseload.data-dir", dir.toString()));

        try (EmbeddedPostgres postgres = new EmbeddedDatabaseConfiguration().embeddedPostgres(dir);
                Connection c = postgres.getPostgresDatabase().getConnection();
                ResultSet rs = c.createStatement()
                        .executeQuery("select current_setting('data_directory'), current_setting('fsync')")) {
            rs.next();
            assertThat(Path.of(rs.getString(1)).toRealPath()).isEqualTo(dir.toRealPath());
            assertThat(rs.getString(2)).isEqualTo("on");
            assertThat(EmbeddedDatabaseHeadStart.take(dir)).as("taken once").isEmpty();
        }
    }

    @Test
    void aFolderThatCannotBeUsedFailsWhereTheServerIsNeeded() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("notes"));
        Files.writeString(dir.resolve("operator-notes.log"), "kept here\n");
        prepared(new MockEnvironment().withProperty("caseload.data-dir", dir.toString()));

        assertThatThrownBy(() -> new EmbeddedDatabaseConfiguration().embeddedPostgres(dir))
                .isInstanceOf(DataDirectoryProblem.class)
                .hasMessageContaining("contains other files");
    }

    @Test
    void nothingStartsForAnExternalDatabase() throws Exception {
        Path dir = temp.resolve("unused");
        prepared(new MockEnvironment()
                .withProperty("caseload.data-dir", dir.toString())
                .withProperty("spring.datasource.url", "jdbc:postgresql://db.example/caseload"));

        assertThat(EmbeddedDatabaseHeadStart.take(dir)).isEmpty();
        assertThat(dir).doesNotExist();
    }

    @Test
    void aServerNeverTakenIsStoppedWhenTheApplicationFails() throws Exception {
        Path dir = temp.resolve("abandoned");
        prepared(new MockEnvironment().withProperty("caseload.data-dir", dir.toString()));

        new EmbeddedDatabaseHeadStart()
                .onApplicationEvent(new ApplicationFailedEvent(
                        application, new String[0], null, new IllegalStateException("another bean failed")));

        assertThat(EmbeddedDatabaseHeadStart.take(dir)).isEmpty();
        assertThat(dir.resolve("postmaster.pid")).as("the server was stopped").doesNotExist();
        assertThat(dir.resolve("PG_VERSION")).as("it had been started").exists();
    }

    private void prepared(MockEnvironment environment) {
        new EmbeddedDatabaseHeadStart()
                .onApplicationEvent(new ApplicationEnvironmentPreparedEvent(
                        new DefaultBootstrapContext(), application, new String[0], environment));
    }
}
