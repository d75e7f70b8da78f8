package com.faceid.ledger.app.web;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The prose of the API document, one entry per operationId in {@value #RESOURCE}: the summary, an optional
 * description, and what each answer the operation declares means. The controllers say only what the code
 * decides (path, parameters, body, operationId, and a response's content where it is not the method's return
 * type); keeping the texts together means one place to read and review what a client is told, and no
 * operation's block of annotations spelled again in every controller.
 * <p>
 * An answer below 300 without content of its own gets the content springdoc derived from the method (its
 * return type), so 201 and 200 of an idempotent write both carry the body; springdoc's own default success
 * answer (200 "OK") is dropped when the entry does not declare it. A {@code text/csv} body is a string. Every mismatch (an operation without an
 * entry, an entry without an operation, an entry without answers) stops the document from being built.
 */
final class OperationTexts {
    static final String RESOURCE = "openapi-operations.yaml";

    record Entry(String summary, String description, Map<String, String> answers) {
    }

    private final Map<String, Entry> entries;
    private final Set<String> used = new HashSet<>();

    OperationTexts(Map<String, Entry> entries) {
        this.entries = entries;
    }

    static OperationTexts load() {
        try (var in = OperationTexts.class.getResourceAsStream("/" + RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the API document's texts are missing: " + RESOURCE);
            }
            Map<String, Entry> entries = new ObjectMapper(new YAMLFactory()).readValue(in, new TypeReference<LinkedHashMap<String, Entry>>() { });
            entries.forEach((id, e) -> {
                if (e.summary() == null || e.summary().isBlank() || e.answers() == null || e.answers().isEmpty()) {
                    throw new IllegalStateException(RESOURCE + ": " + id + " needs a summary and at least one answer");
                }
            });
            return new OperationTexts(entries);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the entry's texts and answers into the operation springdoc built. */
    void describe(Operation op) {
        Entry e = entries.get(op.getOperationId());
        if (e == null) {
            throw new IllegalStateException(RESOURCE + " has no entry for the operation " + op.getOperationId());
        }
        used.add(op.getOperationId());
        op.setSummary(e.summary());
        op.setDescription(e.description());
        ApiResponses derived = op.getResponses() == null ? new ApiResponses() : op.getResponses();
        Content body = derived.entrySet().stream()
                .filter(r -> Integer.parseInt(r.getKey()) < 300 && r.getValue().getContent() != null)
                .map(r -> r.getValue().getContent()).findFirst().orElse(null);
        ApiResponses answers = new ApiResponses();
        derived.forEach((status, r) -> {
            if (Integer.parseInt(status) >= 300 || e.answers().containsKey(status)) {
                answers.addApiResponse(status, r);
            }
        });
        e.answers().forEach((status, text) -> {
            ApiResponse r = answers.computeIfAbsent(status, s -> new ApiResponse());
            int code = Integer.parseInt(status);
            if (code < 300 && code != 204 && r.getContent() == null && body != null) {
                r.setContent(copy(body));
            }
            r.setDescription(text);
        });
        answers.values().forEach(OperationTexts::csvIsText);
        op.setResponses(answers);
    }

    /** After every operation was described: an entry no operation used is a renamed or removed operation. */
    void checkAllUsed() {
        Set<String> unused = new HashSet<>(entries.keySet());
        unused.removeAll(used);
        if (!unused.isEmpty()) {
            throw new IllegalStateException(RESOURCE + " describes operations the API does not have: " + unused);
        }
    }

    /** A CSV answer (a statement, a dispute report) is text, whatever the JSON form's schema. */
    private static void csvIsText(ApiResponse r) {
        if (r.getContent() != null && r.getContent().containsKey(Csv.MEDIA_TYPE)) {
            // a media type of its own: springdoc may share one object among all the types a method produces
            r.getContent().addMediaType(Csv.MEDIA_TYPE, new MediaType().schema(new StringSchema()));
        }
    }

    /** Each answer its own media types, so an example set on one status is not shown on another. */
    private static Content copy(Content body) {
        Content c = new Content();
        body.forEach((type, media) -> c.addMediaType(type, new MediaType().schema(media.getSchema())));
        return c;
    }
}
