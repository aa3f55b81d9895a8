package app.caseload.bench;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Bulk reassignment at scale (issue 9): {@code POST /api/v1/clients/reassign} of N clients of the big
 * practice, history, session hand-over and audit included, over HTTP as the admin.
 *
 * <p>No generated member holds 10,000 clients, so the run gathers N clients of the big practice's
 * therapists (those without scheduled sessions) onto a member of its own with no sessions, {@value
 * #HOLDER_EMAIL} (one {@code UPDATE} through the same triggers, timed), then moves them to the admin
 * and back ({@code 2 runs - 1} moves; the way back also takes the admin's own clients and hands over
 * their future sessions, which cannot double-book a member without sessions, and the last move brings
 * them home), and finally gives every gathered client back to the therapist it had. What stays behind is
 * what any real reassignment leaves: history rows, audit rows and the hand-over of direct clients'
 * future sessions. With {@code --settle}, the tables a move writes are vacuumed before each move.
 */
final class BulkReassign {

    /** {@code settle}: vacuum what a move writes before each move ({@link #settle}). */
    record Options(int clients, int runs, boolean settle) {}

    /** The member the moved clients are gathered on: created once, with no sessions of their own. */
    static final String HOLDER_EMAIL = "bulk@big.bench.test";

    private final PrintStream out;

    BulkReassign(PrintStream out) {
        this.out = out;
    }

    void run(BenchDatabase db, String base, Map<String, UUID> known, Options options) throws Exception {
        UUID practice = known.get("practice");
        UUID therapist = known.get("therapist");
        UUID admin = known.get("admin");
        double restoreMs = Double.NaN;
        UUID holder;
        try (Connection c = db.connect()) {
            holder = holder(c, practice, therapist);
            try (Statement s = c.createStatement()) {
                // A run stopped before its end (killed, not interrupted) left its clients moved: give them
                // back to the therapists they had before it starts again.
                try (var rs = s.executeQuery("select to_regclass('bench_bulk_moved') is not null")) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        int back = s.executeUpdate("""
                                update client c set therapist_id = b.therapist_id from bench_bulk_moved b
                                where c.id = b.id and c.therapist_id <> b.therapist_id""");
                        out.printf("Gave %,d clients of an unfinished run back to their therapists%n", back);
                    }
                }
                s.execute("drop table if exists bench_bulk_moved");
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    create table bench_bulk_moved as
                    select c.id, c.therapist_id from client c
                    join member m on m.practice_id = c.practice_id and m.id = c.therapist_id
                    where c.practice_id = ? and c.therapist_id not in (?, ?) and m.status = 'ACTIVE'
                      and not exists (select 1 from session s where s.practice_id = c.practice_id
                                      and s.client_id = c.id and s.status = 'SCHEDULED')
                    order by c.id limit ?""")) {
                ps.setObject(1, practice);
                ps.setObject(2, holder);
                ps.setObject(3, admin);
                ps.setInt(4, options.clients());
                ps.execute();
            }
            long t = System.nanoTime();
            try (PreparedStatement ps = c.prepareStatement("""
                    update client c set therapist_id = ? from bench_bulk_moved b
                    where c.practice_id = ? and c.id = b.id""")) {
                ps.setObject(1, holder);
                ps.setObject(2, practice);
                out.printf(
                        "Gathered %,d clients on %s (one UPDATE, triggers on) in %.0f ms%n",
                        ps.executeUpdate(), HOLDER_EMAIL, (System.nanoTime() - t) / 1e6);
            }
        }
        List<Double> httpMs = new ArrayList<>();
        try (Http.Caller caller = new Http.Caller(base)) {
            String token = caller.signIn(Generator.KNOWN_EMAILS.get("admin"));
            UUID from = holder;
            UUID to = admin;
            // An odd number of moves, so that the last leaves everything with the admin: the admin's own
            // clients, and their future sessions handed to the holder on the way back, are theirs again.
            for (int i = 0; i < 2 * options.runs() - 1; i++) {
                if (options.settle()) {
                    settle(db);
                }
                long t = System.nanoTime();
                String answer = caller.post(
                        "/api/v1/clients/reassign",
                        token,
                        "{\"fromTherapistId\":\"" + from + "\",\"toTherapistId\":\"" + to + "\"}");
                double ms = (System.nanoTime() - t) / 1e6;
                out.printf("  POST /clients/reassign %s in %.0f ms%n", answer, ms);
                httpMs.add(ms);
                UUID swap = from;
                from = to;
                to = swap;
            }
        } finally {
            try (Connection c = db.connect();
                    PreparedStatement ps = c.prepareStatement("""
                            update client c set therapist_id = b.therapist_id from bench_bulk_moved b
                            where c.practice_id = ? and c.id = b.id""")) {
                ps.setObject(1, practice);
                long t = System.nanoTime();
                int restored = ps.executeUpdate();
                restoreMs = (System.nanoTime() - t) / 1e6;
                out.printf("Gave %,d clients back to their therapists in %.0f ms%n", restored, restoreMs);
                try (Statement s = c.createStatement()) {
                    s.execute("drop table bench_bulk_moved");
                }
            } catch (SQLException e) {
                out.println("Could not give the clients back (bench_bulk_moved keeps who had them): " + e);
            }
        }
        Collections.sort(httpMs);
        out.println();
        out.println("| bulk reassign (big practice, admin) | clients | runs | HTTP median ms | HTTP max ms |"
                + " one UPDATE with triggers, ms |");
        out.println("|---|---:|---:|---:|---:|---:|");
        out.println(String.format(
                Locale.ROOT,
                "| POST /api/v1/clients/reassign | %,d | %d | %.0f | %.0f | %.0f |",
                options.clients(),
                httpMs.size(),
                httpMs.get(httpMs.size() / 2),
                httpMs.get(httpMs.size() - 1),
                restoreMs));
    }

    /**
     * Vacuums what a move writes ({@code --settle}): a real bulk move takes clients that have sat with
     * their therapist since autovacuum last passed, not rows the run wrote seconds before, whose pages
     * are still in memory and already in the WAL since the last checkpoint. Settled moves are the slower
     * ones: each page they touch is read and written whole to the WAL again (docs/performance.md).
     */
    private void settle(BenchDatabase db) throws SQLException {
        long t = System.nanoTime();
        try (Connection c = db.connect();
                Statement s = c.createStatement()) {
            s.execute("vacuum (analyze) client, caseload, session, client_move");
        }
        out.printf(
                "  (settled: vacuum of client, caseload, session, client_move in %.0f ms)%n",
                (System.nanoTime() - t) / 1e6);
    }

    /**
     * A current Active member of the big practice with the plain therapist's role and no sessions, so
     * that handing the admin's future sessions to them and back can never double-book anyone.
     */
    private static UUID holder(Connection c, UUID practice, UUID like) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                select m.id from member m join account a on a.id = m.account_id
                where m.practice_id = ? and a.email = ?""")) {
            ps.setObject(1, practice);
            ps.setString(2, HOLDER_EMAIL);
            try (var rs = ps.executeQuery()) {
                if (rs.next()) {
                    return rs.getObject(1, UUID.class);
                }
            }
        }
        UUID account = UUID.randomUUID();
        UUID member = UUID.randomUUID();
        try (PreparedStatement ps = c.prepareStatement("""
                with a as (
                    insert into account (id, email, full_name, password_hash, created_at)
                    select ?, ?, 'Bulk Holder', a.password_hash, now()
                    from member m join account a on a.id = m.account_id where m.practice_id = ? and m.id = ?
                ), m as (
                    insert into member (practice_id, id, account_id, role_id, status, admin, joined_at)
                    select practice_id, ?, ?, role_id, 'ACTIVE', false, now() from member
                    where practice_id = ? and id = ?
                )
                insert into account_membership (account_id, practice_id, member_id) values (?, ?, ?)""")) {
            ps.setObject(1, account);
            ps.setString(2, HOLDER_EMAIL);
            ps.setObject(3, practice);
            ps.setObject(4, like);
            ps.setObject(5, member);
            ps.setObject(6, account);
            ps.setObject(7, practice);
            ps.setObject(8, like);
            ps.setObject(9, account);
            ps.setObject(10, practice);
            ps.setObject(11, member);
            ps.executeUpdate();
        }
        return member;
    }
}
