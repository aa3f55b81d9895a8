package app.caseload.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;

/**
 * HAPI's instance validator with the base R4 profiles and terminology only (no network, no
 * implementation guides): what "validates against the base R4 profiles" means in these tests.
 * Built once per test JVM, as it loads every R4 StructureDefinition.
 */
final class FhirValidation {

    static final FhirContext CONTEXT = FhirContext.forR4();

    private static FhirValidator validator;

    private FhirValidation() {}

    static synchronized FhirValidator validator() {
        if (validator == null) {
            ValidationSupportChain support = new ValidationSupportChain(
                    new DefaultProfileValidationSupport(CONTEXT),
                    new CommonCodeSystemsTerminologyService(CONTEXT),
                    new InMemoryTerminologyServerValidationSupport(CONTEXT),
                    new SnapshotGeneratingValidationSupport(CONTEXT));
            validator = CONTEXT.newValidator().registerValidatorModule(new FhirInstanceValidator(support));
        }
        return validator;
    }

    /** Every message of the given severity or worse, as text. */
    static List<String> messages(String json, ResultSeverityEnum atLeast) {
        return validator().validateWithResult(json).getMessages().stream()
                .filter(m -> m.getSeverity().ordinal() >= atLeast.ordinal())
                .map(FhirValidation::describe)
                .toList();
    }

    static List<String> errors(String json) {
        return messages(json, ResultSeverityEnum.ERROR);
    }

    private static String describe(SingleValidationMessage m) {
        return m.getSeverity() + " " + m.getLocationString() + ": " + m.getMessage();
    }
}
