package app.caseload.shared;

import java.util.Objects;
import java.util.UUID;

/** Typed id of a practice; other modules refer to it by this, never by holding the object. */
public record PracticeId(UUID value) {

    public PracticeId {
        Objects.requireNonNull(value, "practice id");
    }

    public static PracticeId random() {
        return new PracticeId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
