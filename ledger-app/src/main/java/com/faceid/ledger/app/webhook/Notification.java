package com.faceid.ledger.app.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Collections;

/**
 * One notification, as every delivery of it sends it: {@code {"id","type","accountId","occurredAt","data"}}.
 * The body is rendered once, when the notification is written, so every retry sends the same bytes.
 *
 * @param id         the {@code Ledger-Event-Id}: stable for the notification, whatever the retry
 * @param occurredAt when the fact happened, on the ledger clock
 * @param occurredAtText the same instant as the body writes it (billing zone offset)
 */
public record Notification(String id, WebhookEventType type, String accountId, Instant occurredAt,
                           String occurredAtText, Map<String, Object> data) {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.WRITE_BIGDECIMAL_AS_PLAIN);

    public Notification {
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    public String body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("type", type.wire());
        body.put("accountId", accountId);
        body.put("occurredAt", occurredAtText);
        body.put("data", data);
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a notification body is plain JSON", e);
        }
    }
}
