package app.caseload.accounts;

import app.caseload.shared.AccountId;

/** What other modules may know of an account. */
public record AccountView(AccountId id, String email, String fullName) {}
