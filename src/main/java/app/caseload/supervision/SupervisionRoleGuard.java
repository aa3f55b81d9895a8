package app.caseload.supervision;

import app.caseload.roles.RoleChangeGuard;
import app.caseload.roles.RoleDraft;
import app.caseload.roles.RoleView;
import app.caseload.shared.MemberId;
import app.caseload.shared.PracticeId;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Refuses role changes that would leave a supervision with a supervisor who may no longer
 * supervise (SPEC §3): end the supervision first.
 */
@Component
class SupervisionRoleGuard implements RoleChangeGuard {

    private final JdbcClient jdbc;

    SupervisionRoleGuard(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A member who supervises someone cannot move to a role that cannot supervise (SPEC §3). */
    @Override
    public void beforeMemberRoleChange(PracticeId practice, MemberId member, RoleView from, RoleView to) {
        if (!to.canSupervise() && hasCurrentSupervisees(practice, List.of(member))) {
            throw SupervisionProblems.breaksSupervision();
        }
    }

    /** A role whose holders supervise someone cannot lose the right to supervise (SPEC §3). */
    @Override
    public void beforeRoleRulesChange(PracticeId practice, RoleView current, RoleDraft replacement) {
        if (current.canSupervise() && !replacement.canSupervise()) {
            lockPractice(practice);
            Integer holdersSupervising = jdbc.sql("""
                    select count(*) from supervision sv
                    join member m on m.practice_id = sv.practice_id and m.id = sv.supervisor_id
                    where sv.practice_id = ? and m.role_id = ? and m.removed_at is null and sv.ended_at is null""")
                    .params(practice.value(), current.id().value())
                    .query(Integer.class)
                    .single();
            if (holdersSupervising > 0) {
                throw SupervisionProblems.breaksSupervision();
            }
        }
    }

    private boolean hasCurrentSupervisees(PracticeId practice, List<MemberId> members) {
        return jdbc.sql("""
                select exists (select 1 from supervision
                               where practice_id = :practice and supervisor_id in (:members) and ended_at is null)""")
                .param("practice", practice.value())
                .param("members", members.stream().map(MemberId::value).toList())
                .query(Boolean.class)
                .single();
    }

    private void lockPractice(PracticeId practice) {
        jdbc.sql("select id from practice where id = ? for update")
                .param(practice.value())
                .query(UUID.class)
                .single();
    }
}
