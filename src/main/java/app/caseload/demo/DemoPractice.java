package app.caseload.demo;

import app.caseload.accounts.Accounts;
import app.caseload.clients.ClientKind;
import app.caseload.clients.ClientStatus;
import app.caseload.clients.ClientView;
import app.caseload.clients.Clients;
import app.caseload.clients.RiskLevel;
import app.caseload.practice.Practices;
import app.caseload.practice.Signup;
import app.caseload.roles.BillingModifier;
import app.caseload.roles.RoleDraft;
import app.caseload.roles.RoleView;
import app.caseload.roles.Roles;
import app.caseload.sessions.SessionView;
import app.caseload.sessions.Sessions;
import app.caseload.shared.AccountId;
import app.caseload.shared.Caller;
import app.caseload.shared.MemberId;
import app.caseload.shared.MemberStatus;
import app.caseload.shared.RoleId;
import app.caseload.supervision.Supervision;
import app.caseload.therapists.Therapists;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Seeds the demo practice "Harbor Light Counseling" through the module services — the same rules
 * as every request — once: when its owner's account exists, it does nothing.
 */
@Component
public class DemoPractice {

    public static final String PRACTICE = "Harbor Light Counseling";
    public static final String PASSWORD = "harbor-light-demo";
    public static final String OWNER = "olivia.owens@harbor.example";
    public static final String SUPERVISOR = "samuel.reyes@harbor.example";
    public static final String SUPERVISEE = "ivy.chen@harbor.example";
    public static final String THERAPIST = "leah.park@harbor.example";

    private static final Logger log = LoggerFactory.getLogger(DemoPractice.class);

    private static final String[] FIRST = {
        "Avery", "Jordan", "Riley", "Casey", "Morgan", "Taylor", "Quinn", "Harper", "Rowan", "Elliot", "Sage", "Jamie",
        "Dakota", "Reese", "Skyler", "Emerson", "Finley", "Hayden", "Kendall", "Logan"
    };
    private static final String[] LAST = {
        "Alvarez",
        "Brooks",
        "Castillo",
        "Dawson",
        "Ellis",
        "Foster",
        "Garcia",
        "Hughes",
        "Ibarra",
        "Jensen",
        "Kim",
        "Lawson",
        "Mendez",
        "Nguyen",
        "Olsen",
        "Patel",
        "Quintero",
        "Russo",
        "Sato",
        "Turner"
    };
    private static final String[] CODES = {"90834", "90837", "90832", "90834", "90791"};

    private final boolean enabled;
    private final Accounts accounts;
    private final Signup signup;
    private final Practices practices;
    private final Roles roles;
    private final Therapists therapists;
    private final Supervision supervision;
    private final Clients clients;
    private final Sessions sessions;
    private final Clock clock;

