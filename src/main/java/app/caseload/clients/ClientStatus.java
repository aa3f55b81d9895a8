package app.caseload.clients;

public enum ClientStatus {
    ACTIVE,
    INACTIVE,
    DISCHARGED
}
