package app.caseload.config;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.sql.SQLException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;

/**
 * Start-up failures an operator can fix, reported as one line saying what is wrong and one saying
 * what to do, instead of a stack trace. Registered in {@code META-INF/spring.factories}.
 */
final class StartupFailureAnalyzers {

    private StartupFailureAnalyzers() {}

    /** The embedded database's folder is not usable ({@link DataDirectory}). */
    static final class BadDataDirectory extends AbstractFailureAnalyzer<DataDirectoryProblem> {
        @Override
        protected FailureAnalysis analyze(Throwable rootFailure, DataDirectoryProblem cause) {
            return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
        }
    }

    /**
     * Another Caseload took the folder between our check and Zonky's own lock: Zonky says
     * "could not lock …/epg-lock".
     */
    static final class DataDirectoryLocked extends AbstractFailureAnalyzer<IllegalStateException> {
        @Override
        protected FailureAnalysis analyze(Throwable rootFailure, IllegalStateException cause) {
            String message = cause.getMessage();
            if (message == null
                    || !message.startsWith("could not lock ")
                    || !message.endsWith(DataDirectory.LOCK_FILE)) {
                return null;
            }
            Path dir = Path.of(message.substring("could not lock ".length())).getParent();
            DataDirectoryProblem problem = DataDirectoryProblem.heldByAnotherCaseload(dir);
            return new FailureAnalysis(problem.getMessage(), problem.action(), cause);
        }
    }

    /** {@code spring.datasource.url} names a database that cannot be reached or refuses us. */
    static final class UnreachableDatabase implements FailureAnalyzer {

        private final Environment environment;

        UnreachableDatabase(Environment environment) {
            this.environment = environment;
        }

        @Override
        public FailureAnalysis analyze(Throwable failure) {
            String url = environment.getProperty("spring.datasource.url");
            if (url == null || url.isBlank()) {
                return null;
            }
            String reason = reason(failure);
            if (reason == null) {
                return null;
            }
            return new FailureAnalysis(
                    "Caseload cannot use its database at " + withoutParameters(url) + ": " + reason + ".",
                    "Check SPRING_DATASOURCE_URL, SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD, and that"
                            + " PostgreSQL is running and accepts connections from this host.",
                    failure);
        }

        /** Why, in a few words, from the deepest cause that says; null when not a connection failure. */
        private static String reason(Throwable failure) {
            String reason = null;
            for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof UnknownHostException) {
                    return "unknown host " + t.getMessage();
                }
                if (t instanceof ConnectException) {
                    return "connection refused";
                }
                if (t instanceof SocketTimeoutException) {
                    return "no answer (timed out)";
                }
                if (t instanceof SQLException sql && sql.getSQLState() != null) {
                    String state = sql.getSQLState();
                    if (state.startsWith("28")) {
                        return "the user name or password was refused";
                    }
                    if (state.equals("3D000")) {
                        return "the database does not exist";
                    }
                    if (state.startsWith("08") || state.startsWith("57P")) {
                        reason = "the connection failed (SQLState " + state + ")";
                    }
                }
            }
            return reason;
        }

        /** Parameters may hold a password: never print them. */
        private static String withoutParameters(String url) {
            int query = url.indexOf('?');
            return query < 0 ? url : url.substring(0, query);
        }
    }
}
