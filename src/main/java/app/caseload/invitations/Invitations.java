package app.caseload.invitations;

import app.caseload.accounts.AccountView;
import app.caseload.accounts.Accounts;
import app.caseload.accounts.AuthTokens;
import app.caseload.accounts.Mfa;
import app.caseload.mail.Outbox;
import app.caseload.practice.Practices;
import app.caseload.roles.RoleView;
import app.caseload.roles.Roles;
import app.caseload.shared.AccountId;
import app.caseload.shared.Caller;
import app.caseload.shared.Cursor;
import app.caseload.shared.InvitationId;
import app.caseload.shared.MemberId;
import app.caseload.shared.Page;
import app.caseload.shared.PracticeId;
import app.caseload.shared.RoleId;
import app.caseload.shared.Timestamps;
import app.caseload.therapists.Therapists;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.env.Environment;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Inviting therapists, and answering invitations (SPEC §1). */
@Service
public class Invitations {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMMM d, yyyy 'at' HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC)
            .withLocale(java.util.Locale.US);

    private final InvitationRepository invitations;
    private final JdbcClient jdbc;
    private final Roles roles;
    private final Therapists therapists;
    private final Accounts accounts;
    private final AuthTokens tokens;
    private final Practices practices;
    private final Outbox outbox;
    private final Mfa mfa;
    private final InvitationsProperties properties;
    private final Environment environment;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Invitations(
            InvitationRepository invitations,
            JdbcClient jdbc,
            Roles roles,
            Therapists therapists,
            Accounts accounts,
            AuthTokens tokens,
            Practices practices,
            Outbox outbox,
            Mfa mfa,
            InvitationsProperties properties,
            Environment environment,
            ApplicationEventPublisher events,
            Clock clock) {
        this.invitations = invitations;
        this.jdbc = jdbc;
        this.roles = roles;
        this.therapists = therapists;
        this.accounts = accounts;
        this.tokens = tokens;
        this.practices = practices;
        this.outbox = outbox;
        this.mfa = mfa;
        this.properties = properties;
        this.environment = environment;
        this.events = events;
        this.clock = clock;
    }

    /** The answer to a successful acceptance: the new member, signed in. */
    public record Accepted(MemberId memberId, PracticeId practiceId, AuthTokens.IssuedToken token) {}

    // ---- admins ---------------------------------------------------------------------------------

    /**
     * Invites a person by full name, email and role, and queues the email in the same transaction.
     * Refused when the email is already a member here or already has a pending invitation.
     */
    @Transactional
    public InvitationView invite(Caller admin, String fullName, String email, RoleId role, boolean asAdmin) {
        admin.requireAdmin();
        PracticeId practice = admin.practiceId();
        roles.requireForAssignment(practice, role);
        if (therapists.isCurrentMember(practice, email)) {
            throw InvitationProblems.alreadyMember();
        }
        Instant now = clock.instant();
        invitations.expirePending(practice, email, now);
        if (invitations.hasPending(practice, email)) {
            throw InvitationProblems.alreadyPending();
        }
        Invitation invitation =
                Invitation.create(practice, fullName, email, role, asAdmin, admin.memberId(), now, properties.ttl());
        try {
            invitations.insert(invitation);
        } catch (DuplicateKeyException e) {
            throw InvitationProblems.alreadyPending(); // a concurrent request invited the same email first
        }
        sendLink(invitation, now);
        events.publishEvent(new InvitationEvents.InvitationSent(practice, invitation.id(), admin.memberId(), false));
        return view(practice, invitation.id());
    }

    /** Sends a new link with a new expiry; every earlier link stops working. */
    @Transactional
    public InvitationView resend(Caller admin, InvitationId id) {
        admin.requireAdmin();
        Invitation invitation = invitations.lock(admin.practiceId(), id).orElseThrow(InvitationProblems::notFound);
        Instant now = clock.instant();
        if (therapists.isCurrentMember(admin.practiceId(), invitation.email())) {
            throw InvitationProblems.alreadyMember();
        }
        invitation.resend(now, properties.ttl());
        try {
            invitations.update(invitation);
        } catch (DuplicateKeyException e) {
            throw InvitationProblems.alreadyPending(); // an expired one renewed while a newer one is pending
        }
        sendLink(invitation, now);
        events.publishEvent(new InvitationEvents.InvitationSent(admin.practiceId(), id, admin.memberId(), true));
        return view(admin.practiceId(), id);
    }

    @Transactional
    public InvitationView revoke(Caller admin, InvitationId id) {
        admin.requireAdmin();
        Invitation invitation = invitations.lock(admin.practiceId(), id).orElseThrow(InvitationProblems::notFound);
        invitation.revoke(clock.instant());
        invitations.update(invitation);
        events.publishEvent(new InvitationEvents.InvitationRevoked(admin.practiceId(), id, admin.memberId()));
        return view(admin.practiceId(), id);
    }

    /** Every invitation of the practice, newest first, optionally of one status. */
    public Page<InvitationView> list(Caller admin, InvitationStatus status, String cursor, int limit) {
        admin.requireAdmin();
        Cursor after = Cursor.decode(cursor);
        Map<String, Object> params = new LinkedHashMap<>();
        StringBuilder sql = new StringBuilder(SELECT_VIEW).append(" where i.practice_id = :practice");
        params.put("practice", admin.practiceId().value());
        params.put("now", Timestamps.of(clock.instant()));
        if (status != null) {
            sql.append(" and ").append(EFFECTIVE_STATUS).append(" = :status");
            params.put("status", status.name());
        }
        if (after != null) {
            sql.append(" and (i.created_at, i.id) < (:afterAt, :afterId)");
            params.put("afterAt", Timestamps.of(after.instantKey()));
            params.put("afterId", after.id());
        }
        sql.append(" order by i.created_at desc, i.id desc limit :limit");
        params.put("limit", limit + 1);
        List<InvitationView> rows = jdbc.sql(sql.toString())
                .params(params)
                .query(Invitations::mapView)
                .list();
        return Page.of(rows, limit, v -> Cursor.encode(v.createdAt(), v.id().value()));
    }

    public InvitationView get(Caller admin, InvitationId id) {
        admin.requireAdmin();
        return view(admin.practiceId(), id);
    }

    // ---- invitees (public, by link) ----------------------------------------------------------------

    /** What the link offers; 404 for an unknown link, 410 when it can no longer be used. */
    @Transactional // the lookup locks the invitation row, as answering does
    public InvitationPreview preview(String token) {
        Invitation invitation = usable(token);
        PracticeId practice = invitation.practiceId();
        RoleView role = roles.get(practice, invitation.roleId());
        String inviter = therapists.fullName(practice, invitation.invitedBy());
        return new InvitationPreview(
                practices.get(practice).name(),
                invitation.fullName(),
                invitation.email(),
                role.name(),
                inviter,
                invitation.expiresAt(),
                accounts.findByEmail(invitation.email()).isPresent());
    }

    /**
     * Accepts: with a new password when the email has no account yet, or with the existing
     * account's password. The new member is Active with the invited role, and signed in.
     */
    @Transactional
    public Accepted accept(String token, String password) {
        return accept(token, password, null);
    }

    /**
     * As {@link #accept(String, String)}; an existing account that has a second factor must also
     * give a current code from it, as it would to sign in.
     */
    @Transactional
    public Accepted accept(String token, String password, String code) {
        Invitation invitation = usable(token);
        Instant now = clock.instant();
        AccountId account = accounts.findByEmail(invitation.email())
                .map(existing -> existingAccount(existing, password, code))
                .orElseGet(() -> accounts.register(invitation.email(), invitation.fullName(), password));
        MemberId member = therapists.join(invitation.practiceId(), account, invitation.roleId(), invitation.admin());
        invitation.accept(member, now);
        invitations.update(invitation);
        var caller = therapists.member(invitation.practiceId(), member).orElseThrow();
        events.publishEvent(new InvitationEvents.InvitationAccepted(invitation.practiceId(), invitation.id(), member));
        return new Accepted(member, invitation.practiceId(), tokens.issue(caller));
    }

    private AccountId existingAccount(AccountView existing, String password, String code) {
        AccountId account =
                accounts.authenticate(existing.email(), password).orElseThrow(InvitationProblems::wrongPassword);
        if (tokens.mfaEnrolled(account) && !mfa.provesSecondFactor(account, code)) {
            throw InvitationProblems.secondFactorRequired();
        }
        return account;
    }

    @Transactional
    public void decline(String token) {
        Invitation invitation = usable(token);
        invitation.decline(clock.instant());
        invitations.update(invitation);
        events.publishEvent(new InvitationEvents.InvitationDeclined(invitation.practiceId(), invitation.id()));
    }

    /** The invitation of a link, locked, if it can be answered now. */
    private Invitation usable(String token) {
        InvitationLinks.Parsed link = InvitationLinks.parse(token).orElseThrow(InvitationProblems::unknownLink);
        InvitationRepository.Linked linked =
                invitations.lockByLink(link.practice(), link.hash()).orElseThrow(InvitationProblems::unknownLink);
        Invitation invitation = linked.invitation();
        invitation.requireUsable(clock.instant());
        if (linked.superseded()) {
            throw InvitationProblems.replaced();
        }
        return invitation;
    }

    // ---- mail -------------------------------------------------------------------------------------

    private void sendLink(Invitation invitation, Instant now) {
        PracticeId practice = invitation.practiceId();
        String token = InvitationLinks.newToken(practice);
        invitations.newLink(invitation, app.caseload.shared.SecretTokens.hash(token), now);
        String practiceName = practices.get(practice).name();
        String roleName = roles.get(practice, invitation.roleId()).name();
        String inviter = therapists.fullName(practice, invitation.invitedBy());
        String link = baseUrl() + "/invitations/accept?token=" + token;
        String text = """
                Hello %s,

                %s invited you to join %s on Caseload as %s.

                To accept or decline, open this link:
                %s

                The link works once and expires on %s.
                If you did not expect this invitation, you can ignore this email.
                """.formatted(
                invitation.fullName(), inviter, practiceName, roleName, link, DATE.format(invitation.expiresAt()));
        outbox.enqueue(
                practice, invitation.email(), inviter + " invited you to join " + practiceName + " on Caseload", text);
    }

    /** Read per mail: with {@code server.port=0} the real port is known only once the server runs. */
    private String baseUrl() {
        String url = environment.getRequiredProperty("caseload.base-url");
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    // ---- read model -------------------------------------------------------------------------------

    private static final String EFFECTIVE_STATUS =
            "(case when i.status = 'PENDING' and i.expires_at <= :now then 'EXPIRED' else i.status end)";

    private static final String SELECT_VIEW = """
            select i.id, i.full_name, i.email, i.role_id, r.name as role_name, i.admin, %s as effective_status,
                   i.invited_by, i.created_at, i.expires_at
            from invitation i
            left join role r on r.practice_id = i.practice_id and r.id = i.role_id
            """.formatted(EFFECTIVE_STATUS);

    private InvitationView view(PracticeId practice, InvitationId id) {
        return jdbc.sql(SELECT_VIEW + " where i.practice_id = :practice and i.id = :id")
                .param("practice", practice.value())
                .param("id", id.value())
                .param("now", Timestamps.of(clock.instant()))
                .query(Invitations::mapView)
                .optional()
                .orElseThrow(InvitationProblems::notFound);
    }

    private static InvitationView mapView(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        UUID role = rs.getObject("role_id", UUID.class);
        return new InvitationView(
                new InvitationId(rs.getObject("id", UUID.class)),
                rs.getString("full_name"),
                rs.getString("email"),
                role == null ? null : new RoleId(role),
                rs.getString("role_name"),
                rs.getBoolean("admin"),
                InvitationStatus.valueOf(rs.getString("effective_status")),
                new MemberId(rs.getObject("invited_by", UUID.class)),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("expires_at").toInstant());
    }
}
