package app.caseload.accounts;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code caseload.auth.*}: how long a sign-in survives without use. */
@ConfigurationProperties("caseload.auth")
public record AuthProperties(@DefaultValue("15m") Duration idleTimeout) {}
