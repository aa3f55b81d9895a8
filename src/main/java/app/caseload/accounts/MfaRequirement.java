package app.caseload.accounts;

import app.caseload.shared.Caller;

/**
 * Whether a member's practice requires a second factor of them. Implemented by the practice
 * module, which owns the setting.
 */
public interface MfaRequirement {

    boolean requiredFor(Caller member);
}
