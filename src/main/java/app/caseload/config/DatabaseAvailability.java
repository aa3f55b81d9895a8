package app.caseload.config;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Whether the database is known to be away: set by the embedded database's watchdog while it
 * restarts PostgreSQL. While it is away, connections are refused at once instead of after the pool's
 * timeout, so requests answer 503 and health says DOWN without waiting.
 */
final class DatabaseAvailability {

    private volatile String away;

    /** Marks the database away, with a reason safe to log. */
    void markAway(String reason) {
        away = reason;
    }

    void markBack() {
        away = null;
    }

    boolean isAway() {
        return away != null;
    }

    /** A data source that refuses connections at once while the database is away. */
    DataSource guard(DataSource pool) {
        return new Guarded(pool, this);
    }

    private static final class Guarded extends DelegatingDataSource implements AutoCloseable {

        private final DatabaseAvailability availability;

        Guarded(DataSource target, DatabaseAvailability availability) {
            super(target);
            this.availability = availability;
        }

        @Override
        public Connection getConnection() throws SQLException {
            refuseWhileAway();
            return super.getConnection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            refuseWhileAway();
            return super.getConnection(username, password);
        }

        /** Closes the pool with the bean. */
        @Override
        public void close() throws Exception {
            if (getTargetDataSource() instanceof AutoCloseable pool) {
                pool.close();
            }
        }

        private void refuseWhileAway() throws SQLTransientConnectionException {
            String reason = availability.away;
            if (reason != null) {
                // SQLState 08001: the client could not establish a connection.
                throw new SQLTransientConnectionException("Database unavailable: " + reason, "08001");
            }
        }
    }
}
