package app.caseload.roles;

/** HCPCS level-of-care modifiers a role can carry onto claims (SPEC §3). */
public enum BillingModifier {
    /** Master's level. */
    HO,
    /** Bachelor's level. */
    HN,
    /** Doctoral level. */
    HP,
    /** Intern. */
    HL,
    /** Less than bachelor's level. */
    HM,
    /** Clinical psychologist. */
    AH,
    /** Clinical social worker. */
    AJ
}
