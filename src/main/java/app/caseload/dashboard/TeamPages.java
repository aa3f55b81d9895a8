package app.caseload.dashboard;

import app.caseload.clients.Clients;
import app.caseload.practice.Practices;
import app.caseload.sessions.SessionView;
import app.caseload.sessions.Sessions;
import app.caseload.shared.Caller;
import app.caseload.shared.CaseloadException;
import app.caseload.shared.MemberId;
import app.caseload.shared.Page;
import app.caseload.shared.web.DashboardPage;
import app.caseload.supervision.Supervision;
import app.caseload.therapists.TherapistView;
import app.caseload.therapists.Therapists;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The clinical parts of the Therapists section and of Home: a therapist's caseload (labelled
 * Direct / Primary / Walk-in), their session history, their supervisors (assigned and ended by
 * admins), and a supervisor's supervisees with their caseloads. Each is a page of its own and, for
 * htmx, a panel that the profile or Home loads in place.
 */
@DashboardPage
class TeamPages {

    private final Clients clients;
    private final Sessions sessions;
    private final Supervision supervision;
    private final Therapists therapists;
    private final Practices practices;
    private final Directory directory;

    TeamPages(
            Clients clients,
            Sessions sessions,
            Supervision supervision,
            Therapists therapists,
            Practices practices,
            Directory directory) {
        this.clients = clients;
        this.sessions = sessions;
        this.supervision = supervision;
        this.therapists = therapists;
        this.practices = practices;
        this.directory = directory;
    }

    /** One supervisee and their caseload, for a supervisor's Home. */
    public record Supervisee(TherapistView therapist, List<Clients.CaseloadEntry> caseload, boolean more) {}

    @GetMapping("/therapists/{id}/caseload")
    String caseload(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID id,
            @RequestParam(required = false) String cursor,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            Model model) {
        TherapistView therapist = therapists.profile(caller, new MemberId(id));
        model.addAttribute("therapist", therapist);
        model.addAttribute("labels", Directory.CATEGORY_LABELS);
        // 404 for anyone who may not open this caseload, as in the API (the profile does not ask).
        Page<Clients.CaseloadEntry> page = clients.caseload(caller, therapist.id(), cursor, 50);
        model.addAttribute("caseload", page.items());
        if (page.nextCursor() != null) {
            model.addAttribute(
                    "nextUrl", Params.link("/therapists/" + id + "/caseload", Params.of("cursor", page.nextCursor())));
        }
        model.addAttribute("names", directory.names(caller));
        return htmx != null ? "team/caseload :: panel" : "team/caseload";
    }

    @GetMapping("/therapists/{id}/sessions")
    String sessionHistory(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID id,
            @RequestParam(required = false) String cursor,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            Model model) {
        TherapistView therapist = therapists.profile(caller, new MemberId(id));
        model.addAttribute("therapist", therapist);
        Page<SessionView> page = sessions.ofTherapist(caller, therapist.id(), cursor, 25);
        model.addAttribute("sessions", page.items());
        model.addAttribute(
                "clientNames",
                clients.names(
                        caller, page.items().stream().map(SessionView::clientId).toList()));
        model.addAttribute("names", directory.names(caller));
        if (page.nextCursor() != null) {
            model.addAttribute(
                    "nextUrl", Params.link("/therapists/" + id + "/sessions", Params.of("cursor", page.nextCursor())));
        }
        return htmx != null ? "team/sessions :: panel" : "team/sessions";
    }

    /** The clients a therapist still holds (assigned or primary), listed on the removal page. */
    @GetMapping("/therapists/{id}/held-clients")
    String heldClients(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, Model model) {
        caller.requireAdmin();
        TherapistView therapist = therapists.profile(caller, new MemberId(id));
        List<Clients.CaseloadEntry> held =
                clients.caseload(caller, therapist.id(), null, Page.MAX_LIMIT).items().stream()
                        .filter(e -> e.category() != app.caseload.clients.CaseloadCategory.WALK_IN)
                        .toList();
        model.addAttribute("held", held);
        model.addAttribute("labels", Directory.CATEGORY_LABELS);
        return "team/held :: panel";
    }

    // ---- supervision ---------------------------------------------------------------------------

    @GetMapping("/therapists/{id}/supervision")
    String supervisionPanel(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID id,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            Model model) {
        TherapistView therapist = therapists.profile(caller, new MemberId(id));
        model.addAttribute("therapist", therapist);
        model.addAttribute("enabled", practices.supervisionEnabled(caller.practiceId()));
        model.addAttribute("names", directory.names(caller));
        try {
            model.addAttribute("history", supervision.history(caller, therapist.id()));
        } catch (CaseloadException e) {
            if (e.status() != 404) {
                throw e;
            }
            model.addAttribute("hidden", true);
        }
        if (caller.isAdmin()) {
            model.addAttribute(
                    "candidates", supervision.candidateSupervisors(caller, therapist.id(), directory.everyone(caller)));
        }
        return htmx != null ? "team/supervision :: panel" : "team/supervision";
    }

    @PostMapping("/therapists/{id}/supervisors")
    String assignSupervisor(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID id,
            @RequestParam(required = false) String supervisor,
            RedirectAttributes redirect) {
        UUID chosen = Params.uuid(supervisor);
        try {
            if (chosen == null) {
                throw CaseloadException.invalid("validation", "Choose the supervisor.");
            }
            TherapistView supervisee = supervision.assignSupervisor(caller, new MemberId(id), new MemberId(chosen));
            redirect.addFlashAttribute(
                    "notice",
                    directory.names(caller).of(new MemberId(chosen)) + " now supervises " + supervisee.fullName()
                            + ".");
        } catch (CaseloadException e) {
            if (e.status() == 403 || e.status() == 404) {
                throw e;
            }
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/therapists/" + id;
    }

    @PostMapping("/therapists/{id}/supervisors/{supervisor}/end")
    String endSupervision(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID id,
            @PathVariable UUID supervisor,
            RedirectAttributes redirect) {
        try {
            supervision.endSupervision(caller, new MemberId(id), new MemberId(supervisor));
            redirect.addFlashAttribute(
                    "notice",
                    directory.names(caller).of(new MemberId(supervisor)) + " no longer supervises "
                            + directory.names(caller).of(new MemberId(id)) + ".");
        } catch (CaseloadException e) {
            if (e.status() == 403) {
                throw e;
            }
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/therapists/" + id;
    }

    // ---- a supervisor's Home -------------------------------------------------------------------

    @GetMapping("/supervisees")
    String supervisees(
            @AuthenticationPrincipal Caller caller,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            Model model) {
        List<Supervisee> list = new ArrayList<>();
        for (TherapistView t : supervision.supervisees(caller)) {
            try {
                Page<Clients.CaseloadEntry> page = clients.caseload(caller, t.id(), null, 100);
                list.add(new Supervisee(t, page.items(), page.nextCursor() != null));
            } catch (CaseloadException e) {
                if (e.status() != 404) {
                    throw e;
                }
            }
        }
        model.addAttribute("supervisees", list);
        model.addAttribute("page", htmx == null);
        model.addAttribute("labels", Directory.CATEGORY_LABELS);
        model.addAttribute("names", directory.names(caller));
        return htmx != null ? "team/supervisees :: panel" : "team/supervisees";
    }
}
