package app.caseload.invitations;

import app.caseload.shared.InvitationId;
import app.caseload.shared.MemberId;
import app.caseload.shared.PracticeId;
import app.caseload.shared.RoleId;
import app.caseload.shared.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class InvitationRepository {

    private static final String COLUMNS = """
            i.practice_id, i.id, i.full_name, i.email, i.role_id, i.admin, i.status, i.invited_by, i.created_at,
            i.expires_at, i.responded_at, i.member_id""";

    private final JdbcClient jdbc;

    InvitationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Linked(Invitation invitation, boolean superseded) {}

    /** The invitation a link belongs to, locked for answering. */
    Optional<Linked> lockByLink(PracticeId practice, byte[] tokenHash) {
        return jdbc.sql("select " + COLUMNS + ", l.superseded_at from invitation_link l"
                        + " join invitation i on i.practice_id = l.practice_id and i.id = l.invitation_id"
                        + " where l.practice_id = ? and l.token_hash = ? for update of i")
                .params(practice.value(), tokenHash)
                .query((rs, n) -> new Linked(map(rs, n), rs.getTimestamp("superseded_at") != null))
                .optional();
    }

    Optional<Invitation> lock(PracticeId practice, InvitationId id) {
        return jdbc.sql("select " + COLUMNS + " from invitation i where i.practice_id = ? and i.id = ? for update")
                .params(practice.value(), id.value())
                .query(InvitationRepository::map)
                .optional();
    }

    /** Marks pending invitations of this email that are past their expiry as EXPIRED. */
    void expirePending(PracticeId practice, String email, Instant now) {
        jdbc.sql("""
                update invitation set status = 'EXPIRED'
                where practice_id = ? and lower(email) = lower(?) and status = 'PENDING' and expires_at <= ?""").params(practice.value(), email.trim(), Timestamps.of(now)).update();
    }

    boolean hasPending(PracticeId practice, String email) {
        return jdbc.sql("""
                select exists (select 1 from invitation
                               where practice_id = ? and lower(email) = lower(?) and status = 'PENDING')""")
                .params(practice.value(), email.trim())
                .query(Boolean.class)
                .single();
    }

    void insert(Invitation i) {
        jdbc.sql("""
                insert into invitation (practice_id, id, full_name, email, role_id, admin, status, invited_by,
                                        created_at, expires_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        i.practiceId().value(),
                        i.id().value(),
                        i.fullName(),
                        i.email(),
                        i.roleId().value(),
                        i.admin(),
                        i.status().name(),
                        i.invitedBy().value(),
                        Timestamps.of(i.createdAt()),
                        Timestamps.of(i.expiresAt()))
                .update();
    }

    void update(Invitation i) {
        jdbc.sql("""
                update invitation set status = ?, expires_at = ?, responded_at = ?, member_id = ?
                where practice_id = ? and id = ?""")
                .params(
                        i.status().name(),
                        Timestamps.of(i.expiresAt()),
                        Timestamps.of(i.respondedAt()),
                        i.memberId() == null ? null : i.memberId().value(),
                        i.practiceId().value(),
                        i.id().value())
                .update();
    }

    /** Records a new link for the invitation and supersedes all earlier ones. */
    void newLink(Invitation i, byte[] tokenHash, Instant now) {
        jdbc.sql("""
                update invitation_link set superseded_at = ?
                where practice_id = ? and invitation_id = ? and superseded_at is null""")
                .params(Timestamps.of(now), i.practiceId().value(), i.id().value())
                .update();
        jdbc.sql("insert into invitation_link (practice_id, token_hash, invitation_id, created_at) values (?, ?, ?, ?)")
                .params(i.practiceId().value(), tokenHash, i.id().value(), Timestamps.of(now))
                .update();
    }

    static Invitation map(ResultSet rs, int row) throws SQLException {
        Timestamp responded = rs.getTimestamp("responded_at");
        UUID member = rs.getObject("member_id", UUID.class);
        UUID role = rs.getObject("role_id", UUID.class);
        return new Invitation(
                new PracticeId(rs.getObject("practice_id", UUID.class)),
                new InvitationId(rs.getObject("id", UUID.class)),
                rs.getString("full_name"),
                rs.getString("email"),
                role == null ? null : new RoleId(role),
                rs.getBoolean("admin"),
                InvitationStatus.valueOf(rs.getString("status")),
                new MemberId(rs.getObject("invited_by", UUID.class)),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("expires_at").toInstant(),
                responded == null ? null : responded.toInstant(),
                member == null ? null : new MemberId(member));
    }
}
