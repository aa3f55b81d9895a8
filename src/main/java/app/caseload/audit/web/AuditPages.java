package app.caseload.audit.web;

import app.caseload.audit.AuditLog;
import app.caseload.shared.Caller;
import app.caseload.shared.CaseloadException;
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
import java.util.Map;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/** The audit trail for admins: search by actor, client and dates, page through it, export it as CSV. */
@DashboardPage
class AuditPages {

    private final AuditLog log;
    private final Therapists therapists;
    private final PracticeZones zones;

    AuditPages(AuditLog log, Therapists therapists, PracticeZones zones) {
        this.log = log;
        this.therapists = therapists;
        this.zones = zones;
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

    /** The search as typed, and what is wrong with it, field by field. */
    record Search(
            String actor, String client, String from, String to, Map<String, String> errors, AuditLog.Filter filter) {}

    @GetMapping("/audit")
    String audit(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String client,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String cursor,
            Model model) {
        caller.requireAdmin();
        Search search = parse(actor, client, from, to, zones.zoneOf(caller.practiceId()));
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
        UUID clientId =
                uuid(client, "client", "Paste a client id like 3f2b…-…; it is on the client’s page address.", errors);
        Instant fromAt = day(from, "from", errors, false, zone);
        Instant toAt = day(to, "to", errors, true, zone);
        if (fromAt != null && toAt != null && fromAt.isAfter(toAt)) {
            errors.put("from", "The first day must not be after the last day.");
        }
        return new Search(
                blank(actor),
                blank(client),
                blank(from),
                blank(to),
                errors,
                new AuditLog.Filter(actorId, clientId, fromAt, toAt));
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
