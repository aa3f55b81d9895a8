package app.caseload.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import app.caseload.CaseloadApplication;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Start-up failures an operator can fix say so in one line, with what to do, and no stack trace:
 * a data directory that is not usable, and an external database that cannot be reached.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupErrorsTest {

    @TempDir
    Path temp;

    @Test
    void aFolderWithOtherFilesIsRefusedInOneLineBeforeInitdbRuns(CapturedOutput output) throws Exception {
        Path dir = Files.createDirectories(temp.resolve("data"));
        Files.writeString(dir.resolve("operator-notes.log"), "kept here by the operator\n");

        assertThat(failedStart("--caseload.data-dir=" + dir)).isNotNull();

        assertThat(output.getOut() + output.getErr())
                .contains("The data directory " + dir.toAbsolutePath() + " contains other files")
                .contains("Point --caseload.data-dir at an empty folder or an existing Caseload data folder.")
                .doesNotContain("initdb")
                .doesNotContain("\tat ");
        assertThat(Files.list(dir)).as("nothing was written there").hasSize(1);
    }

    @Test
    void anUnreachableExternalDatabaseIsReportedInOneLine(CapturedOutput output) throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/caseload";

        assertThat(failedStart("--spring.datasource.url=" + url + "?password=secret", "--spring.datasource.username=x"))
                .isNotNull();

        assertThat(output.getOut() + output.getErr())
                .contains("Caseload cannot use its database at " + url + ": connection refused.")
                .contains("Check SPRING_DATASOURCE_URL")
                .doesNotContain("secret")
                .doesNotContain("\tat ");
    }

    @Test
    void aFileInsteadOfAFolderIsRefused() throws Exception {
        Path file = Files.writeString(temp.resolve("data"), "not a folder");

        assertThatThrownBy(() -> DataDirectory.open(file))
                .isInstanceOf(DataDirectoryProblem.class)
                .hasMessageContaining("is a file, not a folder");
        assertThatThrownBy(() -> DataDirectory.open(file.resolve("below")))
                .isInstanceOf(DataDirectoryProblem.class)
                .hasMessageContaining("cannot be created");
    }

    @Test
    void aFolderThatCannotBeWrittenIsRefused() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("read-only"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeThat(Files.isWritable(dir)).as("permissions bind (not root)").isFalse();
            assertThatThrownBy(() -> DataDirectory.open(dir))
                    .isInstanceOf(DataDirectoryProblem.class)
                    .hasMessageContaining("is not writable (permission denied)");
        } finally {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void aFolderHeldByAnotherRunningCaseloadIsRefused() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("held"));
        Files.writeString(dir.resolve("PG_VERSION"), "17\n");
        try (FileChannel held = FileChannel.open(
                        dir.resolve(DataDirectory.LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                var lock = held.lock()) {
            assertThatThrownBy(() -> DataDirectory.open(dir))
                    .isInstanceOf(DataDirectoryProblem.class)
                    .hasMessageContaining("is in use by another running Caseload");
        }
    }

    @Test
    void zonkysOwnLockFailureReadsTheSame() {
        var analysis = new StartupFailureAnalyzers.DataDirectoryLocked()
                .analyze(new IllegalStateException("could not lock /srv/caseload/data/epg-lock"));
        assertThat(analysis.getDescription())
                .isEqualTo("The data directory /srv/caseload/data is in use by another running Caseload.");
    }

    @Test
    void anEmptyFolderAndAnExistingDataFolderAreAccepted() throws Exception {
        Path empty = temp.resolve("fresh/data");
        assertThat(DataDirectory.open(empty)).isEqualTo(empty.toAbsolutePath().normalize());
        Path existing = Files.createDirectories(temp.resolve("existing"));
        Files.writeString(existing.resolve("PG_VERSION"), "17\n");
        Files.writeString(existing.resolve("postgresql.conf"), "");
        assertThat(DataDirectory.open(existing)).isEqualTo(existing.toAbsolutePath());
    }

    private static Throwable failedStart(String... args) {
        // As main starts it: the embedded database is started ahead, on a thread of its own.
        SpringApplication app = CaseloadApplication.application();
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--server.port=0";
        all[args.length + 1] = "--spring.main.banner-mode=off";
        try (var context = app.run(all)) {
            return null;
        } catch (Throwable failure) {
            return failure;
        }
    }
}
