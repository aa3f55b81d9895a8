package app.caseload.practice;

/** Whom the practice requires to sign in with a second factor. */
public enum MfaRequired {
    NONE,
    ADMINS,
    EVERYONE
}
