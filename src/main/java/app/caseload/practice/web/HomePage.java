package app.caseload.practice.web;

import app.caseload.practice.Practices;
import app.caseload.shared.Caller;
import app.caseload.shared.MemberStatus;
import app.caseload.shared.web.DashboardPage;
import app.caseload.therapists.TherapistView;
import app.caseload.therapists.Therapists;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Home: the practice's numbers for admins and {@code reports.view}, a member's own numbers for everyone. */
@DashboardPage
class HomePage {

    static final Map<MemberStatus, String> STATUS_NAMES =
            Map.of(MemberStatus.ACTIVE, "Active", MemberStatus.ON_HOLD, "On Hold", MemberStatus.INACTIVE, "Inactive");

    private final Practices practices;
    private final Therapists therapists;

    HomePage(Practices practices, Therapists therapists) {
        this.practices = practices;
        this.therapists = therapists;
    }

    /** One bar of the members-by-status chart, in SVG user units (the chart is 400 wide). */
    public record Bar(String status, String label, long count, int y, int width, int textY) {}

    @GetMapping("/home")
    String home(@AuthenticationPrincipal Caller caller, Model model) {
        TherapistView self = therapists.profile(caller, caller.memberId());
        model.addAttribute("self", self);
        Practices.Metrics metrics = practices.metrics(caller);
        if (metrics != null) {
            model.addAttribute("metrics", metrics);
            model.addAttribute("bars", bars(metrics.membersByStatus()));
            model.addAttribute(
                    "members",
                    metrics.membersByStatus().values().stream()
                            .mapToLong(Long::longValue)
                            .sum());
        }
        return "home";
    }

    static List<Bar> bars(Map<MemberStatus, Long> byStatus) {
        long max = Math.max(
                1, byStatus.values().stream().mapToLong(Long::longValue).max().orElse(1));
        List<Bar> bars = new ArrayList<>();
        int row = 0;
        for (MemberStatus status : MemberStatus.values()) {
            long count = byStatus.getOrDefault(status, 0L);
            int width = count == 0 ? 2 : (int) Math.max(4, Math.round(250.0 * count / max));
            int y = 8 + row * 40;
            bars.add(new Bar(status.name(), STATUS_NAMES.get(status), count, y, width, y + 19));
            row++;
        }
        return bars;
    }
}
