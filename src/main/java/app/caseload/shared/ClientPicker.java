package app.caseload.shared;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Client choices for a form in a module that must not depend on the clients module (the audit
 * page's client filter): clients found by name, and a chosen one named, always among the clients
 * the caller may see. Implemented by the clients module; every answer is recorded as a read of
 * client data, like the client list.
 */
public interface ClientPicker {

    /** A client to choose: its name, and the date of birth that tells two of the same name apart. */
    record Choice(ClientId id, String fullName, LocalDate dateOfBirth) {}

    /** Up to {@code limit} of the caller's visible clients whose name contains {@code text}, by name. */
    List<Choice> find(Caller caller, String text, int limit);

    /** The chosen client, or empty when it does not exist for the caller. */
    Optional<Choice> chosen(Caller caller, ClientId id);
}
