package app.caseload.shared;

import java.util.Objects;
import java.util.UUID;

/** Typed id of a account; other modules refer to it by this, never by holding the object. */
public record AccountId(UUID value) {

    public AccountId {
        Objects.requireNonNull(value, "account id");
    }

    public static AccountId random() {
        return new AccountId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
