/**
 * Demo: with {@code --caseload.demo=true}, seeds once a realistic practice through the module
 * services, so a newcomer sees every section of the help article working at once.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Demo")
package app.caseload.demo;
