/**
 * Supervision: the practice's supervisor-supervisee assignments, with history, and the rules of who
 * may supervise whom.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Supervision")
package app.caseload.supervision;
