package app.caseload.practice.web;

import app.caseload.practice.Practices;
import app.caseload.shared.Caller;
import app.caseload.shared.CaseloadException;
import app.caseload.shared.MemberStatus;
import app.caseload.shared.web.DashboardPage;
import app.caseload.shared.web.PageFrame;
import app.caseload.therapists.TherapistView;
import app.caseload.therapists.Therapists;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What the frame of every dashboard page shows: who is signed in, to which practice. */
@ControllerAdvice(annotations = DashboardPage.class)
class DashboardLayout implements PageFrame {

    private final Practices practices;
    private final Therapists therapists;

    DashboardLayout(Practices practices, Therapists therapists) {
        this.practices = practices;
        this.therapists = therapists;
    }

    /** The signed-in person as the header shows them; null when nobody is signed in. */
    public record Me(String memberId, String fullName, String practiceName, boolean admin, MemberStatus status) {}

    @ModelAttribute("me")
    Me me(@AuthenticationPrincipal Caller caller) {
        if (caller == null) {
            return null;
        }
        try {
            TherapistView self = therapists.view(caller.practiceId(), caller.memberId());
            return new Me(
                    caller.memberId().toString(),
                    self.fullName(),
                    practices.get(caller.practiceId()).name(),
                    caller.isAdmin(),
                    caller.status());
        } catch (CaseloadException e) {
            return null;
        }
    }

    @Override
    public Map<String, Object> attributes(Caller caller, HttpServletRequest request) {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("me", me(caller));
        attributes.put("section", section(request));
        return attributes;
    }

    /** Which section of the navigation is the current one. */
    @ModelAttribute("section")
    String section(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        int next = path.indexOf('/', 1);
        return next < 0 ? path.substring(1) : path.substring(1, next);
    }
}
