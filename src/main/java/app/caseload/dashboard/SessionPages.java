package app.caseload.dashboard;

import app.caseload.clients.ClientView;
import app.caseload.clients.Clients;
import app.caseload.sessions.NoteView;
import app.caseload.sessions.SessionView;
import app.caseload.sessions.Sessions;
import app.caseload.shared.Caller;
import app.caseload.shared.CaseloadException;
import app.caseload.shared.ClientId;
import app.caseload.shared.MemberId;
import app.caseload.shared.Page;
import app.caseload.shared.PracticeZones;
import app.caseload.shared.SessionId;
import app.caseload.shared.web.DashboardPage;
import app.caseload.shared.web.FormErrors;
import app.caseload.shared.web.LocalTimes;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Sessions and notes in the dashboard: schedule, each session's page (complete, cancel, no-show,
 * write and sign the note, co-sign as supervisor) and the Pending notes list, all through
 * {@link Sessions}.
 */
@DashboardPage
class SessionPages {

    /** Common service codes with what they are, for the picker. */
    static final Map<String, String> SERVICE_CODES = new java.util.LinkedHashMap<>();

    static {
        SERVICE_CODES.put("90834", "90834 · Psychotherapy, 45 minutes");
        SERVICE_CODES.put("90837", "90837 · Psychotherapy, 60 minutes");
        SERVICE_CODES.put("90832", "90832 · Psychotherapy, 30 minutes");
        SERVICE_CODES.put("90791", "90791 · Diagnostic evaluation");
        SERVICE_CODES.put("90846", "90846 · Family therapy without the client");
        SERVICE_CODES.put("90847", "90847 · Family therapy with the client");
        SERVICE_CODES.put("90853", "90853 · Group psychotherapy");
    }

    private final Sessions sessions;
    private final Clients clients;
    private final Directory directory;
    private final PracticeZones zones;

    SessionPages(Sessions sessions, Clients clients, Directory directory, PracticeZones zones) {
        this.sessions = sessions;
        this.clients = clients;
        this.directory = directory;
        this.zones = zones;
    }

    // ---- schedule ------------------------------------------------------------------------------

    public static class SessionForm {
        @NotNull(message = "Choose the client.")
        private UUID client;

        @NotNull(message = "Choose the therapist.")
        private UUID therapist;

        @NotNull(message = "Enter the date and time the session starts.")
        @DateTimeFormat(pattern = "yyyy-MM-dd'T'HH:mm")
        private LocalDateTime startsAt;

        @NotNull(message = "Enter the length in minutes.")
        @Min(value = 1, message = "A session lasts at least 1 minute.")
        @Max(value = 480, message = "A session lasts at most 480 minutes.")
        private Integer durationMinutes = 50;

        @NotNull(message = "Choose the service code.")
        @Pattern(regexp = "[0-9A-Z]{5}", message = "Choose the service code.")
        private String serviceCode = "90834";

        public UUID getClient() {
            return client;
        }

        public void setClient(UUID client) {
            this.client = client;
        }

        public UUID getTherapist() {
            return therapist;
        }

        public void setTherapist(UUID therapist) {
            this.therapist = therapist;
        }

        public LocalDateTime getStartsAt() {
            return startsAt;
        }

        public void setStartsAt(LocalDateTime startsAt) {
            this.startsAt = startsAt;
        }

        public Integer getDurationMinutes() {
            return durationMinutes;
        }

        public void setDurationMinutes(Integer durationMinutes) {
            this.durationMinutes = durationMinutes;
        }

        public String getServiceCode() {
            return serviceCode;
        }

        public void setServiceCode(String serviceCode) {
            this.serviceCode = serviceCode;
        }
    }

    @GetMapping("/sessions/new")
    String newSession(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(required = false) String client,
            @RequestParam(required = false) String therapist,
            Model model) {
        SessionForm form = new SessionForm();
        form.setClient(Params.uuid(client));
        UUID chosen = Params.uuid(therapist);
        if (chosen == null && form.getClient() != null) {
            chosen = clients.get(caller, new ClientId(form.getClient()))
                    .therapistId()
                    .value();
        }
        form.setTherapist(chosen != null ? chosen : caller.memberId().value());
        return sessionForm(caller, form, model);
    }

    @PostMapping("/sessions")
    String schedule(
            @AuthenticationPrincipal Caller caller,
            @Valid @ModelAttribute("form") SessionForm form,
            BindingResult binding,
            Model model,
            RedirectAttributes redirect) {
        if (!binding.hasErrors()) {
            try {
                // Typed in the practice's zone; a time in the spring-forward gap is refused, one in
                // the fall-back overlap is the earlier of the two (and the notice says so).
                LocalTimes.Resolved startsAt =
                        LocalTimes.resolve(form.getStartsAt(), zones.zoneOf(caller.practiceId()), "startsAt");
                SessionView scheduled = sessions.schedule(
                        caller,
                        new Sessions.NewSession(
                                new ClientId(form.getClient()),
                                new MemberId(form.getTherapist()),
                                startsAt.instant(),
                                form.getDurationMinutes(),
                                form.getServiceCode(),
                                null));
                redirect.addFlashAttribute(
                        "notice",
                        startsAt.ambiguous()
                                ? "The session was scheduled. " + startsAt.explanation()
                                : "The session was scheduled.");
                return "redirect:/sessions/" + scheduled.id().value();
            } catch (CaseloadException e) {
                if (e.status() == 404) {
                    binding.rejectValue("client", "not-found", "Choose a client you can see.");
                } else {
                    FormErrors.reject(e, binding, Map.of("clientId", "client", "therapistId", "therapist"));
                }
            }
        }
        return sessionForm(caller, form, model);
    }

