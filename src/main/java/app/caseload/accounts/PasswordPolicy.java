package app.caseload.accounts;

import app.caseload.shared.CaseloadException;

/** Passwords: at least 12 characters; at most 256 so that hashing cannot be used to exhaust the server. */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 256;

    private PasswordPolicy() {}

    /** Whether the text is well-formed Unicode (JSON escapes can smuggle in lone surrogates, which hashing cannot encode). */
    public static boolean wellFormed(String text) {
        return java.nio.charset.StandardCharsets.UTF_8.newEncoder().canEncode(text);
    }

    public static void check(String password) {
        if (password != null && !wellFormed(password)) {
            throw CaseloadException.invalid(
                            "invalid-password", "The password contains characters that are not valid text.")
                    .with(
                            "errors",
                            java.util.List.of(java.util.Map.of("field", "password", "message", "is not valid text")));
        }
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            throw CaseloadException.invalid("weak-password", "The password must have at least 12 characters.")
                    .with(
                            "errors",
                            java.util.List.of(java.util.Map.of(
                                    "field", "password", "message", "must have at least 12 characters")));
        }
        if (password.length() > MAX_LENGTH) {
            throw CaseloadException.invalid("password-too-long", "The password must have at most 256 characters.")
                    .with(
                            "errors",
                            java.util.List.of(java.util.Map.of(
                                    "field", "password", "message", "must have at most 256 characters")));
        }
    }
}
