package app.caseload.therapists.web;

import app.caseload.roles.Roles;
import app.caseload.shared.Caller;
import app.caseload.shared.CaseloadException;
import app.caseload.shared.MemberId;
import app.caseload.shared.MemberStatus;
import app.caseload.shared.Page;
import app.caseload.shared.RoleId;
import app.caseload.shared.web.DashboardPage;
import app.caseload.shared.web.Formats;
import app.caseload.therapists.TherapistView;
import app.caseload.therapists.Therapists;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * The Therapists section: the roster, each therapist's profile, and the admin's changes to status,
 * role, admin rights and membership, all through {@link Therapists}.
 */
@DashboardPage
class TherapistPages {

    private final Therapists therapists;
    private final Roles roles;
    private final Formats formats;

    TherapistPages(Therapists therapists, Roles roles, Formats formats) {
        this.therapists = therapists;
        this.roles = roles;
        this.formats = formats;
    }

    /** What a status change does (SPEC §2), said on the confirmation before it happens. */
    record StatusChange(MemberStatus status, String verb, String effect) {}

    static final Map<MemberStatus, StatusChange> CHANGES = Map.of(
            MemberStatus.ACTIVE,
            new StatusChange(
                    MemberStatus.ACTIVE,
                    "Make Active",
                    "They become fully operational: they can sign in, see their clients, take sessions and"
                            + " appear in scheduling."),
            MemberStatus.ON_HOLD,
            new StatusChange(
                    MemberStatus.ON_HOLD,
                    "Put On Hold",
                    "Their work is paused: they can still sign in and read their own caseload, and finish and"
                            + " sign notes of past sessions, but they take no new sessions and do not appear in"
                            + " scheduling. Their clients stay assigned to them."),
            MemberStatus.INACTIVE,
            new StatusChange(
                    MemberStatus.INACTIVE,
                    "Make Inactive",
                    "They are temporarily disabled: they cannot sign in, and any sign-in they have now ends at"
                            + " once. They see no clients, take no sessions and do not appear in scheduling."
                            + " Their clients stay assigned to them."));

    // ---- roster --------------------------------------------------------------------------------

    @GetMapping("/therapists")
    String roster(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String cursor,
            Model model) {
        MemberStatus filter = parseStatus(status);
        Page<TherapistView> page = therapists.roster(caller, filter, cursor, 100);
        model.addAttribute("roster", page.items());
        model.addAttribute("nextCursor", page.nextCursor());
        model.addAttribute("status", filter == null ? "" : filter.name());
        model.addAttribute("statuses", MemberStatus.values());
        model.addAttribute("supervisorNames", supervisorNames(caller, page.items()));
        model.addAttribute("changes", CHANGES);
        return "therapists/roster";
    }

    // ---- profile -------------------------------------------------------------------------------

    @GetMapping("/therapists/{id}")
    String profile(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, Model model) {
        TherapistView therapist = therapists.profile(caller, new MemberId(id));
        model.addAttribute("therapist", therapist);
        model.addAttribute("supervisorNames", supervisorNames(caller, List.of(therapist)));
        model.addAttribute("statuses", MemberStatus.values());
        model.addAttribute("changes", CHANGES);
        model.addAttribute("self", therapist.id().equals(caller.memberId()));
        if (caller.isAdmin()) {
            model.addAttribute("roles", roles.list(caller.practiceId()));
        }
        return "therapists/profile";
    }

    // ---- status --------------------------------------------------------------------------------

    /** The confirmation of a status change, saying what it will do; an inline panel for htmx. */
    @GetMapping("/therapists/{id}/status")
    String confirmStatus(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID id,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String returnTo,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            Model model) {
        caller.requireAdmin();
        TherapistView therapist = therapists.profile(caller, new MemberId(id));
        MemberStatus target = parseStatus(to);
        if (target == null) {
            throw CaseloadException.invalid("validation", "Choose the new status.");
        }
        model.addAttribute("therapist", therapist);
        model.addAttribute("change", CHANGES.get(target));
        model.addAttribute("returnTo", safeReturn(returnTo));
        return htmx != null ? "therapists/status :: panel" : "therapists/status";
    }

