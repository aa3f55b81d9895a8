package app.caseload.config;

import java.nio.file.Path;

/**
 * Why the embedded database's data directory cannot be used, said in one line with what to do;
 * reported at start-up without a stack trace ({@link StartupFailureAnalyzers}).
 */
final class DataDirectoryProblem extends RuntimeException {

    private final String action;

    private DataDirectoryProblem(String description, String action) {
        super(description);
        this.action = action;
    }

    String action() {
        return action;
    }

    static DataDirectoryProblem notAFolder(Path dir) {
        return new DataDirectoryProblem(
                "The data directory " + dir + " is a file, not a folder.",
                "Point --caseload.data-dir at an empty folder or an existing Caseload data folder.");
    }

    static DataDirectoryProblem cannotCreate(Path dir, Exception cause) {
        return new DataDirectoryProblem(
                "The data directory " + dir + " cannot be created (" + reason(cause) + ").",
                "Create it and give the user running Caseload write access, or point --caseload.data-dir elsewhere.");
    }

    static DataDirectoryProblem notWritable(Path dir, Exception cause) {
        return new DataDirectoryProblem(
                "The data directory " + dir + " is not writable (" + reason(cause) + ").",
                "Give the user running Caseload write access to it, or point --caseload.data-dir elsewhere.");
    }

    static DataDirectoryProblem otherFiles(Path dir) {
        return new DataDirectoryProblem(
                "The data directory " + dir + " contains other files and is not a Caseload data folder.",
                "Point --caseload.data-dir at an empty folder or an existing Caseload data folder.");
    }

    static DataDirectoryProblem heldByAnotherCaseload(Path dir) {
        return new DataDirectoryProblem(
                "The data directory " + dir + " is in use by another running Caseload.",
                "Stop the other Caseload first, or point --caseload.data-dir at another folder.");
    }

    static DataDirectoryProblem heldByAnotherServer(Path dir, long pid) {
        return new DataDirectoryProblem(
                "The data directory " + dir + " is in use by a PostgreSQL server that Caseload did not start (pid "
                        + pid + ").",
                "Stop that server first, or point --caseload.data-dir at another folder.");
    }

    private static String reason(Exception cause) {
        String name = cause.getClass().getSimpleName();
        return switch (name) {
            case "AccessDeniedException" -> "permission denied";
            case "ReadOnlyFileSystemException" -> "read-only file system";
            case "FileAlreadyExistsException" -> "a file is in the way";
            case "FileSystemException" ->
                cause instanceof java.nio.file.FileSystemException fs && fs.getReason() != null ? fs.getReason() : name;
            default -> cause.getMessage() == null ? name : cause.getMessage();
        };
    }
}
