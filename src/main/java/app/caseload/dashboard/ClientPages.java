package app.caseload.dashboard;

import app.caseload.clients.ClientExport;
import app.caseload.clients.ClientFile;
import app.caseload.clients.ClientImport;
import app.caseload.clients.ClientKind;
import app.caseload.clients.ClientOrder;
import app.caseload.clients.ClientStatus;
import app.caseload.clients.ClientView;
import app.caseload.clients.ClientVisibility;
import app.caseload.clients.Clients;
import app.caseload.clients.RiskLevel;
import app.caseload.sessions.NoteStatus;
import app.caseload.sessions.SessionStatus;
import app.caseload.sessions.SessionView;
import app.caseload.sessions.Sessions;
import app.caseload.shared.Caller;
import app.caseload.shared.CaseloadException;
import app.caseload.shared.ClientId;
import app.caseload.shared.MemberId;
import app.caseload.shared.Page;
import app.caseload.shared.web.DashboardPage;
import app.caseload.shared.web.FormErrors;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The Clients section: the list (every client for admins, one's own caseload — and one's
 * supervisees' — for therapists, as {@link Clients#list} decides), Add client, and each client's
 * page with reassignment, status, risk level, sessions, pending notes and history.
 */
@DashboardPage
class ClientPages {

    static final int PAGE_SIZE = 25;

    private final Clients clients;
    private final Sessions sessions;
    private final Directory directory;
    private final ClientVisibility visibility;
    private final ClientImport clientImport;
    private final ClientExport clientExport;

    ClientPages(
            Clients clients,
            Sessions sessions,
            Directory directory,
            ClientVisibility visibility,
            ClientImport clientImport,
            ClientExport clientExport) {
        this.visibility = visibility;
        this.clientImport = clientImport;
        this.clientExport = clientExport;
        this.clients = clients;
        this.sessions = sessions;
        this.directory = directory;
    }

    // ---- list ----------------------------------------------------------------------------------

    @GetMapping("/clients")
    String list(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(required = false) String therapist,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String risk,
            @RequestParam(required = false) String kind,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) String cursor,
            HttpServletResponse response,
            Model model) {
        UUID therapistId = Params.uuid(therapist);
        ClientOrder order = ClientOrder.orNull(sort);
        if (order == null) {
            order = ClientOrder.NAME;
        }
        String search = q == null ? "" : q.strip();
        if (search.length() > 200) {
            search = search.substring(0, 200);
        }
        Clients.Filter filter = new Clients.Filter(
                therapistId == null ? null : new MemberId(therapistId),
                Params.enumOf(ClientStatus.class, status),
                Params.enumOf(RiskLevel.class, risk),
                Params.enumOf(ClientKind.class, kind),
                search);
        Page<ClientView> page;
        try {
            page = clients.list(caller, filter, order, cursor, PAGE_SIZE);
        } catch (CaseloadException e) {
            if (e.status() != 400) {
                throw e;
            }
            // A cursor this server did not issue for this order: said so, with the list from the top.
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("error", "That page link is no longer valid; the list starts again from the top.");
            page = clients.list(caller, filter, order, null, PAGE_SIZE);
            cursor = null;
        }
        Map<String, Object> filters = Params.of(
                "therapist", therapistId,
                "status", filter.status(),
                "risk", filter.riskLevel(),
                "kind", filter.kind(),
                "q", search);
        boolean filtered = filters.values().stream()
                .anyMatch(v -> v != null && !String.valueOf(v).isBlank());
        // The default order stays out of addresses, so a list's links read as they always did.
        Map<String, Object> listed = new java.util.LinkedHashMap<>(filters);
        listed.put("sort", order == ClientOrder.NAME ? null : order.param());
        model.addAttribute("clients", page.items());
        model.addAttribute("filters", filters);
        model.addAttribute("filtered", filtered);
        model.addAttribute("total", totalText(clients.total(caller, filter), filtered));
        model.addAttribute("order", order);
        model.addAttribute("orders", ClientOrder.values());
        Map<String, Object> reversed = new java.util.LinkedHashMap<>(filters);
        reversed.put("sort", order == ClientOrder.NAME ? ClientOrder.NAME_DESCENDING.param() : null);
        model.addAttribute("reverseUrl", Params.link("/clients", reversed));
        model.addAttribute("firstPage", cursor == null || cursor.isBlank());
        model.addAttribute("firstUrl", Params.link("/clients", listed));
        if (page.nextCursor() != null) {
            Map<String, Object> next = new java.util.LinkedHashMap<>(listed);
            next.put("cursor", page.nextCursor());
            model.addAttribute("nextUrl", Params.link("/clients", next));
        }
        model.addAttribute("names", directory.names(caller));
        model.addAttribute("therapists", directory.everyone(caller));
        model.addAttribute("statuses", ClientStatus.values());
        model.addAttribute("risks", RiskLevel.values());
        model.addAttribute("kinds", ClientKind.values());
        // The same policies decide these links and the requests behind them (SPEC §3–4).
        model.addAttribute("mayImport", clientImport.mayImport(caller));
        model.addAttribute("mayAdd", clients.mayRegister(caller));
        model.addAttribute("mayExport", clientExport.mayExport(caller));
        return "clients/list";
    }

    /** The list's size in words: "1,234 clients", "3 clients match", "More than 10,000 clients". */
    static String totalText(Clients.Total total, boolean filtered) {
        long n = total.count();
        String clients =
                String.format(java.util.Locale.ENGLISH, "%,d", n) + (n == 1 && !total.more() ? " client" : " clients");
        if (total.more()) {
            clients = "More than " + clients;
        }
        if (!filtered) {
            return clients;
        }
        return clients + (n == 1 && !total.more() ? " matches" : " match");
    }

    // ---- add client ----------------------------------------------------------------------------

    public static class ClientForm {
        @NotBlank(message = "Enter the client’s full name.")
        @Size(max = 200, message = "Use at most 200 characters.")
        private String fullName;

        @NotNull(message = "Enter the date of birth.")
        @PastOrPresent(message = "The date of birth cannot be in the future.")
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
        private LocalDate dateOfBirth;

        @Email(message = "Enter an email address like name@example.com.")
        @Size(max = 320, message = "Use at most 320 characters.")
        private String email;

        @Size(max = 50, message = "Use at most 50 characters.")
        private String phone;

        @NotNull(message = "Choose direct or practice client.")
        private ClientKind kind;

        @NotNull(message = "Choose the therapist.")
        private UUID therapist;

        public String getFullName() {
            return fullName;
        }

        public void setFullName(String fullName) {
            this.fullName = fullName;
        }

        public LocalDate getDateOfBirth() {
            return dateOfBirth;
        }

        public void setDateOfBirth(LocalDate dateOfBirth) {
            this.dateOfBirth = dateOfBirth;
        }

        public String getEmail() {
            return email;
        }

        public void setEmail(String email) {
            this.email = email;
        }

        public String getPhone() {
            return phone;
        }

        public void setPhone(String phone) {
            this.phone = phone;
        }

        public ClientKind getKind() {
            return kind;
        }

        public void setKind(ClientKind kind) {
            this.kind = kind;
        }

        public UUID getTherapist() {
            return therapist;
        }

        public void setTherapist(UUID therapist) {
            this.therapist = therapist;
        }
    }

    @GetMapping("/clients/new")
    String newClient(@AuthenticationPrincipal Caller caller, Model model) {
        ClientForm form = new ClientForm();
        form.setKind(ClientKind.DIRECT);
        form.setTherapist(caller.memberId().value());
        return clientForm(caller, form, model);
    }

    @PostMapping("/clients")
    String addClient(
            @AuthenticationPrincipal Caller caller,
            @Valid @ModelAttribute("form") ClientForm form,
            BindingResult binding,
            Model model,
            RedirectAttributes redirect) {
        if (!binding.hasErrors()) {
            try {
                ClientView added = clients.register(
                        caller,
                        new Clients.NewClient(
                                form.getFullName(),
                                form.getDateOfBirth(),
                                form.getEmail(),
                                form.getPhone(),
                                form.getKind(),
                                new MemberId(form.getTherapist())));
                redirect.addFlashAttribute("notice", added.fullName() + " was added.");
                // A role with clients.reassign may add a client for a colleague it cannot see.
                return visibility.canSee(caller, added.id())
                        ? "redirect:/clients/" + added.id().value()
                        : "redirect:/clients";
            } catch (CaseloadException e) {
                if (e.status() == 404) {
                    throw e;
                }
                FormErrors.reject(e, binding, Map.of("therapistId", "therapist"));
            }
        }
        return clientForm(caller, form, model);
    }

    private String clientForm(Caller caller, ClientForm form, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("therapists", directory.activeTherapists(caller));
        model.addAttribute("kinds", ClientKind.values());
        return "clients/new";
    }

    // ---- import and export -----------------------------------------------------------------------

    @GetMapping("/clients/import")
    String importPage(@AuthenticationPrincipal Caller caller, Model model) {
        clientImport.requireMayImport(caller);
        return importPage(model, null, null);
    }

    /** The dry run: the file's rows and every problem, nothing added. A fragment for htmx. */
    @PostMapping("/clients/import/preview")
    String previewImport(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(required = false) MultipartFile file,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            Model model)
            throws IOException {
        clientImport.requireMayImport(caller);
        if (file == null || file.isEmpty() && file.getOriginalFilename().isBlank()) {
            importPage(model, null, "Choose the CSV file to check.");
        } else {
            importPage(model, clientImport.run(caller, file.getBytes(), true), null);
        }
        return htmx != null ? "clients/import :: preview" : "clients/import";
    }

    /**
     * The import itself: every client or none. {@code expectedRows} is the count the person saw in
     * the preview; a file with another count (a different file chosen since) is checked again
     * instead of imported.
     */
    @PostMapping("/clients/import")
    String importClients(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(required = false) MultipartFile file,
            @RequestParam(required = false) String expectedRows,
            Model model,
            RedirectAttributes redirect)
            throws IOException {
        clientImport.requireMayImport(caller);
        if (file == null || file.isEmpty() && file.getOriginalFilename().isBlank()) {
            return importPage(model, null, "Choose the CSV file again, check it, then import it.");
        }
        Integer expected = Params.integer(expectedRows);
        ClientImport.Result result = clientImport.run(caller, file.getBytes(), false, expected);
        if (result.created() > 0) {
            redirect.addFlashAttribute(
                    "notice",
                    result.created() == 1
                            ? "1 client was imported."
                            : String.format("%,d clients were imported.", result.created()));
            return "redirect:/clients";
        }
        String error = result.ok()
                ? "This file is not the one you checked. Check these rows, then import them."
                : "Nothing was imported: fix the problems below in the file, then check it again.";
        return importPage(model, result, error);
    }

    private String importPage(Model model, ClientImport.Result result, String error) {
        model.addAttribute("columns", ClientFile.COLUMNS);
        model.addAttribute("required", ClientFile.REQUIRED);
        model.addAttribute("maxRows", ClientFile.MAX_ROWS);
        model.addAttribute("maxMegabytes", ClientFile.MAX_BYTES / (1024 * 1024));
        model.addAttribute("result", result);
        model.addAttribute("importError", error);
        if (result != null) {
            Map<Integer, List<ClientImport.Problem>> byLine = new java.util.HashMap<>();
            result.problems()
                    .forEach(p -> byLine.computeIfAbsent(p.line(), l -> new java.util.ArrayList<>())
                            .add(p));
            model.addAttribute("problemsByLine", byLine);
            model.addAttribute(
                    "shownProblems",
                    result.problems().stream().limit(PROBLEMS_SHOWN).toList());
        }
        model.addAttribute("problemsShown", PROBLEMS_SHOWN);
        return "clients/import";
    }

    static final int PROBLEMS_SHOWN = 500;

    /** The clients the caller sees, as the import's CSV file. */
    @GetMapping("/clients/export")
    void export(@AuthenticationPrincipal Caller caller, HttpServletResponse response) throws IOException {
        clientExport.requireMayExport(caller);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(
                HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment()
                        .filename(clientExport.fileName(caller))
                        .build()
                        .toString());
        clientExport.write(caller, response.getOutputStream());
    }

    // ---- one client ----------------------------------------------------------------------------

    @GetMapping("/clients/{id}")
    String client(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, Model model) {
        ClientId clientId = new ClientId(id);
        ClientView client = clients.get(caller, clientId);
        Page<SessionView> history = sessions.ofClient(caller, clientId, null, Page.MAX_LIMIT);
        List<SessionView> pending = history.items().stream()
                .filter(s -> s.status() == SessionStatus.COMPLETED && s.noteStatus() != NoteStatus.SIGNED)
                .toList();
        model.addAttribute("client", client);
        model.addAttribute("sessions", history.items());
        model.addAttribute("moreSessions", history.nextCursor() != null);
        model.addAttribute("pending", pending);
        model.addAttribute("assignments", clients.assignments(caller, clientId));
        model.addAttribute("riskHistory", clients.riskHistory(caller, clientId));
        model.addAttribute("names", directory.names(caller));
        model.addAttribute(
                "targets",
                directory.activeTherapists(caller).stream()
                        .filter(t -> !t.id().equals(client.therapistId()))
                        .toList());
        model.addAttribute("canReassign", clients.mayReassign(caller));
        // The same policy decides the forms shown here and the requests they send (SPEC §3–4).
        model.addAttribute("canChange", visibility.mayChangeDetails(caller, clientId));
        model.addAttribute("canSetRisk", caller.status() == app.caseload.shared.MemberStatus.ACTIVE);
        model.addAttribute(
                "canSchedule",
                sessions.mayScheduleSessions(caller) && client.status() == app.caseload.clients.ClientStatus.ACTIVE);
        model.addAttribute("statuses", ClientStatus.values());
        model.addAttribute("risks", RiskLevel.values());
        return "clients/detail";
    }

    @PostMapping("/clients/{id}/reassign")
    String reassign(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID id,
            @RequestParam(required = false) String therapist,
            RedirectAttributes redirect) {
        UUID to = Params.uuid(therapist);
        return change(redirect, id, "reassignError", () -> {
            if (to == null) {
                throw CaseloadException.invalid("validation", "Choose the therapist to reassign the client to.");
            }
            ClientView moved = clients.reassign(caller, new ClientId(id), new MemberId(to));
            return moved.fullName() + " is now with " + directory.names(caller).of(moved.therapistId()) + ".";
        });
    }

    @PostMapping("/clients/{id}/status")
    String status(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID id,
            @RequestParam(required = false) String status,
            RedirectAttributes redirect) {
        ClientStatus target = Params.enumOf(ClientStatus.class, status);
        return change(redirect, id, "statusError", () -> {
            if (target == null) {
                throw CaseloadException.invalid("validation", "Choose the new status.");
            }
            ClientView changed =
                    clients.update(caller, new ClientId(id), new Clients.Changes(null, null, null, target));
            return changed.fullName() + "’s status is now " + label(changed.status()) + ".";
        });
    }

    @PostMapping("/clients/{id}/risk")
    String risk(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID id,
            @RequestParam(required = false) String level,
            @RequestParam(required = false) String note,
            RedirectAttributes redirect) {
        RiskLevel target = Params.enumOf(RiskLevel.class, level);
        return change(redirect, id, "riskError", () -> {
            if (target == null) {
                throw CaseloadException.invalid("validation", "Choose the risk level.");
            }
            if (note != null && note.length() > 2000) {
                throw CaseloadException.invalid("validation", "Keep the note to 2000 characters.");
            }
            ClientView changed = clients.setRisk(caller, new ClientId(id), target, note);
            return changed.fullName() + "’s risk level is now " + label(changed.riskLevel()) + ".";
        });
    }

    interface Change {
        String apply();
    }

    /** Runs a change; its refusal becomes a message next to the form that asked for it. */
    static String change(RedirectAttributes redirect, UUID id, String errorKey, Change change) {
        try {
            redirect.addFlashAttribute("notice", change.apply());
        } catch (CaseloadException e) {
            if (e.status() == 404) {
                throw e;
            }
            redirect.addFlashAttribute(errorKey, e.getMessage());
        }
        return "redirect:/clients/" + id;
    }

    static String label(Enum<?> value) {
        return new app.caseload.shared.web.Formats().label(value);
    }
}
