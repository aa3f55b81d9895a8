package app.caseload.security;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** Every JSON API endpoint the application registered, read from Spring MVC's handler mapping. */
record ApiEndpoints(List<Endpoint> all) {

    record Param(String name, Class<?> type) {}

    record Endpoint(
            String method,
            String pattern,
            List<String> pathVariables,
            List<Param> queryParams,
            Class<?> bodyType,
            boolean bodyRequired) {

        String key() {
            return method + " " + pattern;
        }

        List<RecordComponent> bodyFields() {
            return bodyType != null && bodyType.isRecord() ? List.of(bodyType.getRecordComponents()) : List.of();
        }
    }

    static ApiEndpoints of(RequestMappingHandlerMapping mapping) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry :
                mapping.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            HandlerMethod handler = entry.getValue();
            if (info.getPathPatternsCondition() == null) {
                continue;
            }
            for (String pattern : info.getPathPatternsCondition().getPatternValues()) {
                if (!pattern.startsWith("/api/")) {
                    continue;
                }
                List<String> pathVariables = new ArrayList<>();
                List<Param> queryParams = new ArrayList<>();
                Class<?> body = null;
                boolean bodyRequired = false;
                for (MethodParameter p : handler.getMethodParameters()) {
                    if (p.hasParameterAnnotation(PathVariable.class)) {
                        pathVariables.add(name(
                                p, p.getParameterAnnotation(PathVariable.class).value()));
                    } else if (p.hasParameterAnnotation(RequestParam.class)) {
                        queryParams.add(new Param(
                                name(
                                        p,
                                        p.getParameterAnnotation(RequestParam.class)
                                                .value()),
                                p.getParameterType()));
                    } else if (p.hasParameterAnnotation(RequestBody.class)) {
                        body = p.getParameterType();
                        bodyRequired =
                                p.getParameterAnnotation(RequestBody.class).required();
                    }
                }
                for (RequestMethod method : info.getMethodsCondition().getMethods()) {
                    endpoints.add(new Endpoint(method.name(), pattern, pathVariables, queryParams, body, bodyRequired));
                }
            }
        }
        endpoints.sort(Comparator.comparing(Endpoint::pattern).thenComparing(Endpoint::method));
        return new ApiEndpoints(List.copyOf(endpoints));
    }

    private static String name(MethodParameter p, String declared) {
        return declared == null || declared.isEmpty() ? p.getParameterName() : declared;
    }
}
