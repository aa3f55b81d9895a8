package app.caseload.accounts;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code caseload.auth.throttle.*}: how many failed attempts an account (email) and a client
 * address may make within one window before the door answers 429 until the window ends.
 */
@ConfigurationProperties("caseload.auth.throttle")
public record ThrottleProperties(
        @DefaultValue("5") int maxFailuresPerAccount,
        @DefaultValue("30") int maxFailuresPerAddress,
        @DefaultValue("15m") Duration window) {}
