/**
 * Clients: direct and practice clients, their assignment and risk history, their metrics, and the
 * one policy that decides who sees which client ({@link app.caseload.clients.ClientVisibility}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Clients")
package app.caseload.clients;