    @PostMapping("/therapists/{id}/status")
    String changeStatus(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID id,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String returnTo,
            RedirectAttributes redirect) {
        MemberStatus target = parseStatus(status);
        if (target == null) {
            throw CaseloadException.invalid("validation", "Choose the new status.");
        }
        try {
            TherapistView changed = therapists.changeStatus(caller, new MemberId(id), target);
            redirect.addFlashAttribute("notice", changed.fullName() + " is now " + label(changed.status()) + ".");
        } catch (CaseloadException e) {
            refuse(e, redirect);
        }
        return "redirect:" + safeReturn(returnTo);
    }

    // ---- role and admin rights -------------------------------------------------------------------

    @PostMapping("/therapists/{id}/role")
    String changeRole(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID id,
            @RequestParam(required = false) UUID role,
            RedirectAttributes redirect) {
        try {
            if (role == null) {
                throw CaseloadException.invalid("validation", "Choose a role.");
            }
            TherapistView changed = therapists.changeRole(caller, new MemberId(id), new RoleId(role));
            redirect.addFlashAttribute("notice", changed.fullName() + "'s role is now " + changed.roleName() + ".");
        } catch (CaseloadException e) {
            refuse(e, redirect);
        }
        return "redirect:/therapists/" + id;
    }

    @PostMapping("/therapists/{id}/admin")
    String setAdmin(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID id,
            @RequestParam boolean admin,
            RedirectAttributes redirect) {
        try {
            TherapistView changed = therapists.setAdmin(caller, new MemberId(id), admin);
            redirect.addFlashAttribute(
                    "notice",
                    changed.admin()
                            ? changed.fullName() + " is now a practice admin."
                            : changed.fullName() + " is no longer a practice admin.");
        } catch (CaseloadException e) {
            refuse(e, redirect);
        }
        return "redirect:/therapists/" + id;
    }

    // ---- removal -------------------------------------------------------------------------------

    @GetMapping("/therapists/{id}/remove")
    String confirmRemoval(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, Model model) {
        caller.requireAdmin();
        return removalPage(caller, id, model);
    }

    @PostMapping("/therapists/{id}/remove")
    String remove(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID id,
            @RequestParam(required = false) UUID reassignTo,
            Model model,
            RedirectAttributes redirect) {
        caller.requireAdmin();
        TherapistView therapist = therapists.profile(caller, new MemberId(id));
        try {
            therapists.remove(caller, therapist.id(), reassignTo == null ? null : new MemberId(reassignTo));
            redirect.addFlashAttribute(
                    "notice",
                    therapist.fullName() + " was removed from the practice."
                            + (reassignTo == null ? "" : " Their clients and future sessions were reassigned."));
            return "redirect:/therapists";
        } catch (CaseloadException e) {
            if (e.status() == 403) {
                throw e;
            }
            // The API's wording names its field; a person is pointed at the choice on this page.
            model.addAttribute(
                    "error",
                    e.type().endsWith("therapist-holds-caseload")
                            ? therapist.fullName() + " still holds the clients and future sessions below. Choose"
                                    + " who takes them over, then remove."
                            : e.getMessage());
            model.addAttribute("holdings", holdings(e.properties()));
            model.addAttribute("reassignTo", reassignTo);
            return removalPage(caller, id, model);
        }
    }

