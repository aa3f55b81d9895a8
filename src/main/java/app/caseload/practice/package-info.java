/** The practice: the tenant itself, its settings and numbers, founding one (sign-up), and "me". */
@org.springframework.modulith.ApplicationModule(displayName = "Practice")
package app.caseload.practice;
