/**
 * Dashboard: the web pages that show several clinical modules together (clients, caseloads,
 * sessions and notes, supervision), built only on those modules' faces; nothing depends on it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Dashboard")
package app.caseload.dashboard;
