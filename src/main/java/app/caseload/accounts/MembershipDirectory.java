package app.caseload.accounts;

import app.caseload.shared.AccountId;
import app.caseload.shared.Caller;
import app.caseload.shared.MemberId;
import app.caseload.shared.PracticeId;
import java.util.Optional;

/**
 * Where authentication learns which practice an account currently belongs to, and in what
 * standing. Implemented by the therapists module, which owns memberships.
 */
public interface MembershipDirectory {

    /** The account's current membership, if it has one and has not been removed. */
    Optional<Caller> currentMembership(AccountId account);

    /** The member as of now, or empty when removed. Status is returned as is; callers decide. */
    Optional<Caller> member(PracticeId practice, MemberId member);
}
