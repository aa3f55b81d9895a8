package app.caseload.shared;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A refusal the client can act on, mapped once to an RFC 9457 problem answer. Modules create these
 * through named factories ({@code InvitationProblems.expired()}), so every refusal has a stable
 * {@code type} and a message safe to show: never client data beyond what the caller sent.
 */
public class CaseloadException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final Map<String, Object> properties = new LinkedHashMap<>();

    public CaseloadException(int status, String type, String title, String detail) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
    }

    public static CaseloadException notFound(String what) {
        return new CaseloadException(404, "not-found", "Not found", what + " does not exist.");
    }

    public static CaseloadException forbidden(String detail) {
        return new CaseloadException(403, "forbidden", "Not allowed", detail);
    }

    public static CaseloadException conflict(String type, String detail) {
        return new CaseloadException(409, type, "Conflicts with the current state", detail);
    }

    public static CaseloadException invalid(String type, String detail) {
        return new CaseloadException(400, type, "Invalid request", detail);
    }

    /** Adds a property to the problem answer (for example the clients that block a removal). */
    public CaseloadException with(String name, Object value) {
        properties.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
