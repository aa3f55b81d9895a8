package app.caseload.fhir;

import app.caseload.shared.Caller;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Resource;

/** One FHIR resource type served: read by id and search, for a caller, under their visibility. */
interface ResourceType {

    /** The FHIR name, as in the URL: {@code Patient}. */
    String name();

    /** What a search may name, besides {@code _count}; also listed in the CapabilityStatement. */
    List<SearchParam> searchParams();

    /** The resource, or {@link FhirProblem#notFound} when it does not exist for the caller. */
    Resource read(Caller caller, UUID id);

    Found search(Caller caller, SearchRequest search);

    /** One page of matches and the cursor after it (null on the last page). */
    record Found(List<? extends Resource> resources, String nextCursor) {}
}
