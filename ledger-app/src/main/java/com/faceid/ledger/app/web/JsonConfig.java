package com.faceid.ledger.app.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;

/**
 * Strict JSON for the HTTP API: a value of the wrong JSON type is refused, never guessed. Numbers and
 * booleans are not text (requestId 123 is refused), text is not a number ("size":"100" is refused), and a
 * time is an ISO-8601 string with offset (an epoch number is refused; a time without offset is refused with
 * a message that says an offset is required).
 */
@Configuration
public class JsonConfig {
    @Bean
    public Jackson2ObjectMapperBuilderCustomizer strictJson() {
        SimpleModule strictTimes = new SimpleModule("strict-times");
        strictTimes.addDeserializer(OffsetDateTime.class, new JsonDeserializer<>() {
            @Override
            public OffsetDateTime deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                if (p.currentToken() != JsonToken.VALUE_STRING) {
                    return (OffsetDateTime) ctxt.handleUnexpectedToken(OffsetDateTime.class, p);
                }
                String text = p.getText().trim();
                try {
                    return OffsetDateTime.parse(text);
                } catch (DateTimeParseException e) {
                    boolean local = false;
                    try {
                        LocalDateTime.parse(text);
                        local = true;
                    } catch (DateTimeParseException ignored) {
                        // not even a local time: the general message below
                    }
                    throw ctxt.weirdStringException(text.length() > 80 ? text.substring(0, 80) + "…" : text,
                            OffsetDateTime.class, local
                                    ? "an offset is required, such as 2026-03-01T09:30:00+08:00 (or Z for UTC)"
                                    : "expected an ISO-8601 time with an offset, such as 2026-03-01T09:30:00+08:00");
                }
            }
        });
        return builder -> builder.postConfigurer(mapper -> {
            mapper.coercionConfigFor(LogicalType.Textual)
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
            mapper.registerModule(strictTimes);
        });
    }
}
