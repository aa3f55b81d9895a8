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
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What recording a read costs the read path: the figure quoted in docs/security.md. A list read of
 * 50 clients is recorded as one insert with a 50-element uuid[]; measured inside a read's
 * transaction, as the clients module will call it.
 */
class AuditReadCostTest extends IntegrationTest {

    @Autowired
    AuditTrail trail;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void recordingAListReadCostsLittle() {
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
        Runnable read = () -> transactions.executeWithoutResult(status ->
                jdbc.sql("select count(*) from member").query(Long.class).single());
        Runnable readAndRecord = () -> transactions.executeWithoutResult(status -> {
            jdbc.sql("select count(*) from member").query(Long.class).single();
            trail.recordRead(viewer, "client.list.read", "CLIENT", null, clients);
        });
        for (int i = 0; i < 200; i++) {
            read.run();
            readAndRecord.run();
        }
        int n = 1000;
        long plain = time(read, n);
        long recorded = time(readAndRecord, n);
        double extraMicros = (recorded - plain) / 1000.0 / n;
        System.out.printf(
                "Audit read cost: plain read %.0f µs, read + recordRead(50 clients) %.0f µs, extra %.0f µs per read%n",
                plain / 1000.0 / n, recorded / 1000.0 / n, extraMicros);
        // Generous bound for a shared CI machine: a few milliseconds at most.
        assertThat(extraMicros).isLessThan(5_000);
    }

    private static long time(Runnable action, int times) {
        long start = System.nanoTime();
        for (int i = 0; i < times; i++) {
            action.run();
        }
        return System.nanoTime() - start;
    }
}
