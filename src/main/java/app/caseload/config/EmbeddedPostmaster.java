package app.caseload.config;

import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL server process as the watchdog sees it: whether its postmaster still runs,
 * and how to start it again on the same data directory and port (PostgreSQL then replays its WAL:
 * crash recovery). The postmaster is found through {@code postmaster.pid} in the data directory, its
 * binaries beside the running executable, exactly those Zonky unpacked and started.
 */
final class EmbeddedPostmaster implements PostgresWatchdog.Server {

    /** PostgreSQL's own output, under the same logger name as Zonky's. */
    private static final Logger postgresLog =
            LoggerFactory.getLogger("io.zonky.test.db.postgres.embedded.EmbeddedPostgres");

    private final Path dataDir;
    private final int port;
    private final Map<String, String> serverConfig;
    private final Duration startTimeout;
    private final Path binaries;
    private volatile ProcessHandle postmaster;

    private EmbeddedPostmaster(
            Path dataDir, int port, Map<String, String> serverConfig, Duration startTimeout, ProcessHandle postmaster) {
        this.dataDir = dataDir;
        this.port = port;
        this.serverConfig = serverConfig;
        this.startTimeout = startTimeout;
        this.postmaster = postmaster;
        this.binaries =
                postmaster.info().command().map(Path::of).map(Path::getParent).orElse(null);
    }

    /** The postmaster running on this data directory now, if one can be found. */
    static Optional<EmbeddedPostmaster> find(
            Path dataDir, int port, Map<String, String> serverConfig, Duration startTimeout) {
        return livePostmaster(dataDir).map(p -> new EmbeddedPostmaster(dataDir, port, serverConfig, startTimeout, p));
    }

    /** Whether the watchdog can start PostgreSQL again (its binaries are known). */
    boolean canRestart() {
        return binaries != null && Files.isExecutable(binaries.resolve("pg_ctl"));
    }

    long pid() {
        return postmaster.pid();
    }

    @Override
    public boolean isRunning() {
        return isLive(postmaster);
    }

    @Override
    public String describe() {
        return "PostgreSQL (pid " + postmaster.pid() + ", port " + port + ", data in " + dataDir + ")";
    }

    @Override
    public void restart() throws IOException, InterruptedException {
        if (!canRestart()) {
            throw new IOException("the PostgreSQL binaries of the stopped server are unknown");
        }
        Optional<ProcessHandle> holder = livePostmaster(dataDir);
        if (holder.isPresent()) {
            // Not ours any more (ours is gone): never start a second server on data another one holds.
            throw new IOException("another PostgreSQL (pid " + holder.get().pid() + ") holds the data directory");
        }
        clearZombieLock();
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U")); // as Zonky does when running as root
        }
        command.addAll(List.of(
                binaries.resolve("pg_ctl").toString(),
                "-D",
                dataDir.toString(),
                "-o",
                String.join(" ", serverOptions()),
                "-w",
                "-t",
                Long.toString(Math.max(1, startTimeout.toSeconds())),
                "start"));
        Process pgCtl = new ProcessBuilder(command).redirectErrorStream(true).start();
        // The postmaster inherits this pipe for its log: read it for as long as it writes.
        Thread reader = new Thread(() -> copyToLog(pgCtl), "postgres-log");
        reader.setDaemon(true);
        reader.start();
        if (!pgCtl.waitFor(startTimeout.toMillis() + 5_000, TimeUnit.MILLISECONDS)) {
            pgCtl.destroyForcibly();
            throw new IOException("pg_ctl start did not finish in " + startTimeout.toSeconds() + " s");
        }
        if (pgCtl.exitValue() != 0) {
            throw new IOException("pg_ctl start failed with exit code " + pgCtl.exitValue());
        }
        postmaster = livePostmaster(dataDir)
                .orElseThrow(() -> new IOException("PostgreSQL started but its postmaster.pid names no live process"));
    }

    /**
     * PostgreSQL refuses to start while the pid in {@code postmaster.pid} answers {@code kill -0},
     * which a zombie does: where nothing reaps the killed postmaster, its lock file would stand
     * forever. Removed only when that process is dead and no process at all (a backend of the old
     * server, say) still works in the data directory, which is the check the lock file stands for.
     */
    private void clearZombieLock() throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        Optional<ProcessHandle> named = readPid(pidFile).flatMap(ProcessHandle::of);
        if (named.isEmpty() || isLive(named.get())) {
            return; // gone for good (PostgreSQL clears its lock itself), or refused above
        }
        if (!Files.isDirectory(Path.of("/proc"))) {
            return;
        }
        Optional<Long> busy = processesWorkingIn(dataDir.toRealPath());
        if (busy.isPresent()) {
            throw new IOException(
                    "a process of the stopped server (pid " + busy.get() + ") still runs in the data directory");
        }
        Files.deleteIfExists(pidFile);
        // The same for the lock of its Unix socket (in /tmp, PostgreSQL's default socket directory).
        Path socketLock = Path.of("/tmp", ".s.PGSQL." + port + ".lock");
        if (readPid(socketLock).equals(Optional.of(named.get().pid()))) {
            Files.deleteIfExists(socketLock);
        }
    }

    private static Optional<Long> processesWorkingIn(Path dir) {
        return ProcessHandle.allProcesses()
                .filter(EmbeddedPostmaster::isLive)
                .filter(p -> {
                    try {
                        return Path.of("/proc", Long.toString(p.pid()), "cwd")
                                .toRealPath()
                                .equals(dir);
                    } catch (IOException | SecurityException e) {
                        return false;
                    }
                })
                .map(ProcessHandle::pid)
                .findFirst();
    }

    /** The same options Zonky starts the server with: its port, then our settings (fsync on, ...). */
    private List<String> serverOptions() {
        List<String> options = new ArrayList<>(List.of("-p", Integer.toString(port)));
        serverConfig.forEach((key, value) -> {
            options.add("-c");
            options.add(key + "=" + value);
        });
        return options;
    }

    private static void copyToLog(Process process) {
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            lines.lines().forEach(postgresLog::info);
        } catch (IOException | java.io.UncheckedIOException e) {
            // the server closed its output: nothing more to log
        }
    }

    /** The live process named in {@code postmaster.pid}, if any. */
    static Optional<ProcessHandle> livePostmaster(Path dataDir) {
        return readPid(dataDir.resolve("postmaster.pid"))
                .flatMap(ProcessHandle::of)
                .filter(EmbeddedPostmaster::isLive);
    }

    /**
     * Alive and not a zombie: a killed postmaster is reparented, and where nothing reaps orphans (a
     * container whose first process is not an init) it lingers as a zombie that {@code isAlive}
     * still reports.
     */
    static boolean isLive(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        Path stat = Path.of("/proc", Long.toString(process.pid()), "stat");
        if (!Files.isReadable(stat)) {
            return true; // not Linux: isAlive is all there is
        }
        try {
            String text = Files.readString(stat);
            int end = text.lastIndexOf(')');
            char state = end > 0 && end + 2 < text.length() ? text.charAt(end + 2) : '?';
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            return process.isAlive();
        }
    }

    static Optional<Long> readPid(Path pidFile) {
        try {
            List<String> lines = Files.readAllLines(pidFile);
            return lines.isEmpty()
                    ? Optional.empty()
                    : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException | java.io.UncheckedIOException e) {
            return Optional.empty();
        }
    }
}
