package app.caseload.audit.web;

import app.caseload.audit.AuditLog;
import app.caseload.shared.Caller;
import app.caseload.shared.CaseloadException;
import app.caseload.shared.ClientId;
import app.caseload.shared.ClientPicker;
import app.caseload.shared.MemberId;
import app.caseload.shared.Page;
import app.caseload.shared.PracticeZones;
import app.caseload.shared.web.DashboardPage;
import app.caseload.therapists.TherapistView;
import app.caseload.therapists.Therapists;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The audit trail for admins: search by actor, client (chosen by name) and dates, page through it,
 * export it as CSV.
 */
@DashboardPage
class AuditPages {

    /** How many clients a typed name offers to choose from. */
    static final int CHOICES = 10;

    static final String CHOOSE_FROM_LIST = "Choose a client from the list.";

    private final AuditLog log;
    private final Therapists therapists;
    private final PracticeZones zones;
    private final ClientPicker clients;

    AuditPages(AuditLog log, Therapists therapists, PracticeZones zones, ClientPicker clients) {
        this.log = log;
        this.therapists = therapists;
        this.zones = zones;
        this.clients = clients;
    }

    /**
     * One line of the trail as a person reads it: who (by name), what they did (in words, the code
     * kept for the title), which record (named when it is a member, linked when it has a page).
     */
    record Row(
            Instant at,
            String who,
            String what,
            String code,
            String record,
            String recordName,
            String recordLink,
            int clients,
            String from) {}

    /**
     * The search as typed, what is wrong with it field by field, and the clients offered for its
     * client field (the one chosen, or those a typed name matched).
     */
    record Search(
            String actor,
            String client,
            String clientName,
            String from,
            String to,
            Map<String, String> errors,
            AuditLog.Filter filter,
            List<ClientPicker.Choice> choices) {

        /** The search narrowed to one client, chosen from a list, found by its name, or from a link. */
        Search withClient(ClientPicker.Choice chosen) {
            return new Search(
                    actor,
                    chosen.id().value().toString(),
                    chosen.fullName(),
                    from,
                    to,
                    errors,
                    new AuditLog.Filter(filter.actorId(), chosen.id().value(), filter.from(), filter.to()),
                    List.of(chosen));
        }

        /** No one client: the field says why, and offers what the name matched. */
        Search withoutClient(String typed, String problem, List<ClientPicker.Choice> matches) {
            Map<String, String> more = new LinkedHashMap<>(errors);
            more.put("client", problem);
            return new Search(
                    actor,
                    "",
                    typed,
                    from,
                    to,
                    more,
                    new AuditLog.Filter(filter.actorId(), null, filter.from(), filter.to()),
                    matches);
        }
    }

    @GetMapping("/audit")
    String audit(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String client,
            @RequestParam(required = false) String clientName,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String cursor,
            Model model) {
        caller.requireAdmin();
        Search search =
                pickClient(caller, parse(actor, client, from, to, zones.zoneOf(caller.practiceId())), clientName);
        List<AuditLog.Event> events = List.of();
        if (search.errors().isEmpty()) {
            Page<AuditLog.Event> page;
            try {
                page = log.search(caller, search.filter(), cursor, 50);
            } catch (CaseloadException e) {
                if (e.status() != 400) {
                    throw e;
                }
                page = log.search(caller, search.filter(), null, 50);
                cursor = null;
            }
            events = page.items();
            if (page.nextCursor() != null) {
                model.addAttribute("nextUrl", link(search, page.nextCursor()));
            }
        }
        Map<UUID, String> names = new HashMap<>();
        List<TherapistView> members =
                therapists.roster(caller, null, null, Page.MAX_LIMIT).items();
        members.forEach(m -> names.put(m.id().value(), m.fullName()));
        for (AuditLog.Event e : events) {
            if (e.actorMemberId() != null && !names.containsKey(e.actorMemberId())) {
                try {
                    names.put(
                            e.actorMemberId(),
                            therapists.fullName(caller.practiceId(), new MemberId(e.actorMemberId())));
                } catch (CaseloadException ignored) {
                    names.put(e.actorMemberId(), "A former member");
                }
            }
        }
        List<Therapists.FormerMember> former = therapists.formerMembers(caller);
        former.forEach(m -> names.putIfAbsent(m.id().value(), m.fullName()));
        List<Row> rows = new ArrayList<>();
        for (AuditLog.Event e : events) {
            String who = e.actorMemberId() == null ? null : names.get(e.actorMemberId());
            String recordName = null;
            if ("MEMBER".equals(e.targetType()) && e.targetId() != null) {
                recordName = names.computeIfAbsent(e.targetId(), id -> {
                    try {
                        return therapists.fullName(caller.practiceId(), new MemberId(id));
                    } catch (CaseloadException gone) {
                        return null;
                    }
                });
            }
            rows.add(new Row(
                    e.at(),
                    who,
                    AuditWording.action(e.action()),
                    e.action(),
                    AuditWording.record(e.targetType()),
                    recordName,
                    AuditWording.link(e.targetType(), e.targetId()),
                    e.clientIds().size(),
                    e.ip()));
        }
        model.addAttribute("search", search);
        List<ClientPicker.Choice> offered = search.choices();
        model.addAttribute("choices", offered.subList(0, Math.min(CHOICES, offered.size())));
        model.addAttribute("chosenClient", search.client());
        model.addAttribute("moreChoices", offered.size() > CHOICES);
        model.addAttribute("lookedUp", false);
        model.addAttribute("events", events);
        model.addAttribute("rows", rows);
        model.addAttribute("names", names);
        model.addAttribute("members", members);
        model.addAttribute("formerMembers", former);
        model.addAttribute("firstPage", cursor == null || cursor.isBlank());
        model.addAttribute("firstUrl", link(search, null));
        model.addAttribute("exportUrl", link(search, null).replaceFirst("^/audit", "/audit/export"));
        return "audit/list";
    }

