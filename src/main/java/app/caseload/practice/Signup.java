package app.caseload.practice;

import app.caseload.accounts.Accounts;
import app.caseload.accounts.AuthTokens;
import app.caseload.roles.Roles;
import app.caseload.shared.AccountId;
import app.caseload.shared.Caller;
import app.caseload.shared.MemberId;
import app.caseload.shared.MemberStatus;
import app.caseload.shared.PracticeId;
import app.caseload.shared.RoleId;
import app.caseload.therapists.Therapists;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Founding a practice: the account, the practice with its default roles, and the founder as an
 * Active admin and therapist with the role "Licensed Therapist", in one transaction.
 */
@Service
public class Signup {

    private final Accounts accounts;
    private final Practices practices;
    private final Roles roles;
    private final Therapists therapists;
    private final AuthTokens tokens;
    private final ApplicationEventPublisher events;

    Signup(
            Accounts accounts,
            Practices practices,
            Roles roles,
            Therapists therapists,
            AuthTokens tokens,
            ApplicationEventPublisher events) {
        this.accounts = accounts;
        this.practices = practices;
        this.roles = roles;
        this.therapists = therapists;
        this.tokens = tokens;
        this.events = events;
    }

    public record Founded(Caller founder, AuthTokens.IssuedToken token) {}

    /** Founds a practice in {@value PracticeTimeZone#DEFAULT}; 409 when the email already has an account. */
    @Transactional
    public Founded foundPractice(String practiceName, String fullName, String email, String password) {
        return foundPractice(practiceName, fullName, email, password, null);
    }

    /**
     * Founds a practice for a new account in the time zone named (an IANA name, null for
     * {@value PracticeTimeZone#DEFAULT}; 400 naming {@code timeZone} when unknown); 409 when the
     * email already has an account.
     */
    @Transactional
    public Founded foundPractice(String practiceName, String fullName, String email, String password, String timeZone) {
        java.time.ZoneId zone = PracticeTimeZone.parse(timeZone);
        AccountId account = accounts.register(email, fullName, password);
        PracticeId practice = practices.create(practiceName, zone);
        RoleId licensed = roles.createDefaults(practice).get(Roles.LICENSED_THERAPIST);
        MemberId founder = therapists.join(practice, account, licensed, true);
        Caller caller = new Caller(account, founder, practice, licensed, MemberStatus.ACTIVE, true);
        events.publishEvent(new PracticeEvents.PracticeFounded(practice, founder));
        return new Founded(caller, tokens.issue(caller));
    }
}
