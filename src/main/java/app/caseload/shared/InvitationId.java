package app.caseload.shared;

import java.util.Objects;
import java.util.UUID;

/** Typed id of a invitation; other modules refer to it by this, never by holding the object. */
public record InvitationId(UUID value) {

    public InvitationId {
        Objects.requireNonNull(value, "invitation id");
    }

    public static InvitationId random() {
        return new InvitationId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
