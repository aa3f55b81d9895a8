package app.caseload.practice;

import app.caseload.shared.Caller;
import java.util.Optional;

/**
 * The practice-wide clinical numbers of the dashboard (SPEC §3–4), for those who may see them.
 * Implemented by the clients module.
 */
public interface ClinicalNumbers {

    record Numbers(long activeClients, long pendingNotes, long highRiskClients) {}

    /** The numbers, or empty when the viewer may not see the practice's numbers. */
    Optional<Numbers> forPractice(Caller viewer);
}
