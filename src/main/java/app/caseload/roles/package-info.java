/**
 * Roles: practice-defined names for what members may do, with feature overrides over a fixed
 * catalogue, supervision rules and a billing modifier.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Roles")
package app.caseload.roles;
