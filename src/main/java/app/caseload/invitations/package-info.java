/**
 * Invitations: an admin invites a therapist by email; the invitee accepts (and becomes an Active
 * member with the invited role) or declines. Links are single-use, expiring, stored only as hashes.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Invitations")
package app.caseload.invitations;
