package app.caseload.sessions;

import app.caseload.shared.MemberId;
import app.caseload.shared.PracticeId;
import app.caseload.therapists.CaseloadHandover;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The future sessions a leaving therapist still renders, and their hand-over, inside the removal's
 * transaction. Locks the leaving member first, so a session scheduled for them at the same moment
 * is either seen here or refused there.
 */
@Component
class SessionHandover implements CaseloadHandover {

    private final JdbcClient jdbc;
    private final Sessions sessions;

    SessionHandover(JdbcClient jdbc, Sessions sessions) {
        this.jdbc = jdbc;
        this.sessions = sessions;
    }

    @Override
    public Map<String, List<?>> holdings(PracticeId practice, MemberId member, MemberId viewer) {
        lockLeaving(practice, member);
        return Map.of("futureSessions", sessions.futureSessions(practice, member));
    }

    @Override
    public void handOver(PracticeId practice, MemberId from, MemberId to, MemberId by) {
        lockLeaving(practice, from);
        sessions.handOverFuture(practice, from, to, null, by);
    }

    private void lockLeaving(PracticeId practice, MemberId member) {
        jdbc.sql("select id from member where practice_id = ? and id = ? for update")
                .params(practice.value(), member.value())
                .query(UUID.class)
                .optional();
    }
}
