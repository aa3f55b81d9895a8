package app.caseload.config;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.StreamReadFeature;

/**
 * A JSON object that names a field twice is refused (400) rather than "last one wins": two parsers
 * (a proxy, a validator, this server) must never read different values from one request.
 */
@Configuration(proxyBeanMethods = false)
class JsonHardening {

    @Bean
    JsonMapperBuilderCustomizer refuseDuplicateFields() {
        return builder -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    }
}
