package app.caseload.support;

import app.caseload.accounts.Totp;
import java.time.Instant;

/** What an authenticator app shows for a base32 secret, for tests that sign in with a second factor. */
public final class TotpCodes {

    private TotpCodes() {}

    /** The code of the current time step plus {@code stepOffset} (a used step is not accepted twice). */
    public static String now(String base32Secret, int stepOffset) {
        return Totp.code(base32Decode(base32Secret), Totp.step(Instant.now()) + stepOffset, Totp.DIGITS, "HmacSHA1");
    }

    static byte[] base32Decode(String text) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : text.toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }
}