    private String sessionForm(Caller caller, SessionForm form, Model model) {
        List<ClientView> choices = clients.list(
                        caller,
                        new Clients.Filter(null, app.caseload.clients.ClientStatus.ACTIVE, null, null, null),
                        null,
                        Page.MAX_LIMIT)
                .items();
        model.addAttribute("form", form);
        model.addAttribute("clientChoices", choices);
        model.addAttribute("therapists", directory.activeTherapists(caller));
        model.addAttribute("serviceCodes", SERVICE_CODES);
        return "sessions/new";
    }

    // ---- one session ---------------------------------------------------------------------------

    @GetMapping("/sessions/{id}")
    String session(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, Model model) {
        SessionView session = sessions.get(caller, new SessionId(id));
        NoteView note = sessions.note(caller, new SessionId(id));
        model.addAttribute("visit", session);
        model.addAttribute("note", note);
        model.addAttribute(
                "clientName",
                clients.names(caller, List.of(session.clientId())).getOrDefault(session.clientId(), "Client"));
        model.addAttribute("names", directory.names(caller));
        model.addAttribute("author", session.therapistId().equals(caller.memberId()));
        // The same policy decides the button and the request.
        model.addAttribute("canCosign", sessions.mayCosign(caller, session.therapistId()));
        model.addAttribute("serviceCodes", SERVICE_CODES);
        return "sessions/detail";
    }

    @PostMapping("/sessions/{id}/complete")
    String complete(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, RedirectAttributes redirect) {
        return change(redirect, id, () -> {
            sessions.complete(caller, new SessionId(id));
            return "The session is marked completed. Write the note next.";
        });
    }

    @PostMapping("/sessions/{id}/cancel")
    String cancel(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, RedirectAttributes redirect) {
        return change(redirect, id, () -> {
            sessions.cancel(caller, new SessionId(id));
            return "The session was cancelled.";
        });
    }

    @PostMapping("/sessions/{id}/no-show")
    String noShow(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, RedirectAttributes redirect) {
        return change(redirect, id, () -> {
            sessions.markNoShow(caller, new SessionId(id));
            return "The session is marked as a no-show.";
        });
    }

    @PostMapping("/sessions/{id}/note")
    String writeNote(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID id,
            @RequestParam(required = false) String text,
            @RequestParam(required = false) String action,
            RedirectAttributes redirect) {
        return change(redirect, id, () -> {
            if (text == null || text.isBlank()) {
                redirect.addFlashAttribute("draft", text);
                throw CaseloadException.invalid("validation", "Write the note before saving it.");
            }
            if (text.length() > 100_000) {
                redirect.addFlashAttribute("draft", text);
                throw CaseloadException.invalid("validation", "Keep the note to 100,000 characters.");
            }
            sessions.writeNote(caller, new SessionId(id), text);
            if ("sign".equals(action)) {
                SessionView signed = sessions.signNote(caller, new SessionId(id));
                return signed.noteStatus() == app.caseload.sessions.NoteStatus.AWAITING_COSIGN
                        ? "The note is signed and now awaits your supervisor’s co-signature."
                        : "The note is signed.";
            }
            return "The draft is saved.";
        });
    }

    @PostMapping("/sessions/{id}/note/cosign")
    String cosign(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, RedirectAttributes redirect) {
        return change(redirect, id, () -> {
            sessions.cosignNote(caller, new SessionId(id));
            return "You co-signed the note.";
        });
    }

    private static String change(RedirectAttributes redirect, UUID id, ClientPages.Change change) {
        try {
            redirect.addFlashAttribute("notice", change.apply());
        } catch (CaseloadException e) {
            if (e.status() == 404) {
                throw e;
            }
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/sessions/" + id;
    }

    // ---- pending notes -------------------------------------------------------------------------

    @GetMapping("/notes/pending")
    String pending(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) String cursor, Model model) {
        Page<SessionView> page;
        try {
            page = sessions.pendingNotes(caller, cursor, 50);
        } catch (CaseloadException e) {
            if (e.status() != 400) {
                throw e;
            }
            page = sessions.pendingNotes(caller, null, 50);
            cursor = null;
        }
        model.addAttribute("sessions", page.items());
        model.addAttribute(
                "clientNames",
                clients.names(
                        caller, page.items().stream().map(SessionView::clientId).toList()));
        model.addAttribute("names", directory.names(caller));
        model.addAttribute("firstPage", cursor == null || cursor.isBlank());
        if (page.nextCursor() != null) {
            model.addAttribute("nextUrl", Params.link("/notes/pending", Params.of("cursor", page.nextCursor())));
        }
        return "sessions/pending";
    }
}
