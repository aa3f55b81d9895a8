package app.caseload.practice;

import app.caseload.shared.Caller;

/**
 * The practice-wide clinical numbers of the dashboard, as the caller may see them (SPEC §4–5).
 * Implemented by the clients module; without one, the numbers are zero.
 */
public interface ClinicalNumbers {

    record Numbers(long activeClients, long pendingNotes, long highRiskClients) {}

    Numbers forPractice(Caller viewer);
}
