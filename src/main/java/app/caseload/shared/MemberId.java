package app.caseload.shared;

import java.util.Objects;
import java.util.UUID;

/** Typed id of a member; other modules refer to it by this, never by holding the object. */
public record MemberId(UUID value) {

    public MemberId {
        Objects.requireNonNull(value, "member id");
    }

    public static MemberId random() {
        return new MemberId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
