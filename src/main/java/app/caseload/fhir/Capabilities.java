package app.caseload.fhir;

import java.time.Clock;
import java.util.Collection;
import java.util.Date;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementKind;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.ResourceVersionPolicy;
import org.hl7.fhir.r4.model.CapabilityStatement.RestfulCapabilityMode;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.hl7.fhir.r4.model.Enumerations.FHIRVersion;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.springframework.stereotype.Component;

/**
 * The CapabilityStatement: exactly what is served — each resource type with read and search-type,
 * its search parameters, JSON only — built from the resource types themselves, so it cannot drift.
 */
@Component
class Capabilities {

    /** When this server's capabilities last changed: they change only with a deployment. */
    private final Date started;

    Capabilities(Clock clock) {
        this.started = Date.from(clock.instant());
    }

    CapabilityStatement statement(String base, Collection<ResourceType> types) {
        CapabilityStatement statement = new CapabilityStatement();
        statement.setStatus(PublicationStatus.ACTIVE);
        statement.setDate(started);
        statement.setPublisher("Caseload");
        statement.setKind(CapabilityStatementKind.INSTANCE);
        statement.setDescription("Caseload's read-only FHIR R4 API: members, clients, care teams and sessions of the"
                + " caller's practice, with the same visibility as the JSON API.");
        statement.getSoftware().setName("Caseload");
        statement.getImplementation().setDescription("Caseload FHIR R4 API").setUrl(base);
        statement.setFhirVersion(FHIRVersion._4_0_1);
        statement.addFormat("application/fhir+json");
        statement.addFormat("json");
        CapabilityStatementRestComponent rest = statement.addRest().setMode(RestfulCapabilityMode.SERVER);
        rest.setDocumentation(
                "Every request but this one needs the header Authorization: Bearer {token}, the token from POST"
                        + " /api/v1/auth/login. Searches page with the next link (an opaque cursor); _count is capped at 500.");
        rest.getSecurity()
                .setCors(false)
                .setDescription("Bearer tokens of the JSON API; a resource the caller may not see does not exist"
                        + " for them (404).");
        for (ResourceType type : types) {
            CapabilityStatementRestResourceComponent resource = rest.addResource()
                    .setType(type.name())
                    .setVersioning(ResourceVersionPolicy.NOVERSION)
                    .setReadHistory(false)
                    .setUpdateCreate(false);
            resource.addInteraction().setCode(TypeRestfulInteraction.READ);
            resource.addInteraction().setCode(TypeRestfulInteraction.SEARCHTYPE);
            for (SearchParam param : type.searchParams()) {
                resource.addSearchParam()
                        .setName(param.name())
                        .setType(param.type())
                        .setDefinition(param.definition())
                        .setDocumentation(param.documentation());
            }
        }
        return statement;
    }
}
