package app.caseload.billing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code caseload.billing.*}: the identifiers an ANSI X12 837P file needs that Caseload does not
 * store. Every default is a placeholder that no clearinghouse accepts (and the interchange is
 * marked as a test, {@code usage=T}), so a file is never mistaken for a real claim until a practice
 * configures its own values. See docs/api-clinical-notes.md.
 *
 * @param usage ISA15: {@code T} test (default) or {@code P} production
 * @param submitterId ISA06/GS02 and the submitter's id (1000A)
 * @param receiverId ISA08/GS03 and the receiver's id (1000B)
 * @param receiverName the clearinghouse's name (1000B)
 * @param contactPhone the submitter's contact telephone (1000A PER)
 * @param billingNpi the practice's NPI (2010AA NM109)
 * @param taxId the practice's EIN (2010AA REF*EI)
 * @param addressLine the practice's street address (2010AA N3)
 * @param city the practice's city (2010AA N4)
 * @param state the practice's state (2010AA N4)
 * @param postalCode the practice's ZIP (2010AA N4)
 * @param payerName the payer's name (2010BB)
 * @param payerId the payer's id (2010BB)
 * @param renderingNpi every rendering provider's NPI (2310B); their member id follows in REF*G2
 * @param supervisingNpi every supervising provider's NPI (2310D); their member id follows in REF*G2
 * @param diagnosisCode the principal diagnosis (HI*ABK), which Caseload does not record
 * @param placeOfService CLM05-1, the place of service code (default 11, office)
 */
@ConfigurationProperties("caseload.billing")
public record BillingProperties(
        @DefaultValue("T") String usage,
        @DefaultValue("CASELOAD") String submitterId,
        @DefaultValue("RECEIVER") String receiverId,
        @DefaultValue("PLACEHOLDER CLEARINGHOUSE") String receiverName,
        @DefaultValue("0000000000") String contactPhone,
        @DefaultValue("9999999999") String billingNpi,
        @DefaultValue("000000000") String taxId,
        @DefaultValue("PLACEHOLDER ADDRESS") String addressLine,
        @DefaultValue("PLACEHOLDER") String city,
        @DefaultValue("ZZ") String state,
        @DefaultValue("000000000") String postalCode,
        @DefaultValue("PLACEHOLDER PAYER") String payerName,
        @DefaultValue("PAYERID") String payerId,
        @DefaultValue("9999999999") String renderingNpi,
        @DefaultValue("9999999999") String supervisingNpi,
        @DefaultValue("PLACEHOLDER") String diagnosisCode,
        @DefaultValue("11") String placeOfService) {}
