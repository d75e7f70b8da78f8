package com.faceid.ledger.app.axon;

import com.faceid.ledger.account.StoredFormat;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * How the ledger stores messages: events, snapshots and tokens as plain JSON of their fields (Jackson), never
 * XStream.
 */
@Configuration
public class SerializationConfig {
    /**
     * Events and snapshots are stored as JSON of their fields: plain, readable by an auditor with any JSON
     * tool, and independent of getters. Never XStream.
     */
    public static ObjectMapper storageMapper() {
        return StoredFormat.mapper();
    }

    @Bean
    @Primary
    public Serializer serializer() {
        return JacksonSerializer.builder().objectMapper(storageMapper()).build();
    }

    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer(Serializer serializer) {
        return serializer;
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializer(Serializer serializer) {
        return serializer;
    }
}
