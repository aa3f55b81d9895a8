/**
 * Outgoing mail through a transactional outbox: a mail commits with the change that caused it,
 * and a sender on any app node delivers it over SMTP with retries, never losing it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Mail")
package app.caseload.mail;