    /**
     * The client field's choices as the person types (an htmx fragment): the visible clients whose
     * name contains the text, for those who may open the audit page.
     */
    @GetMapping("/audit/clients")
    String clientChoices(
            @AuthenticationPrincipal Caller caller, @RequestParam(required = false) String clientName, Model model) {
        caller.requireAdmin();
        String typed = clientName == null ? "" : clientName.strip();
        List<ClientPicker.Choice> matches = clients.find(caller, typed, CHOICES + 1);
        model.addAttribute("choices", matches.subList(0, Math.min(CHOICES, matches.size())));
        model.addAttribute("chosenClient", "");
        model.addAttribute("moreChoices", matches.size() > CHOICES);
        model.addAttribute("lookedUp", !typed.isEmpty());
        model.addAttribute("typed", typed);
        return "audit/list :: client-choices";
    }

    /**
     * The client of a search: the one chosen (from the choices, or by the id in a link), unless the
     * name typed since does not fit it; else the one visible client whose name contains what was
     * typed. None or several are said in the field, the matches offered to choose from.
     */
    private Search pickClient(Caller caller, Search search, String clientName) {
        String typed = clientName == null ? "" : clientName.strip();
        UUID chosen = search.filter().clientId();
        if (chosen != null) {
            var found = clients.chosen(caller, new ClientId(chosen));
            if (found.isEmpty()) {
                return search.withoutClient(typed, CHOOSE_FROM_LIST, List.of());
            }
            if (typed.isEmpty() || contains(found.get().fullName(), typed)) {
                return search.withClient(found.get());
            }
        } else if (search.errors().containsKey("client")) {
            return search;
        }
        if (typed.isEmpty()) {
            return search;
        }
        List<ClientPicker.Choice> matches = clients.find(caller, typed, CHOICES + 1);
        if (matches.size() == 1) {
            return search.withClient(matches.get(0));
        }
        if (matches.isEmpty()) {
            return search.withoutClient(typed, "No client you can see has “" + typed + "” in their name.", matches);
        }
        return search.withoutClient(typed, "Several clients match “" + typed + "”: choose one, then search.", matches);
    }

    private static boolean contains(String name, String typed) {
        return name.toLowerCase(Locale.ROOT).contains(typed.toLowerCase(Locale.ROOT));
    }

    @GetMapping("/audit/export")
    void export(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String client,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            HttpServletResponse response)
            throws IOException {
        caller.requireAdmin();
        Search search = parse(actor, client, from, to, zones.zoneOf(caller.practiceId()));
        if (!search.errors().isEmpty()) {
            throw CaseloadException.invalid("validation", "Correct the search before exporting it.");
        }
        AuditCsv.export(log, caller, search.filter(), response);
    }

    static Search parse(String actor, String client, String from, String to, ZoneId zone) {
        Map<String, String> errors = new LinkedHashMap<>();
        UUID actorId = uuid(actor, "actor", "Choose a member from the list.", errors);
        UUID clientId = uuid(client, "client", CHOOSE_FROM_LIST, errors);
        Instant fromAt = day(from, "from", errors, false, zone);
        Instant toAt = day(to, "to", errors, true, zone);
        if (fromAt != null && toAt != null && fromAt.isAfter(toAt)) {
            errors.put("from", "The first day must not be after the last day.");
        }
        return new Search(
                blank(actor),
                blank(client),
                "",
                blank(from),
                blank(to),
                errors,
                new AuditLog.Filter(actorId, clientId, fromAt, toAt),
                List.of());
    }

    private static UUID uuid(String value, String field, String message, Map<String, String> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            errors.put(field, message);
            return null;
        }
    }

    /** A practice-local day: its first instant for "from", its last for "to" (both inclusive). */
    private static Instant day(String value, String field, Map<String, String> errors, boolean end, ZoneId zone) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            LocalDate day = LocalDate.parse(value.trim());
            Instant start = day.atStartOfDay(zone).toInstant();
            return end ? day.plusDays(1).atStartOfDay(zone).toInstant().minusNanos(1000) : start;
        } catch (DateTimeParseException e) {
            errors.put(field, "Enter a date like 2025-01-31.");
            return null;
        }
    }

    private static String blank(String value) {
        return value == null ? "" : value.trim();
    }

    private static String link(Search search, String cursor) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/audit");
        Map<String, String> params = new LinkedHashMap<>();
        params.put("actor", search.actor());
        params.put("client", search.client());
        params.put("from", search.from());
        params.put("to", search.to());
        params.put("cursor", cursor);
        params.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                uri.queryParam(k, v);
            }
        });
        return uri.encode().build().toUriString();
    }
}
