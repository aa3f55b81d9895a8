package app.caseload.clients;

import app.caseload.clients.Clients.NewClient;
import app.caseload.roles.Feature;
import app.caseload.roles.Roles;
import app.caseload.shared.Caller;
import app.caseload.shared.CaseloadException;
import app.caseload.shared.MemberId;
import app.caseload.shared.MemberStatus;
import app.caseload.shared.PracticeZones;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The rules of registering a client, in one place for one client (API, dashboard) and for many (CSV
 * import): who may register clients at all, for which therapist, and what a valid new client is.
 * One client's problems become the API's refusals ({@link #refusal}); an import reports them per
 * line.
 */
@Component
class ClientIntake {

    /** A field of a new client, named as the API and as the CSV file name it. */
    enum Field {
        FULL_NAME("fullName", "full_name"),
        DATE_OF_BIRTH("dateOfBirth", "date_of_birth"),
        EMAIL("email", "email"),
        PHONE("phone", "phone"),
        KIND("kind", "kind"),
        THERAPIST("therapistId", "therapist_email"),
        STATUS("status", "status");

        final String apiName;
        final String column;

        Field(String apiName, String column) {
            this.apiName = apiName;
            this.column = column;
        }

        static Field ofApiName(String name) {
            for (Field f : values()) {
                if (f.apiName.equals(name)) {
                    return f;
                }
            }
            throw new IllegalArgumentException(name);
        }
    }

    /** Why a new client is refused; the order is the order in which a single registration refuses. */
    enum Refusal {
        ONLY_YOURSELF,
        INVALID,
        UNKNOWN_THERAPIST,
        THERAPIST_NOT_ACTIVE
    }

    record Problem(Field field, Refusal refusal, String message) {}

    private final Roles roles;
    private final Validator validator;
    private final PracticeZones zones;
    private final Clock clock;

    ClientIntake(Roles roles, Validator validator, PracticeZones zones, Clock clock) {
        this.roles = roles;
        this.validator = validator;
        this.zones = zones;
        this.clock = clock;
    }

    /** Whether the caller may register clients at all: Active, and admin or {@code clients.create}. */
    boolean mayRegister(Caller caller) {
        return caller.status() == MemberStatus.ACTIVE && (caller.isAdmin() || allows(caller, Feature.CLIENTS_CREATE));
    }

    /** 403 unless {@link #mayRegister}; On Hold members hear that they are read-only. */
    void requireMayRegister(Caller caller) {
        if (caller.status() != MemberStatus.ACTIVE) {
            throw ClientProblems.readOnlyOnHold();
        }
        if (!mayRegister(caller)) {
            throw ClientProblems.mayNotCreate();
        }
    }

    /** Admins and roles with {@code clients.reassign} may name any therapist; others only themself. */
    boolean mayNameAnyTherapist(Caller caller) {
        return caller.isAdmin() || allows(caller, Feature.CLIENTS_REASSIGN);
    }

    /** The practice's today: a date of birth may not lie after it (SPEC §2b, practice-local days). */
    LocalDate today(Caller caller) {
        return LocalDate.now(clock.withZone(zones.zoneOf(caller.practiceId())));
    }

    /**
     * Every problem of one new client, in refusal order. {@code therapistStatus} is the named
     * therapist's status as a current member of the practice, or null when they are not one;
     * {@code skip} names fields the caller already found unreadable (an import's bad date).
     */
    List<Problem> problems(
            NewClient client,
            boolean anyTherapist,
            MemberId self,
            MemberStatus therapistStatus,
            LocalDate today,
            Set<Field> skip) {
        List<Problem> problems = new ArrayList<>();
        if (client.therapistId() != null
                && !anyTherapist
                && !client.therapistId().equals(self)) {
            problems.add(
                    new Problem(Field.THERAPIST, Refusal.ONLY_YOURSELF, "your role may only add clients for yourself"));
        }
        EnumSet<Field> reported = EnumSet.noneOf(Field.class);
        reported.addAll(skip);
        List<ConstraintViolation<NewClient>> violations = new ArrayList<>(validator.validate(client));
        violations.sort(
                Comparator.comparing(v -> Field.ofApiName(v.getPropertyPath().toString())));
        for (ConstraintViolation<NewClient> v : violations) {
            Field field = Field.ofApiName(v.getPropertyPath().toString());
            if (field != Field.THERAPIST && reported.add(field)) {
                problems.add(new Problem(field, Refusal.INVALID, v.getMessage()));
            }
        }
        if (client.dateOfBirth() != null && client.dateOfBirth().isAfter(today) && reported.add(Field.DATE_OF_BIRTH)) {
            problems.add(new Problem(Field.DATE_OF_BIRTH, Refusal.INVALID, "must not be in the future"));
        }
        if (client.therapistId() != null && !skip.contains(Field.THERAPIST)) {
            if (therapistStatus == null) {
                problems.add(
                        new Problem(Field.THERAPIST, Refusal.UNKNOWN_THERAPIST, "is not a therapist of this practice"));
            } else if (therapistStatus != MemberStatus.ACTIVE) {
                problems.add(new Problem(
                        Field.THERAPIST,
                        Refusal.THERAPIST_NOT_ACTIVE,
                        "is not Active: give the client to an Active therapist"));
            }
        }
        problems.sort(Comparator.comparing(Problem::refusal));
        return problems;
    }

    /** The refusal of one registration with these problems, as the API has always answered it. */
    static CaseloadException refusal(List<Problem> problems) {
        Problem first = problems.get(0);
        return switch (first.refusal()) {
            case ONLY_YOURSELF -> ClientProblems.onlyYourself();
            case INVALID -> {
                List<Map<String, String>> errors = problems.stream()
                        .filter(p -> p.refusal() == Refusal.INVALID)
                        .map(p -> Map.of("field", p.field().apiName, "message", p.message()))
                        .toList();
                yield CaseloadException.invalid("validation", first.field().apiName + " " + first.message() + ".")
                        .with("errors", errors);
            }
            case UNKNOWN_THERAPIST -> ClientProblems.unknownTherapist(Field.THERAPIST.apiName);
            case THERAPIST_NOT_ACTIVE -> ClientProblems.therapistNotActive();
        };
    }

    private boolean allows(Caller caller, Feature feature) {
        return roles.rules(caller.practiceId(), caller.roleId()).allows(feature);
    }
}
