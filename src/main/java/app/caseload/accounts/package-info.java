/**
 * Accounts: people who can sign in (email, password), their sign-in tokens, and the request
 * authentication that turns a token into the {@link app.caseload.shared.Caller}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Accounts")
package app.caseload.accounts;
