package app.caseload.fhir;

import app.caseload.shared.Caller;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.SearchEntryMode;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code /fhir/r4}: the CapabilityStatement, read by id and search (type level) of the resource
 * types we serve, and OperationOutcomes for everything else. Read-only.
 */
@RestController
@RequestMapping("/fhir/r4")
class FhirController {

    static final String BASE = "/fhir/r4";

    private final Map<String, ResourceType> types = new LinkedHashMap<>();
    private final Capabilities capabilities;
    private final OperationOutcomes outcomes;

    FhirController(List<ResourceType> types, Capabilities capabilities, OperationOutcomes outcomes) {
        types.forEach(t -> this.types.put(t.name(), t));
        this.capabilities = capabilities;
        this.outcomes = outcomes;
    }

    @GetMapping("/metadata")
    ResponseEntity<String> metadata(HttpServletRequest request) {
        boolean pretty = SearchRequest.prettyForRead(request.getParameterMap());
        return outcomes.answer(200, capabilities.statement(base(request), types.values()), pretty);
    }

    @GetMapping("/{type}/{id}")
    ResponseEntity<String> read(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String type,
            @PathVariable String id,
            HttpServletRequest request) {
        ResourceType resources = type(type);
        boolean pretty = SearchRequest.prettyForRead(request.getParameterMap());
        UUID uuid = Where.id(id, "id");
        if (uuid == null) {
            throw FhirProblem.notFound("This " + type);
        }
        return outcomes.answer(200, resources.read(caller, uuid), pretty);
    }

    @GetMapping("/{type}")
    ResponseEntity<String> search(
            @AuthenticationPrincipal Caller caller, @PathVariable String type, HttpServletRequest request) {
        ResourceType resources = type(type);
        SearchRequest search = SearchRequest.parse(request.getParameterMap(), resources.searchParams());
        ResourceType.Found found = resources.search(caller, search);
        String base = base(request);
        Bundle bundle = new Bundle().setType(BundleType.SEARCHSET);
        bundle.addLink().setRelation("self").setUrl(link(base, type, request.getParameterMap(), null));
        if (found.nextCursor() != null) {
            bundle.addLink()
                    .setRelation("next")
                    .setUrl(link(base, type, request.getParameterMap(), found.nextCursor()));
        }
        for (Resource resource : found.resources()) {
            bundle.addEntry()
                    .setFullUrl(
                            base + "/" + type + "/" + resource.getIdElement().getIdPart())
                    .setResource(resource)
                    .getSearch()
                    .setMode(SearchEntryMode.MATCH);
        }
        return outcomes.answer(200, bundle, search.pretty());
    }

    /** Everything else under /fhir: a write (405), an unknown path or interaction (404). */
    @RequestMapping("/**")
    ResponseEntity<String> otherwise(HttpServletRequest request) {
        if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")) {
            throw FhirProblem.methodNotAllowed();
        }
        throw FhirProblem.notFound("This path");
    }

    private ResourceType type(String name) {
        ResourceType type = types.get(name);
        if (type == null) {
            throw FhirProblem.unknownType(name);
        }
        return type;
    }

    /** The absolute base of this API, as the caller reached it (forwarded headers as configured). */
    static String base(HttpServletRequest request) {
        return ServletUriComponentsBuilder.fromContextPath(request)
                .path(BASE)
                .build()
                .toUriString();
    }

    /**
     * The search again (same parameters, in the order sent) at the given cursor, form-encoded so a
     * {@code +} in a date's offset survives the round trip.
     */
    private static String link(String base, String type, Map<String, String[]> query, String cursor) {
        StringBuilder link = new StringBuilder(base).append('/').append(type);
        char separator = '?';
        for (Map.Entry<String, String[]> parameter : query.entrySet()) {
            if (parameter.getKey().equals("_cursor")) {
                continue;
            }
            for (String value : parameter.getValue()) {
                link.append(separator)
                        .append(encode(parameter.getKey()))
                        .append('=')
                        .append(encode(value));
                separator = '&';
            }
        }
        if (cursor != null) {
            link.append(separator).append("_cursor=").append(encode(cursor));
        }
        return link.toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
