/**
 * Audit: the append-only trail of sign-ins, team, invitation, role and practice changes, and reads
 * of client data (SPEC §8), written in the same transaction as what it records, and searched and
 * exported by admins.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit")
package app.caseload.audit;
