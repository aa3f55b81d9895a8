package app.caseload.shared;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a transaction that writes many rows in one statement asks of PostgreSQL first.
 *
 * <p>The pool plans every statement for its values ({@code plan_cache_mode=force_custom_plan},
 * application.properties), and PostgreSQL applies that setting to the queries it runs itself for each
 * written row too: the foreign-key checks. A 10,000-row insert into {@code client_assignment}, four
 * foreign keys, planned 40,000 key lookups: 1.3 s instead of 0.35 s, and the bulk move's update of the
 * clients 1.6 s instead of 1.0 s (docs/performance.md, fifth round). A key lookup has one best plan
 * whatever its values, so for the rest of this transaction PostgreSQL may reuse one ({@code auto}, its
 * default). The transaction's own statements are key-driven too (which clients, which sessions, which
 * member): a generic plan for them is the plan a custom one would be.
 */
public final class BulkWrites {

    private BulkWrites() {}

    /** Lets this transaction's per-row checks reuse their plans; must run inside the transaction. */
    public static void reuseRowCheckPlans(JdbcClient jdbc) {
        jdbc.sql("set local plan_cache_mode = auto").update();
    }
}
