package app.caseload.clients;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The consistency guard of what the database keeps about clients: recomputes the caseload relation in
 * full from clients and sessions (the view {@code caseload_expected}, the relation's one definition)
 * and lists every row that differs from the stored one; and recounts the kept numbers (each client's
 * in {@code client_numbers}, each practice's in {@code practice_count}). Zero differences means every
 * read answered from them answered what the base tables say.
 */
@Service
public class CaseloadConsistency {

    private final JdbcClient jdbc;

    CaseloadConsistency(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One differing row: {@code missing} (expected, not stored) or {@code extra} (stored, not expected). */
    public record Difference(String kind, UUID practiceId, UUID memberId, UUID clientId, String category) {}

    /** Every difference, up to {@code limit} of them. */
    public List<Difference> differences(int limit) {
        return jdbc.sql("""
                select difference, practice_id, member_id, client_id, category from caseload_differences()
                order by practice_id, member_id, client_id limit :limit""")
                .param("limit", limit)
                .query((rs, n) -> new Difference(
                        rs.getString("difference"),
                        rs.getObject("practice_id", UUID.class),
                        rs.getObject("member_id", UUID.class),
                        rs.getObject("client_id", UUID.class),
                        rs.getString("category")))
                .list();
    }

    /** How many clients' kept numbers differ from a recount of their sessions. */
    public long clientNumbersDiffering() {
        return jdbc.sql("select count(distinct (practice_id, client_id)) from client_numbers_differences()")
                .query(Long.class)
                .single();
    }

    /** How many practices' kept numbers differ from a recount. */
    public long practiceNumbersDiffering() {
        return jdbc.sql("select count(*) from practice_count_differences()")
                .query(Long.class)
                .single();
    }
}
