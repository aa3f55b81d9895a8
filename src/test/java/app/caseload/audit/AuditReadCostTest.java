package app.caseload.audit;

import static org.assertj.core.api.Assertions.assertThat;

import app.caseload.shared.AccountId;
import app.caseload.shared.Caller;
import app.caseload.shared.MemberId;
import app.caseload.shared.MemberStatus;
import app.caseload.shared.PracticeId;
import app.caseload.support.Fixtures;
import app.caseload.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What recording a read costs the read path: the figures quoted in docs/security.md. A list read of
 * 50 clients is recorded as one row with a 50-element uuid[]. Prints the extra time per read of
 * three ways to record it, measured side by side under the same load; asserts only that every
 * recorded read arrives (timings on a shared machine are not a test).
 */
class AuditReadCostTest extends IntegrationTest {

    @Autowired
    AuditTrail trail;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcTemplate jdbcTemplate;

    @Test
    void recordingAListReadCostsLittleAndLosesNothing() {
        Fixtures.Member owner = fixtures().signup("Read Cost");
        Caller viewer = new Caller(
                new AccountId(UUID.randomUUID()),
                new MemberId(UUID.fromString(owner.memberId())),
                new PracticeId(UUID.fromString(owner.practiceId())),
                null,
                MemberStatus.ACTIVE,
                true);
        List<UUID> clients = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            clients.add(UUID.randomUUID());
        }
        TransactionTemplate own = new TransactionTemplate(transactions.getTransactionManager());
        own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        Runnable read =
                () -> jdbc.sql("select count(*) from member").query(Long.class).single();
        // A change that reads client data: its transaction writes (and commits durably) anyway.
        Runnable change = () -> trail.record(AuditEntry.of("cost.change", viewer.practiceId()));
        Runnable readInTransaction = () -> transactions.executeWithoutResult(status -> {
            read.run();
            change.run();
        });
        // Phase 1: a transaction of its own per read, committed with synchronous_commit = off.
        Runnable ownTransaction = () -> {
            read.run();
            own.executeWithoutResult(status -> {
                jdbcTemplate.execute("set local synchronous_commit = off");
                trail.recordRead(viewer, "cost.own_transaction", "CLIENT", null, clients);
            });
        };
        // Now, outside a transaction (every GET): queued, written in batches.
        Runnable buffered = () -> {
            read.run();
            trail.recordRead(viewer, "cost.buffered", "CLIENT", null, clients);
        };
        // Now, inside a change's transaction: one more insert in it, no commit of its own.
        Runnable joined = () -> transactions.executeWithoutResult(status -> {
            read.run();
            change.run();
            trail.recordRead(viewer, "cost.joined", "CLIENT", null, clients);
        });
        for (int i = 0; i < 200; i++) {
            read.run();
            readInTransaction.run();
            ownTransaction.run();
            buffered.run();
            joined.run();
        }
        int n = 1000;
        double plain = micros(read, n);
        double plainTx = micros(readInTransaction, n);
        double phase1 = micros(ownTransaction, n) - plain;
        double queued = micros(buffered, n) - plain;
        double inTx = micros(joined, n) - plainTx;
        System.out.printf(
                "Audit read cost (50 clients): plain read %.0f µs, change %.0f µs; extra per read: own transaction"
                        + " (phase 1) %.0f µs, buffered %.0f µs, joined to the change's transaction %.0f µs%n",
                plain, plainTx, phase1, queued, inTx);

        trail.flushReads();
        for (String action : List.of("cost.own_transaction", "cost.buffered", "cost.joined")) {
            Long rows = jdbc.sql("select count(*) from audit_event where practice_id = ? and action = ?")
                    .params(viewer.practiceId().value(), action)
                    .query(Long.class)
                    .single();
            assertThat(rows).as(action).isEqualTo(200L + n);
        }
    }

    private static double micros(Runnable action, int times) {
        long start = System.nanoTime();
        for (int i = 0; i < times; i++) {
            action.run();
        }
        return (System.nanoTime() - start) / 1000.0 / times;
    }
}
