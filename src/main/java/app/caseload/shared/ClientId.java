package app.caseload.shared;

import java.util.Objects;
import java.util.UUID;

/** Typed id of a client; other modules refer to it by this, never by holding the object. */
public record ClientId(UUID value) {

    public ClientId {
        Objects.requireNonNull(value, "client id");
    }

    public static ClientId random() {
        return new ClientId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
