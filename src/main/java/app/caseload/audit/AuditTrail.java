package app.caseload.audit;

import app.caseload.shared.AccountId;
import app.caseload.shared.Caller;
import app.caseload.shared.MemberId;
import app.caseload.shared.RequestOrigin;
import app.caseload.shared.Timestamps;
import java.sql.Array;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the audit trail. Every write joins the caller's transaction ({@link Propagation#MANDATORY}
 * for changes), so the entry commits with the change it records or not at all. Reads of client
 * data are recorded with {@link #recordRead}: one row per read, listing every client returned,
 * without a commit of their own (see there).
 */
@Service
public class AuditTrail {

    private static final String INSERT = """
            insert into audit_event (id, at, practice_id, actor_account_id, actor_member_id, action, target_type,
                                     target_id, client_ids, ip, detail)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)""";

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final ReadAuditBuffer buffer;

    AuditTrail(JdbcTemplate jdbc, JsonMapper json, Clock clock, ReadAuditBuffer buffer) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.buffer = buffer;
    }

    /** Records a change, inside the transaction that makes it. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(AuditEntry entry) {
        insert(jdbc, List.of(row(entry)));
    }

    /**
     * Records a refused or change-free event (a failed sign-in) in the caller's transaction, or in
     * its own when there is none.
     */
    @Transactional
    public void recordAttempt(AuditEntry entry) {
        insert(jdbc, List.of(row(entry)));
    }

    /**
     * Records that the viewer read client data: which clients a list, detail, export or caseload
     * returned. One row per read, whatever the number of clients.
     */
    public void recordRead(Caller viewer, String action, String targetType, UUID targetId, Collection<UUID> clientIds) {
        recordRead(AuditEntry.of(action, viewer.practiceId())
                .by(viewer.memberId())
                .byAccount(viewer.accountId())
                .target(targetType, targetId)
                .clients(clientIds));
    }

    /**
     * Records a read without a commit of its own. Inside a writable transaction (a read that is part
     * of a change) the row joins it: one insert, no extra commit. Otherwise the row (actor, address
     * and time fixed now) goes to the {@link ReadAuditBuffer}, which writes rows in batches every
     * ~100 ms, before every audit search, and on shutdown; a full buffer makes the reader write its
     * row itself rather than drop it. Read rows carry {@code "read": "true"} in their detail.
     *
     * <p>A change that is refused after it read client data (a refusal that lists clients) rolls its
     * transaction back: the read row then goes to the buffer, so what was shown stays recorded.
     */
    public void recordRead(AuditEntry entry) {
        Row row = row(entry.detail("read", true));
        if (TransactionSynchronizationManager.isActualTransactionActive()
                && !TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
            insert(jdbc, List.of(row));
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status == STATUS_ROLLED_BACK) {
                        buffer.add(row);
                    }
                }
            });
        } else {
            buffer.add(row);
        }
    }

    /** Writes every buffered read now, so that a search sees them. */
    void flushReads() {
        buffer.flush();
    }

    /** One audit row with everything resolved: the actor, the address and the time of the event. */
    record Row(
            UUID id,
            java.time.OffsetDateTime at,
            UUID practice,
            UUID account,
            UUID member,
            String action,
            String targetType,
            UUID targetId,
            UUID[] clients,
            String ip,
            String detail) {}

    private Row row(AuditEntry entry) {
        Caller current = currentCaller();
        AccountId account = entry.actorAccount;
        MemberId member = entry.actorMember;
        if (current != null && member == null && account == null) {
            member = current.memberId();
            account = current.accountId();
        } else if (current != null && account == null && current.memberId().equals(member)) {
            account = current.accountId();
        }
        return new Row(
                UUID.randomUUID(),
                Timestamps.of(clock.instant()),
                entry.practice == null ? null : entry.practice.value(),
                account == null ? null : account.value(),
                member == null ? null : member.value(),
                entry.action,
                entry.targetType,
                entry.targetId,
                entry.clientIds.toArray(UUID[]::new),
                entry.ip != null ? entry.ip : RequestOrigin.ip().orElse(null),
                json.writeValueAsString(entry.detail));
    }

    /** Inserts the rows in one JDBC batch, in whatever transaction is current. */
    static void insert(JdbcTemplate jdbc, List<Row> rows) {
        jdbc.batchUpdate(INSERT, rows, rows.size(), (ps, r) -> {
            Array array = ps.getConnection().createArrayOf("uuid", r.clients());
            ps.setObject(1, r.id());
            ps.setObject(2, r.at());
            ps.setObject(3, r.practice());
            ps.setObject(4, r.account());
            ps.setObject(5, r.member());
            ps.setString(6, r.action());
            ps.setString(7, r.targetType());
            ps.setObject(8, r.targetId());
            ps.setArray(9, array);
            ps.setString(10, r.ip());
            ps.setString(11, r.detail());
        });
    }

    private static Caller currentCaller() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof Caller caller ? caller : null;
    }
}
