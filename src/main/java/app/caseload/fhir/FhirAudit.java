package app.caseload.fhir;

import app.caseload.clients.ClientEvents.ClientDataRead;
import app.caseload.shared.Caller;
import app.caseload.shared.ClientId;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Every FHIR read of client data is audited as the JSON API's reads are: the same event, so the
 * same trail row (who, which clients, from where), named {@code fhir.<type>.read|search}. An empty
 * search is recorded too: who looked is what an auditor asks.
 */
@Component
class FhirAudit {

    private final ApplicationEventPublisher events;

    FhirAudit(ApplicationEventPublisher events) {
        this.events = events;
    }

    void read(Caller caller, String action, Stream<UUID> clients) {
        events.publishEvent(new ClientDataRead(
                caller.practiceId(),
                caller.memberId(),
                action,
                clients.distinct().map(ClientId::new).toList()));
    }

    /** The ids of resources whose id is their client's (Patient, CareTeam). */
    static Stream<UUID> ids(List<? extends Resource> resources) {
        return resources.stream().map(r -> UUID.fromString(r.getIdElement().getIdPart()));
    }
}
