package app.caseload.therapists;

import app.caseload.shared.MemberId;
import app.caseload.shared.PracticeId;
import java.util.List;
import java.util.Map;

/**
 * What a member still holds that removal from the practice would orphan (clients, future
 * sessions), and how to hand it over to another therapist. Implemented by the clinical modules;
 * removal asks every implementation inside its own transaction.
 */
public interface CaseloadHandover {

    /**
     * What the member still holds, by the name the refusal lists it under (for example
     * {@code "clients" -> [{id, fullName}]}); empty lists when nothing. Client data shown to
     * {@code viewer} is recorded as a read, even when the removal is then refused.
     */
    Map<String, List<?>> holdings(PracticeId practice, MemberId member, MemberId viewer);

    /** Moves everything the member holds to {@code to}, recording {@code by} as the actor. */
    void handOver(PracticeId practice, MemberId from, MemberId to, MemberId by);
}
