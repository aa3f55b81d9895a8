package app.caseload.config;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * How request bodies are read, for the whole API at once:
 * <ul>
 *   <li>A JSON object that names a field twice is refused (400) rather than "last one wins": two
 *       parsers (a proxy, a validator, this server) must never read different values from one request.
 *   <li>JSON types are strict (API.md, Conventions): Jackson's scalar coercions are off, so a number or
 *       boolean where text is expected, text where a number or boolean is expected, a fraction where a
 *       whole number is expected, a number for an enum, a number for a date-time and null for a
 *       primitive are all refused (400, the field named) instead of silently converted.
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class JsonHardening {

    @Bean
    JsonMapperBuilderCustomizer refuseDuplicateFields() {
        return builder -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    }

    @Bean
    JsonMapperBuilderCustomizer refuseScalarCoercion() {
        return builder -> builder
                // "12" for a number, "true" or 1 for a boolean, "" for either, a number for a LocalDate.
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                // 1.5 for an Integer or a Long.
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                // 0 or "0" for an enum (its index).
                .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                // 12345, 1.5 or true for a String: no feature covers these, only the coercion table.
                .withCoercionConfig(
                        LogicalType.Textual,
                        text -> text.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                // Epoch numbers for an Instant: java.time's readers take them without asking the table.
                .addModule(new SimpleModule("strict-date-times").setDeserializerModifier(new TextOnlyDateTimes()));
    }

    /** Date-times are ISO-8601 text in this API; a number is refused rather than read as an epoch. */
    static final class TextOnlyDateTimes extends ValueDeserializerModifier {
        @Override
        public ValueDeserializer<?> modifyDeserializer(
                DeserializationConfig config, BeanDescription.Supplier beanDesc, ValueDeserializer<?> deserializer) {
            return deserializer.logicalType() == LogicalType.DateTime ? new TextOnly(deserializer) : deserializer;
        }
    }

    static final class TextOnly extends DelegatingDeserializer {
        TextOnly(ValueDeserializer<?> delegatee) {
            super(delegatee);
        }

        @Override
        protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegatee) {
            return new TextOnly(delegatee);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
            if (p.currentToken() != null && p.currentToken().isNumeric()) {
                return ctxt.handleUnexpectedToken(handledType(), p);
            }
            return super.deserialize(p, ctxt);
        }
    }
}
