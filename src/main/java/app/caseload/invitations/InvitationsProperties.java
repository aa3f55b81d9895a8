package app.caseload.invitations;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code caseload.invitations.ttl}: how long an invitation link works (default 7 days). */
@ConfigurationProperties("caseload.invitations")
public record InvitationsProperties(@DefaultValue("7d") Duration ttl) {}
