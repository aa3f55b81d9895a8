package app.caseload.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Writes claim lines as one ANSI X12 837 Professional interchange (005010X222A1): ISA/GS/ST, BHT,
 * submitter (1000A) and receiver (1000B), the practice as billing provider (2000A/2010AA), one
 * subscriber loop per client (2000B, the client is the subscriber and patient), and one claim
 * (2300 CLM) per client, service date, rendering and supervising provider, with the rendering
 * provider (2310B NM1*82), the supervising provider where there is one (2310D NM1*DQ) and one
 * service line per session (2400 LX/SV1 {@code HC:code:modifier}/DTP*472). Segments end with
 * {@code ~}, elements are separated by {@code *}, components by {@code :}; every text taken from
 * the database is reduced to the X12 basic character set, so no name or code can smuggle in a
 * delimiter. Identifiers Caseload does not hold come from {@link BillingProperties}.
 */
final class Claim837P {

    static final String VERSION = "005010X222A1";
    private static final DateTimeFormatter CCYYMMDD = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd");
    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HHmm");

    private Claim837P() {}

    /** One 2300 claim: the lines of one client on one date by one rendering (and supervising) provider. */
    private record ClaimKey(UUID client, LocalDate date, UUID rendering, UUID supervising) {}

    static String write(BillingProperties config, Claims.Export export, Instant now, long controlNumber) {
        var at = now.atZone(ZoneOffset.UTC);
        String isaControl = String.format("%09d", controlNumber % 1_000_000_000L);
        String groupControl = Long.toString(controlNumber % 1_000_000_000L);
        List<String> out = new ArrayList<>();
        out.add("ISA*00*" + " ".repeat(10) + "*00*" + " ".repeat(10) + "*ZZ*" + pad(id(config.submitterId()), 15)
                + "*ZZ*" + pad(id(config.receiverId()), 15) + "*" + YYMMDD.format(at) + "*" + HHMM.format(at)
                + "*^*00501*" + isaControl + "*0*" + ("P".equals(config.usage()) ? "P" : "T") + "*:~");
        out.add(seg(
                "GS",
                "HC",
                id(config.submitterId()),
                id(config.receiverId()),
                CCYYMMDD.format(at),
                HHMM.format(at),
                groupControl,
                "X",
                VERSION));
        int transactions = 0;
        if (!export.lines().isEmpty()) {
            transactions = 1;
            List<String> st = transaction(config, export, at.toLocalDate(), HHMM.format(at), groupControl);
            out.addAll(st);
        }
        out.add(seg("GE", Integer.toString(transactions), groupControl));
        out.add(seg("IEA", "1", isaControl));
        return String.join("\n", out) + "\n";
    }

