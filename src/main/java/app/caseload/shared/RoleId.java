package app.caseload.shared;

import java.util.Objects;
import java.util.UUID;

/** Typed id of a role; other modules refer to it by this, never by holding the object. */
public record RoleId(UUID value) {

    public RoleId {
        Objects.requireNonNull(value, "role id");
    }

    public static RoleId random() {
        return new RoleId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
