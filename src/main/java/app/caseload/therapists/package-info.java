/**
 * Therapists: the members of a practice (the roster), their status, role and admin rights, and
 * removal from the practice. Owns the one-practice-at-a-time membership of an account.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Therapists")
package app.caseload.therapists;
