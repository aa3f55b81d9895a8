package app.caseload.shared;

import java.util.Objects;
import java.util.UUID;

/** Typed id of a session; other modules refer to it by this, never by holding the object. */
public record SessionId(UUID value) {

    public SessionId {
        Objects.requireNonNull(value, "session id");
    }

    public static SessionId random() {
        return new SessionId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
