/** Billing: claim lines for completed sessions with a final note, as the practice may bill them. */
@org.springframework.modulith.ApplicationModule(displayName = "Billing")
package app.caseload.billing;