    private static List<String> transaction(
            BillingProperties config, Claims.Export export, LocalDate date, String time, String reference) {
        String practice = text(export.practiceName(), 60);
        List<String> st = new ArrayList<>();
        st.add(seg("ST", "837", "0001", VERSION));
        st.add(seg("BHT", "0019", "00", reference, CCYYMMDD.format(date), time, "CH"));
        st.add(seg("NM1", "41", "2", practice, "", "", "", "", "46", id(config.submitterId())));
        st.add(seg("PER", "IC", practice, "TE", digits(config.contactPhone())));
        st.add(seg("NM1", "40", "2", text(config.receiverName(), 60), "", "", "", "", "46", id(config.receiverId())));
        st.add(seg("HL", "1", "", "20", "1"));
        st.add(seg("NM1", "85", "2", practice, "", "", "", "", "XX", digits(config.billingNpi())));
        st.add(seg("N3", text(config.addressLine(), 55)));
        st.add(seg("N4", text(config.city(), 30), text(config.state(), 2), digits(config.postalCode())));
        st.add(seg("REF", "EI", digits(config.taxId())));

        // Clients in order of their first line; claims of a client in order of their first line.
        Map<UUID, Map<ClaimKey, List<Claims.ExportLine>>> byClient = new LinkedHashMap<>();
        for (Claims.ExportLine line : export.lines()) {
            ClaimLine l = line.line();
            ClaimKey key = new ClaimKey(
                    l.clientId().value(),
                    l.serviceDate(),
                    l.renderingTherapistId().value(),
                    l.supervisingTherapistId() == null
                            ? null
                            : l.supervisingTherapistId().value());
            byClient.computeIfAbsent(key.client(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(key, k -> new ArrayList<>())
                    .add(line);
        }
        int hl = 1;
        for (Map<ClaimKey, List<Claims.ExportLine>> claims : byClient.values()) {
            Claims.ExportLine first = claims.values().iterator().next().get(0);
            hl++;
            st.add(seg("HL", Integer.toString(hl), "1", "22", "0"));
            st.add(seg("SBR", "P", "18", "", "", "", "", "", "", "CI"));
            String[] client = name(first.clientName());
            st.add(seg(
                    "NM1",
                    "IL",
                    "1",
                    client[0],
                    client[1],
                    "",
                    "",
                    "",
                    "MI",
                    id(first.line().clientId().value().toString())));
            st.add(seg("DMG", "D8", CCYYMMDD.format(first.clientDateOfBirth())));
            st.add(seg("NM1", "PR", "2", text(config.payerName(), 60), "", "", "", "", "PI", id(config.payerId())));
            for (List<Claims.ExportLine> lines : claims.values()) {
                claim(config, st, lines);
            }
        }
        st.add(seg("SE", Integer.toString(st.size() + 1), "0001"));
        return st;
    }

    private static void claim(BillingProperties config, List<String> st, List<Claims.ExportLine> lines) {
        Claims.ExportLine first = lines.get(0);
        long total = lines.stream().mapToLong(l -> l.line().chargeCents()).sum();
        String claimId =
                first.line().sessionId().value().toString().replace("-", "").toUpperCase();
        st.add(seg("CLM", claimId, money(total), "", "", digits(config.placeOfService()) + ":B:1", "Y", "A", "Y", "Y"));
        st.add(seg("HI", "ABK:" + code(config.diagnosisCode())));
        String[] rendering = name(first.renderingName());
        st.add(seg("NM1", "82", "1", rendering[0], rendering[1], "", "", "", "XX", digits(config.renderingNpi())));
        st.add(seg("REF", "G2", id(first.line().renderingTherapistId().value().toString())));
        if (first.line().supervisingTherapistId() != null) {
            String[] supervising = name(Objects.requireNonNullElse(first.supervisingName(), "UNKNOWN"));
            st.add(seg(
                    "NM1",
                    "DQ",
                    "1",
                    supervising[0],
                    supervising[1],
                    "",
                    "",
                    "",
                    "XX",
                    digits(config.supervisingNpi())));
            st.add(seg(
                    "REF",
                    "G2",
                    id(first.line().supervisingTherapistId().value().toString())));
        }
        int n = 0;
        for (Claims.ExportLine line : lines) {
            ClaimLine l = line.line();
            StringBuilder procedure = new StringBuilder("HC:").append(code(l.serviceCode()));
            l.modifiers().forEach(m -> procedure.append(':').append(code(m)));
            st.add(seg("LX", Integer.toString(++n)));
            st.add(seg("SV1", procedure.toString(), money(l.chargeCents()), "UN", "1", "", "", "1"));
            st.add(seg("DTP", "472", "D8", CCYYMMDD.format(l.serviceDate())));
            st.add(seg("REF", "6R", id(l.sessionId().value().toString())));
        }
    }

    /** A segment; trailing empty elements are left out, as X12 requires. */
    static String seg(String... elements) {
        int last = elements.length - 1;
        while (last > 0 && elements[last].isEmpty()) {
            last--;
        }
        return String.join("*", java.util.Arrays.copyOf(elements, last + 1)) + "~";
    }

    /** Free text in the X12 basic character set, upper case, at most {@code max} characters. */
    static String text(String value, int max) {
        String clean = value == null
                ? ""
                : value.toUpperCase(java.util.Locale.ROOT)
                        .replaceAll("[^A-Z0-9 .,&'()/#-]", " ")
                        .replaceAll(" +", " ")
                        .trim();
        clean = clean.length() > max ? clean.substring(0, max).trim() : clean;
        return clean.isEmpty() ? "UNKNOWN" : clean;
    }

    /** Last name and first name(s): the last word is the last name. */
    static String[] name(String fullName) {
        String clean = text(fullName, 95);
        int space = clean.lastIndexOf(' ');
        if (space < 0) {
            return new String[] {text(clean, 60), ""};
        }
        return new String[] {text(clean.substring(space + 1), 60), text(clean.substring(0, space), 35)};
    }

    /** Codes and identifiers: letters, digits and dashes only. */
    static String id(String value) {
        String clean =
                value == null ? "" : value.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9-]", "");
        return clean.isEmpty() ? "UNKNOWN" : clean;
    }

    private static String code(String value) {
        return id(value).replace("-", "");
    }

    private static String digits(String value) {
        String clean = value == null ? "" : value.replaceAll("[^0-9]", "");
        return clean.isEmpty() ? "0" : clean;
    }

    private static String pad(String value, int width) {
        String v = value.length() > width ? value.substring(0, width) : value;
        return v + " ".repeat(width - v.length());
    }

    static String money(long cents) {
        BigDecimal amount = BigDecimal.valueOf(cents, 2).stripTrailingZeros();
        return amount.scale() < 0 ? amount.setScale(0).toPlainString() : amount.toPlainString();
    }
}
