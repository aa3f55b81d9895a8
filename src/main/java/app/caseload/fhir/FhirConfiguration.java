package app.caseload.fhir;

import ca.uhn.fhir.context.FhirContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * The one {@link FhirContext} of the application: building it scans the R4 model, so only once, and
 * only when the first FHIR answer is written (lazy). Start-up is CPU-bound on a small machine, and the
 * JSON API and the dashboard never need it (0.3 s of the start; the first FHIR answer pays about 1 s).
 */
@Configuration(proxyBeanMethods = false)
class FhirConfiguration {

    @Bean
    @Lazy
    FhirContext fhirContext() {
        return FhirContext.forR4();
    }
}
