package app.caseload.audit;

import app.caseload.shared.Caller;
import app.caseload.shared.Cursor;
import app.caseload.shared.Page;
import app.caseload.shared.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Searching the audit trail of one practice, for its admins: newest first, keyset-paged, with no
 * cap on how far back a search may reach (retention is at least six years).
 */
@Service
public class AuditLog {

    public record Filter(UUID actorId, UUID clientId, Instant from, Instant to) {}

    public record Event(
            UUID id,
            Instant at,
            UUID actorMemberId,
            UUID actorAccountId,
            String action,
            String targetType,
            UUID targetId,
            List<UUID> clientIds,
            String ip,
            String detail) {}

    private final JdbcClient jdbc;
    private final AuditTrail trail;

    AuditLog(JdbcClient jdbc, AuditTrail trail) {
        this.jdbc = jdbc;
        this.trail = trail;
    }

    public Page<Event> search(Caller admin, Filter filter, String cursor, int limit) {
        admin.requireAdmin();
        trail.flushReads();
        return page(admin, filter, Cursor.decode(cursor), limit);
    }

    /**
     * Walks every matching event, newest first, page by page (so memory stays flat however long the
     * trail), and records that the admin exported it.
     */
    public void export(Caller admin, Filter filter, Consumer<Event> sink) {
        admin.requireAdmin();
        trail.flushReads();
        Cursor after = null;
        do {
            Page<Event> page = page(admin, filter, after, 1000);
            page.items().forEach(sink);
            after = Cursor.decode(page.nextCursor());
        } while (after != null);
    }

    /** Records the export, in its own short transaction, before any row is sent. */
    public void recordExport(Caller admin, Filter filter) {
        admin.requireAdmin();
        trail.recordAttempt(AuditEntry.of("audit.exported", admin.practiceId())
                .by(admin.memberId())
                .byAccount(admin.accountId())
                .detail("actorId", filter.actorId())
                .detail("clientId", filter.clientId())
                .detail("from", filter.from())
                .detail("to", filter.to()));
    }

    private Page<Event> page(Caller admin, Filter filter, Cursor after, int limit) {
        StringBuilder sql = new StringBuilder("""
                select id, at, actor_member_id, actor_account_id, action, target_type, target_id, client_ids, ip,
                       detail::text as detail
                from audit_event where practice_id = :practice""");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("practice", admin.practiceId().value());
        if (filter.actorId() != null) {
            sql.append(" and actor_member_id = :actor");
            params.put("actor", filter.actorId());
        }
        if (filter.clientId() != null) {
            sql.append(" and client_ids @> array[cast(:client as uuid)]");
            params.put("client", filter.clientId());
        }
        if (filter.from() != null) {
            sql.append(" and at >= :from");
            params.put("from", Timestamps.of(filter.from()));
        }
        if (filter.to() != null) {
            sql.append(" and at < :to");
            params.put("to", Timestamps.of(filter.to()));
        }
        if (after != null) {
            // "at <=" says nothing the row comparison does not, but PostgreSQL prunes month partitions
            // newer than the cursor only on a plain bound of the partition key.
            sql.append(" and at <= :afterAt and (at, id) < (:afterAt, :afterId)");
            params.put("afterAt", Timestamps.of(after.instantKey()));
            params.put("afterId", after.id());
        }
        sql.append(" order by at desc, id desc limit :limit");
        params.put("limit", limit + 1);
        List<Event> rows =
                jdbc.sql(sql.toString()).params(params).query(AuditLog::map).list();
        return Page.of(rows, limit, e -> Cursor.encode(e.at(), e.id()));
    }

    private static Event map(ResultSet rs, int row) throws SQLException {
        java.sql.Array clients = rs.getArray("client_ids");
        UUID[] ids = clients == null ? new UUID[0] : (UUID[]) clients.getArray();
        return new Event(
                rs.getObject("id", UUID.class),
                rs.getTimestamp("at").toInstant(),
                rs.getObject("actor_member_id", UUID.class),
                rs.getObject("actor_account_id", UUID.class),
                rs.getString("action"),
                rs.getString("target_type"),
                rs.getObject("target_id", UUID.class),
                Arrays.asList(ids),
                rs.getString("ip"),
                rs.getString("detail"));
    }
}
