package app.caseload.therapists;

import app.caseload.shared.Caller;
import app.caseload.shared.MemberId;
import app.caseload.shared.PracticeId;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What other modules know about members that the roster shows: their supervisors (supervision
 * module) and their caseload numbers (clients module). Implemented there, so this module does not
 * depend on them; without an implementation the roster shows none.
 */
public interface TeamInsights {

    default Map<MemberId, List<MemberId>> supervisorsOf(PracticeId practice, Collection<MemberId> members) {
        return Map.of();
    }

    /** The numbers of those of the members the viewer may see numbers of; the others are absent. */
    default Map<MemberId, TherapistMetrics> metricsOf(Caller viewer, Collection<MemberId> members) {
        return Map.of();
    }
}
