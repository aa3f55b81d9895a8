package app.caseload.therapists;

import app.caseload.shared.AccountId;
import app.caseload.shared.MemberId;
import app.caseload.shared.MemberStatus;
import app.caseload.shared.PracticeId;
import app.caseload.shared.RoleId;
import app.caseload.shared.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class MemberRepository {

    private static final String COLUMNS = "practice_id, id, account_id, role_id, status, admin, joined_at, removed_at";

    private final JdbcClient jdbc;

    MemberRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Member> find(PracticeId practice, MemberId id) {
        return jdbc.sql("select " + COLUMNS + " from member where practice_id = ? and id = ?")
                .params(practice.value(), id.value())
                .query(MemberRepository::map)
                .optional();
    }

    Optional<Member> findCurrent(AccountId account) {
        return jdbc.sql("""
                select m.practice_id, m.id, m.account_id, m.role_id, m.status, m.admin, m.joined_at, m.removed_at
                from account_membership am
                join member m on m.practice_id = am.practice_id and m.id = am.member_id
                where am.account_id = ?""").param(account.value()).query(MemberRepository::map).optional();
    }

    /**
     * Serialises team changes within one practice, so that two admins demoting each other at the
     * same time cannot leave the practice without an Active admin.
     */
    void lockTeam(PracticeId practice) {
        jdbc.sql("select id from practice where id = ? for update")
                .param(practice.value())
                .query(UUID.class)
                .single();
    }

    Set<MemberId> activeAdmins(PracticeId practice) {
        return jdbc.sql("""
                select id from member
                where practice_id = ? and admin and status = 'ACTIVE' and removed_at is null""").param(practice.value()).query(UUID.class).list().stream()
                .map(MemberId::new)
                .collect(Collectors.toSet());
    }

    /**
     * Inserts the member and its account's current membership together. The membership's primary
     * key is the account, so a second current practice is refused by the database itself.
     */
    void insert(Member member) {
        jdbc.sql("insert into member (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        member.practiceId().value(),
                        member.id().value(),
                        member.accountId().value(),
                        member.roleId().value(),
                        member.status().name(),
                        member.admin(),
                        Timestamps.of(member.joinedAt()),
                        null)
                .update();
        jdbc.sql("insert into account_membership (account_id, practice_id, member_id) values (?, ?, ?)")
                .params(
                        member.accountId().value(),
                        member.practiceId().value(),
                        member.id().value())
                .update();
    }

    void update(Member member) {
        jdbc.sql("""
                update member set role_id = ?, status = ?, admin = ?, removed_at = ?
                where practice_id = ? and id = ?""")
                .params(
                        member.roleId().value(),
                        member.status().name(),
                        member.admin(),
                        Timestamps.of(member.removedAt()),
                        member.practiceId().value(),
                        member.id().value())
                .update();
        if (member.removedAt() != null) {
            jdbc.sql("delete from account_membership where account_id = ? and practice_id = ? and member_id = ?")
                    .params(
                            member.accountId().value(),
                            member.practiceId().value(),
                            member.id().value())
                    .update();
        }
    }

    private static Member map(ResultSet rs, int row) throws SQLException {
        Timestamp removed = rs.getTimestamp("removed_at");
        return new Member(
                new PracticeId(rs.getObject("practice_id", UUID.class)),
                new MemberId(rs.getObject("id", UUID.class)),
                new AccountId(rs.getObject("account_id", UUID.class)),
                new RoleId(rs.getObject("role_id", UUID.class)),
                MemberStatus.valueOf(rs.getString("status")),
                rs.getBoolean("admin"),
                rs.getTimestamp("joined_at").toInstant(),
                removed == null ? null : removed.toInstant());
    }
}
