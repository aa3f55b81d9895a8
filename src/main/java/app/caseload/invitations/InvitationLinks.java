package app.caseload.invitations;

import app.caseload.shared.PracticeId;
import app.caseload.shared.SecretTokens;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Invitation link tokens: {@code <practice>.<secret>}. The secret is 256 random bits; the practice
 * part lets the server find the invitation within its practice (the schema is distributed by
 * practice) and is no secret. Only the SHA-256 of the whole token is stored.
 */
final class InvitationLinks {

    private InvitationLinks() {}

    record Parsed(PracticeId practice, byte[] hash) {}

    static String newToken(PracticeId practice) {
        ByteBuffer bytes = ByteBuffer.allocate(16);
        bytes.putLong(practice.value().getMostSignificantBits())
                .putLong(practice.value().getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array()) + "." + SecretTokens.generate();
    }

    static Optional<Parsed> parse(String token) {
        if (token == null || token.length() > 200) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        try {
            byte[] practice = Base64.getUrlDecoder().decode(token.substring(0, dot));
            if (practice.length != 16) {
                return Optional.empty();
            }
            ByteBuffer buffer = ByteBuffer.wrap(practice);
            UUID id = new UUID(buffer.getLong(), buffer.getLong());
            return Optional.of(new Parsed(new PracticeId(id), SecretTokens.hash(token)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
