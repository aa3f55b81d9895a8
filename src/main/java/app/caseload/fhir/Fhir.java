package app.caseload.fhir;

import java.time.Instant;
import java.util.Date;
import java.util.TimeZone;
import java.util.UUID;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Reference;

/** Code systems and small builders shared by the resource types. */
final class Fhir {

    /** CPT, as FHIR names it: the service code of a session. */
    static final String CPT = "http://www.ama-assn.org/go/cpt";
    /** HCPCS Level II, whose level-of-care modifiers (HO, HN, …) a role carries onto claims. */
    static final String HCPCS = "http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets";

    static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    static final String PARTICIPATION_TYPE = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";

    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    private Fhir() {}

    static Reference reference(String type, UUID id) {
        return new Reference(type + "/" + id);
    }

    /** An instant as FHIR writes it, in UTC to the second (as the JSON API keeps instants). */
    static DateTimeType instant(Instant at) {
        return new DateTimeType(Date.from(at), ca.uhn.fhir.model.api.TemporalPrecisionEnum.SECOND, UTC);
    }
}