    DemoPractice(
            @Value("${caseload.demo:false}") boolean enabled,
            Accounts accounts,
            Signup signup,
            Practices practices,
            Roles roles,
            Therapists therapists,
            Supervision supervision,
            Clients clients,
            Sessions sessions,
            Clock clock) {
        this.enabled = enabled;
        this.accounts = accounts;
        this.signup = signup;
        this.practices = practices;
        this.roles = roles;
        this.therapists = therapists;
        this.supervision = supervision;
        this.clients = clients;
        this.sessions = sessions;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void onReady() {
        if (enabled) {
            seed();
            log.info("""

                    ==== Caseload demo practice: {} ====
                    Sign in at /signin with the password {}
                      owner (practice admin):  {}
                      supervisor:              {}
                      supervisee (associate):  {}
                      therapist:               {}
                    ====""", PRACTICE, PASSWORD, OWNER, SUPERVISOR, SUPERVISEE, THERAPIST);
        }
    }

    /** Seeds the demo practice unless it exists; answers whether it seeded. */
    public synchronized boolean seed() {
        if (accounts.findByEmail(OWNER).isPresent()) {
            log.info("The demo practice exists already; nothing seeded.");
            return false;
        }
        Random random = new Random(20240611L);
        Caller owner =
                signup.foundPractice(PRACTICE, "Olivia Owens", OWNER, PASSWORD).founder();
        Map<String, RoleId> role = new HashMap<>();
        for (RoleView r : roles.list(owner.practiceId())) {
            role.put(r.name(), r.id());
        }
        RoleView senior = roles.create(
                owner.practiceId(),
                new RoleDraft(
                        "Senior Associate",
                        "Experienced associate who sees every practice client and can reassign them.",
                        Map.of("clients.view_practice", true, "clients.reassign", true),
                        false,
                        false,
                        BillingModifier.HO));
        practices.update(owner, null, true, null);

        Caller sam = join(owner, "Samuel Reyes", SUPERVISOR, role.get("Supervisor"));
        Caller ivy = join(owner, "Ivy Chen", SUPERVISEE, role.get("Associate"));
        Caller leah = join(owner, "Leah Park", THERAPIST, role.get(Roles.LICENSED_THERAPIST));
        Caller noah = join(owner, "Noah Bennett", "noah.bennett@harbor.example", senior.id());
        Caller maya = join(owner, "Maya Ortiz", "maya.ortiz@harbor.example", role.get("Intern"));
        Caller omar = join(owner, "Omar Haddad", "omar.haddad@harbor.example", role.get(Roles.LICENSED_THERAPIST));
        Caller rita = join(owner, "Rita Gomez", "rita.gomez@harbor.example", role.get(Roles.LICENSED_THERAPIST));
        supervision.assignSupervisor(owner, ivy.memberId(), sam.memberId());
        supervision.assignSupervisor(owner, maya.memberId(), sam.memberId());

        // ~60 clients, direct and practice, spread over the team; Ivy's caseload has all three kinds.
        List<Caller> team = List.of(owner, sam, ivy, leah, noah, maya, omar, rita, leah, ivy);
        List<ClientView> all = new ArrayList<>();
        List<ClientView> leahPractice = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            Caller therapist = team.get(i % team.size());
            ClientKind kind = i % 3 == 0 ? ClientKind.PRACTICE : ClientKind.DIRECT;
            String name = FIRST[i % FIRST.length] + " " + LAST[(i * 7 + i / FIRST.length) % LAST.length];
            ClientView client = clients.register(
                    owner,
                    new Clients.NewClient(
                            name,
                            LocalDate.of(1950 + random.nextInt(55), 1 + random.nextInt(12), 1 + random.nextInt(28)),
                            name.toLowerCase().replace(' ', '.') + "@mail.example",
                            "555-01" + String.format("%02d", i),
                            kind,
                            therapist.memberId()));
            all.add(client);
            if (therapist == leah && kind == ClientKind.PRACTICE) {
                leahPractice.add(client);
            }
        }

        // Past sessions with notes: signed, drafts, and (for supervisees) awaiting co-signature.
        Map<MemberId, Instant> nextSlot = new HashMap<>();
        Instant start = clock.instant()
                .truncatedTo(ChronoUnit.DAYS)
                .minus(Duration.ofDays(45))
                .plus(Duration.ofHours(9));
        Map<MemberId, Caller> callers = new HashMap<>();
        for (Caller c : List.of(owner, sam, ivy, leah, noah, maya, omar, rita)) {
            callers.put(c.memberId(), c);
        }
        int n = 0;
        for (ClientView client : all) {
            Caller therapist = callers.get(client.therapistId());
            int count = 1 + random.nextInt(3);
            for (int s = 0; s < count; s++) {
                pastSession(owner, therapist, client, nextSlot, start, n++, sam);
            }
        }
        // Walk-ins: Ivy sees two of Leah's practice clients.
        for (ClientView walkIn : leahPractice.subList(0, Math.min(2, leahPractice.size()))) {
            pastSession(owner, ivy, walkIn, nextSlot, start, 1, sam);
        }
        // Upcoming sessions for the Active team.
        for (int i = 0; i < 8; i++) {
            ClientView client = all.get(i);
            Caller therapist = callers.get(client.therapistId());
            if (therapist == omar || therapist == rita) {
                continue;
            }
            sessions.schedule(
                    owner,
                    new Sessions.NewSession(
                            client.id(),
                            therapist.memberId(),
                            clock.instant()
                                    .truncatedTo(ChronoUnit.DAYS)
                                    .plus(Duration.ofDays(2 + i))
                                    .plus(Duration.ofHours(15)),
                            50,
                            "90834",
                            null));
        }

        // Risk levels, and a few clients no longer seen.
        RiskLevel[] levels = {RiskLevel.LOW, RiskLevel.MODERATE, RiskLevel.HIGH, RiskLevel.LOW, RiskLevel.IMMINENT};
        for (int i = 0; i < all.size(); i += 4) {
            RiskLevel level = levels[(i / 4) % levels.length];
            clients.setRisk(owner, all.get(i).id(), level, "Assessed at intake.");
        }
        clients.setRisk(owner, all.get(2).id(), RiskLevel.HIGH, "Disclosed recent crisis; safety plan in place.");
        clients.update(owner, all.get(57).id(), new Clients.Changes(null, null, null, ClientStatus.DISCHARGED));
        clients.update(owner, all.get(58).id(), new Clients.Changes(null, null, null, ClientStatus.INACTIVE));

        // Members in every status.
        therapists.changeStatus(owner, omar.memberId(), MemberStatus.ON_HOLD);
        therapists.changeStatus(owner, rita.memberId(), MemberStatus.INACTIVE);
        log.info("Seeded the demo practice {} with {} clients.", PRACTICE, all.size());
        return true;
    }

    private void pastSession(
            Caller owner,
            Caller therapist,
            ClientView client,
            Map<MemberId, Instant> nextSlot,
            Instant start,
            int n,
            Caller supervisor) {
        Instant at = nextSlot.getOrDefault(therapist.memberId(), start);
        nextSlot.put(therapist.memberId(), at.plus(Duration.ofHours(26)));
        SessionView session = sessions.schedule(
                owner,
                new Sessions.NewSession(client.id(), therapist.memberId(), at, 50, CODES[n % CODES.length], null));
        sessions.complete(owner, session.id());
        int kind = n % 5;
        if (kind == 4) {
            return; // not written yet: a pending note
        }
        sessions.writeNote(
                therapist,
                session.id(),
                "Session focused on coping strategies; client engaged and reported progress on weekly goals.");
        if (kind == 3) {
            return; // a draft
        }
        SessionView signed = sessions.signNote(therapist, session.id());
        if (signed.noteStatus() == app.caseload.sessions.NoteStatus.AWAITING_COSIGN && kind == 0) {
            sessions.cosignNote(supervisor, session.id());
        }
    }

    private Caller join(Caller owner, String fullName, String email, RoleId role) {
        AccountId account = accounts.register(email, fullName, PASSWORD);
        MemberId member = therapists.join(owner.practiceId(), account, role, false);
        return therapists.member(owner.practiceId(), member).orElseThrow();
    }
}
