package app.caseload.accounts;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code caseload.auth.*}: how long a sign-in survives without use, and how long a password reset
 * link works.
 */
@ConfigurationProperties("caseload.auth")
public record AuthProperties(
        @DefaultValue("15m") Duration idleTimeout,
        @DefaultValue("30m") Duration passwordResetTtl) {}
