package app.caseload.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code caseload.database.*}: how often the embedded PostgreSQL's watchdog looks at the server,
 * how many times it tries to start a stopped server again before Caseload exits, and the pause
 * after the first failed attempt (growing with each attempt).
 */
@ConfigurationProperties("caseload.database")
record DatabaseProperties(
        @DefaultValue("250ms") Duration watchInterval,
        @DefaultValue("5") int restartAttempts,
        @DefaultValue("1s") Duration restartBackoff) {}
