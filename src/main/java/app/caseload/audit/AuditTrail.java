package app.caseload.audit;

import app.caseload.shared.AccountId;
import app.caseload.shared.Caller;
import app.caseload.shared.MemberId;
import app.caseload.shared.RequestOrigin;
import java.sql.Array;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the audit trail. Every write joins the caller's transaction ({@link Propagation#MANDATORY}
 * for changes), so the entry commits with the change it records or not at all. Reads of client
 * data are recorded with {@link #recordRead}: one row per read, listing every client returned.
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

    AuditTrail(JdbcTemplate jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** Records a change, inside the transaction that makes it. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(AuditEntry entry) {
        write(entry);
    }

    /**
     * Records a refused or change-free event (a failed sign-in) in the caller's transaction, or in
     * its own when there is none.
     */
    @Transactional
    public void recordAttempt(AuditEntry entry) {
        write(entry);
    }

    /**
     * Records that the viewer read client data: which clients a list, detail, export or caseload
     * returned. One insert per read, whatever the number of clients.
     *
     * <p>In a transaction of its own, committed without waiting for the WAL flush
     * ({@code synchronous_commit = off} for this transaction only): a read changes nothing, so its
     * entry need not hold the read up for an fsync (≈ 4 ms here), and it also works from read-only
     * transactions. The price: a database crash can lose the read entries of its last fraction of a
     * second; entries of changes are never written this way.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordRead(Caller viewer, String action, String targetType, UUID targetId, Collection<UUID> clientIds) {
        jdbc.execute("set local synchronous_commit = off");
        write(AuditEntry.of(action, viewer.practiceId())
                .by(viewer.memberId())
                .byAccount(viewer.accountId())
                .target(targetType, targetId)
                .clients(clientIds));
    }

    private void write(AuditEntry entry) {
        Caller current = currentCaller();
        AccountId account = entry.actorAccount;
        MemberId member = entry.actorMember;
        if (current != null && member == null && account == null) {
            member = current.memberId();
            account = current.accountId();
        } else if (current != null && account == null && current.memberId().equals(member)) {
            account = current.accountId();
        }
        UUID[] clients = entry.clientIds.toArray(UUID[]::new);
        MemberId actorMember = member;
        AccountId actorAccount = account;
        jdbc.update(INSERT, ps -> {
            Array array = ps.getConnection().createArrayOf("uuid", clients);
            ps.setObject(1, UUID.randomUUID());
            ps.setTimestamp(2, Timestamp.from(clock.instant()));
            ps.setObject(3, entry.practice == null ? null : entry.practice.value());
            ps.setObject(4, actorAccount == null ? null : actorAccount.value());
            ps.setObject(5, actorMember == null ? null : actorMember.value());
            ps.setString(6, entry.action);
            ps.setString(7, entry.targetType);
            ps.setObject(8, entry.targetId);
            ps.setArray(9, array);
            ps.setString(10, RequestOrigin.ip().orElse(null));
            ps.setString(11, json.writeValueAsString(entry.detail));
        });
    }

    private static Caller currentCaller() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof Caller caller ? caller : null;
    }
}
