package app.caseload.clients;

public enum RiskLevel {
    NONE,
    LOW,
    MODERATE,
    HIGH,
    IMMINENT;

    /** High and Imminent count as "clients at risk" in the metrics (SPEC §4). */
    public boolean isHigh() {
        return this == HIGH || this == IMMINENT;
    }
}
