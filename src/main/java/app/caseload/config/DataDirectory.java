package app.caseload.config;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded database's folder, checked before PostgreSQL touches it: a folder (created if
 * missing), writable, either empty or a PostgreSQL data directory, and not held by another running
 * Caseload or by a server Caseload did not start. A postmaster left running by a Caseload that was
 * killed ({@code kill -9} of the JVM) is stopped, so the data can be opened again.
 */
final class DataDirectory {

    private static final Logger log = LoggerFactory.getLogger(DataDirectory.class);

    /** The file Zonky's embedded PostgreSQL keeps locked while a Caseload runs on the folder. */
    static final String LOCK_FILE = "epg-lock";

    private DataDirectory() {}

    /** Checks the folder and makes it ready for PostgreSQL; throws {@link DataDirectoryProblem}. */
    static Path open(Path configured) {
        Path dir = configured.toAbsolutePath().normalize();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw DataDirectoryProblem.notAFolder(dir);
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException | UnsupportedOperationException e) {
            throw DataDirectoryProblem.cannotCreate(dir, e);
        }
        try {
            // Try, rather than ask: permission bits say nothing for root or on a read-only mount.
            Files.delete(Files.createTempFile(dir, ".caseload-write-check", ".tmp"));
        } catch (IOException | UnsupportedOperationException e) {
            throw DataDirectoryProblem.notWritable(dir, e);
        }
        boolean postgres = Files.isRegularFile(dir.resolve("PG_VERSION"));
        if (!postgres && hasOtherFiles(dir)) {
            throw DataDirectoryProblem.otherFiles(dir);
        }
        if (lockedByAnotherCaseload(dir)) {
            throw DataDirectoryProblem.heldByAnotherCaseload(dir);
        }
        if (postgres) {
            stopOrphanedPostmaster(dir);
        }
        return dir;
    }

    private static boolean hasOtherFiles(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.anyMatch(entry -> !entry.getFileName().toString().equals(LOCK_FILE));
        } catch (IOException e) {
            throw DataDirectoryProblem.notWritable(dir, e);
        }
    }

    /** A running Caseload holds Zonky's lock on the folder for as long as it runs. */
    private static boolean lockedByAnotherCaseload(Path dir) {
        Path lockFile = dir.resolve(LOCK_FILE);
        if (!Files.exists(lockFile)) {
            return false; // never created before initdb, which needs an empty folder
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true; // held inside this very JVM
        } catch (IOException e) {
            throw DataDirectoryProblem.notWritable(dir, e);
        }
    }

    /**
     * After the JVM is killed with {@code kill -9}, its Postgres keeps running and holds {@code
     * postmaster.pid}, so a new start would fail. Nobody holds the lock any more (checked before), so
     * a server started from Zonky's binaries is that orphan: stop it (fast shutdown; committed data is
     * safe in the WAL either way). Any other live server there is someone else's: refuse.
     */
    static void stopOrphanedPostmaster(Path dir) {
        Optional<ProcessHandle> live = EmbeddedPostmaster.livePostmaster(dir);
        if (live.isEmpty()) {
            return;
        }
        ProcessHandle postmaster = live.get();
        if (!startedFromEmbeddedBinaries(postmaster)) {
            throw DataDirectoryProblem.heldByAnotherServer(dir, postmaster.pid());
        }
        log.warn("Stopping PostgreSQL left running by an earlier Caseload (pid {})", postmaster.pid());
        try {
            // SIGINT is Postgres' "fast" shutdown; ProcessHandle only sends TERM/KILL.
            new ProcessBuilder("kill", "-INT", Long.toString(postmaster.pid()))
                    .start()
                    .waitFor();
            waitUntilGone(postmaster, 30);
        } catch (Exception e) {
            postmaster.destroyForcibly();
        }
        if (EmbeddedPostmaster.isLive(postmaster)) {
            postmaster.destroyForcibly();
        }
    }

    private static void waitUntilGone(ProcessHandle process, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (EmbeddedPostmaster.isLive(process) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    /** Zonky unpacks its binaries under {@code <tmp>/embedded-pg} (or {@code ot.epg.working-dir}). */
    private static boolean startedFromEmbeddedBinaries(ProcessHandle process) {
        Optional<String> command = process.info().command();
        if (command.isEmpty()) {
            return false;
        }
        Path executable = Path.of(command.get());
        Path workingDir = Path.of(System.getProperty(
                "ot.epg.working-dir",
                Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg").toString()));
        return executable.getFileName().toString().equals("postgres")
                && (executable.startsWith(workingDir)
                        || executable.startsWith(realPath(workingDir))
                        || command.get().contains("/embedded-pg/"));
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path;
        }
    }
}
