package app.caseload.model;

import app.caseload.model.Checker.Mismatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a failing world prints: the seed, the differences grouped by endpoint, kind of difference and
 * kind of caller (with a few examples each), for each group only the operations that touch the
 * example's caller and things, then the world as it ended up and the whole operation log.
 */
final class Report {

    private static final int EXAMPLES = 3;

    private Report() {}

    static String of(World world, List<Mismatch> mismatches) {
        StringBuilder b = new StringBuilder();
        b.append("Caseload model: world seed ")
                .append(world.seed)
                .append(" (rerun with -Dcaseload.model.seeds=")
                .append(world.seed)
                .append(")\n");
        if (!world.refusals.isEmpty()) {
            b.append("\n== Operations whose answer contradicts the rules (")
                    .append(world.refusals.size())
                    .append(")\n");
            world.refusals.forEach(r -> b.append("  ").append(r).append('\n'));
        }
        Map<String, List<Mismatch>> groups = new LinkedHashMap<>();
        for (Mismatch m : mismatches) {
            groups.computeIfAbsent(
                            m.endpoint() + " | " + m.kind() + " | caller " + m.callerKind(), k -> new ArrayList<>())
                    .add(m);
        }
        b.append("\n== Differences: ")
                .append(mismatches.size())
                .append(" in ")
                .append(groups.size())
                .append(" groups (endpoint | difference | caller kind)\n");
        for (var g : groups.entrySet()) {
            b.append("\n* ")
                    .append(g.getKey())
                    .append("  ×")
                    .append(g.getValue().size())
                    .append('\n');
            g.getValue().stream()
                    .limit(EXAMPLES)
                    .forEach(m -> b.append("    ")
                            .append(m.caller())
                            .append(": ")
                            .append(m.detail())
                            .append('\n'));
            Mismatch first = g.getValue().get(0);
            List<String> ops = opsTouching(world.log, first.labels());
            if (!ops.isEmpty()) {
                b.append("    operations touching ").append(first.labels()).append(":\n");
                ops.stream()
                        .limit(30)
                        .forEach(op -> b.append("      ").append(op).append('\n'));
                if (ops.size() > 30)
                    b.append("      … ").append(ops.size() - 30).append(" more\n");
            }
        }
        b.append("\n== The world as it ended up\n").append(world.describe());
        b.append("\n== Operation log (").append(world.log.size()).append(")\n");
        world.log.forEach(op -> b.append("  ").append(op).append('\n'));
        return b.toString();
    }

    /**
     * The smallest history that explains a difference: every operation naming one of the clients or
     * sessions involved, and the team operations (supervision, status, removal, admin rights) naming
     * one of the members involved (the caller, a renderer, a therapist).
     */
    static List<String> opsTouching(List<String> log, Set<String> labels) {
        Set<String> hits = new LinkedHashSet<>();
        for (String label : labels) {
            Pattern word = Pattern.compile("\\b" + Pattern.quote(label) + "\\b");
            boolean member = label.startsWith("M");
            log.stream()
                    .filter(op -> word.matcher(op).find())
                    .filter(op -> !member || TEAM.matcher(op).find())
                    .forEach(hits::add);
        }
        hits.addAll(log.stream().filter(op -> op.contains("supervision o")).toList());
        return log.stream().filter(hits::contains).toList();
    }

    private static final Pattern TEAM =
            Pattern.compile("^#\\d+ (join|grant admin|supervise|end supervision|status M|remove|supervision o)");
}