    private String removalPage(Caller caller, UUID id, Model model) {
        TherapistView therapist = therapists.profile(caller, new MemberId(id));
        List<TherapistView> targets =
                therapists.roster(caller, MemberStatus.ACTIVE, null, Page.MAX_LIMIT).items().stream()
                        .filter(t -> !t.id().equals(therapist.id()))
                        .toList();
        model.addAttribute("therapist", therapist);
        model.addAttribute("targets", targets);
        // Said before submitting: whether a choice is needed, and how much moves.
        Map<String, List<?>> held = therapists.holdings(caller, therapist.id());
        model.addAttribute(
                "heldClients", held.getOrDefault("clients", List.of()).size());
        model.addAttribute(
                "heldSessions", held.getOrDefault("futureSessions", List.of()).size());
        model.addAttribute("holdsSomething", held.values().stream().anyMatch(list -> !list.isEmpty()));
        return "therapists/remove";
    }

    /** What a refused removal listed ("clients", "futureSessions", ...), as lines a person can read. */
    record Holding(String kind, List<String> items) {}

    List<Holding> holdings(Map<String, Object> properties) {
        List<Holding> holdings = new ArrayList<>();
        properties.forEach((key, value) -> {
            if (value instanceof List<?> list && !list.isEmpty() && !key.equals("errors")) {
                List<String> items = new ArrayList<>();
                for (Object item : list) {
                    items.add(describe(item));
                }
                holdings.add(new Holding(kindName(key), items));
            }
        });
        return holdings;
    }

    private static String kindName(String key) {
        return switch (key) {
            case "clients" -> "Clients";
            case "futureSessions" -> "Future sessions";
            default -> key.replaceAll("([A-Z])", " $1").toLowerCase();
        };
    }

    /** An item a refusal listed, in words: its name and time, never its record text or id. */
    private String describe(Object item) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (item instanceof Map<?, ?> map) {
            map.forEach((k, v) -> fields.put(String.valueOf(k), v));
        } else if (item != null && item.getClass().isRecord()) {
            // Records named by the clinical modules: read their components without knowing them.
            for (RecordComponent component : item.getClass().getRecordComponents()) {
                try {
                    Method accessor = component.getAccessor();
                    accessor.setAccessible(true);
                    fields.put(component.getName(), accessor.invoke(item));
                } catch (ReflectiveOperationException | RuntimeException e) {
                    // A component we cannot read is left out.
                }
            }
        } else {
            return String.valueOf(item);
        }
        List<String> parts = new ArrayList<>();
        for (String key : List.of("fullName", "name", "clientName", "startsAt", "startTime", "date")) {
            Object value = fields.get(key);
            if (value instanceof Instant instant) {
                parts.add(formats.moment(instant));
            } else if (value != null) {
                parts.add(String.valueOf(value));
            }
        }
        return parts.isEmpty() ? "1 item" : String.join(" · ", parts);
    }

    // ---- helpers -------------------------------------------------------------------------------

    private Map<String, String> supervisorNames(Caller caller, List<TherapistView> views) {
        Map<String, String> names = new LinkedHashMap<>();
        for (TherapistView v : views) {
            names.put(v.id().toString(), v.fullName());
        }
        for (TherapistView v : views) {
            for (MemberId supervisor : v.supervisorIds()) {
                names.computeIfAbsent(supervisor.toString(), k -> {
                    try {
                        return therapists.fullName(caller.practiceId(), supervisor);
                    } catch (CaseloadException e) {
                        return "—";
                    }
                });
            }
        }
        return names;
    }

    private static void refuse(CaseloadException e, RedirectAttributes redirect) {
        if (e.status() == 403 || e.status() == 404) {
            throw e;
        }
        redirect.addFlashAttribute("error", e.getMessage());
    }

    private static MemberStatus parseStatus(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return MemberStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw CaseloadException.invalid("validation", "There is no such status.");
        }
    }

    /** Only our own pages to go back to: never an open redirect. */
    static String safeReturn(String returnTo) {
        if (returnTo != null && returnTo.matches("/therapists(/[0-9a-f-]{36})?(\\?status=[A-Z_]*)?")) {
            return returnTo;
        }
        return "/therapists";
    }

    private static String label(MemberStatus status) {
        return switch (status) {
            case ACTIVE -> "Active";
            case ON_HOLD -> "On Hold";
            case INACTIVE -> "Inactive";
        };
    }
}
