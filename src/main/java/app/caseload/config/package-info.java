/** Framework set-up: the embedded database, the clock, problem answers. */
@org.springframework.modulith.ApplicationModule(displayName = "Configuration")
package app.caseload.config;
