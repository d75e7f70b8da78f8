package com.faceid.ledger.app.web;

import com.faceid.ledger.error.ErrorCode;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ComposedSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.PropertyCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The OpenAPI document at {@code /v3/api-docs}: springdoc reads the controllers (paths, parameters, bodies,
 * operationIds); this class adds what holds for every operation, so it is written once:
 * <ul>
 *   <li>each operation's summary and the answers it declares, from {@link OperationTexts};</li>
 *   <li>the title, version, description and the bearer-key security scheme;</li>
 *   <li>the {@code Problem} schema (RFC 9457 with the ledger's {@code code}, an enum of every code:
 *       {@link ErrorCode} and {@link HttpError}) as the {@code application/problem+json} body of every 4xx and
 *       5xx answer;</li>
 *   <li>the refusals any operation can answer: 400 (validation), 401 (no key), 403 (role), 406 (Accept), 500;
 *       413 and 415 where the operation reads a body; 404 where the path names an account.</li>
 * </ul>
 * The contract tests validate every answer the test suite receives against this document, and
 * {@code docs/openapi.json} is this document, committed.
 */
@Configuration
public class ApiDocument {
    /** The version of the HTTP contract (not of the build): raised when the document changes. */
    public static final String VERSION = "1.6.0";
    public static final String PROBLEM = "Problem";
    static final String EXAMPLES = "openapi-examples.json";
    private static final String BEARER = "apiKey";

    static {
        // an enum is one named schema, so a generated client has one Service type, not one per field
        ModelResolver.enumsAsRef = true;
    }

    @Bean
    public OpenAPI ledgerOpenApi() {
        return new OpenAPI()
                .info(new Info().title("faceid-ledger API").version(VERSION)
                        .description("""
                                The metering ledger of the face-verification API: accounts, packages, metered \
                                calls, holds, monthly statements, and the audit trail that explains every charge.

                                Every request carries an API key as `Authorization: Bearer <key>`; the key's role \
                                (OPERATOR, AUDITOR, METER, CUSTOMER) decides what it may do. Money is a decimal \
                                string in yuan with at least two decimals (`"230000.00"`), times are ISO-8601 \
                                with the billing time zone's offset, months are `yyyy-MM` in that zone. Every \
                                error is `application/problem+json` with a stable `code`. Writes are idempotent \
                                by their client-chosen id: the first answer is 201, a repeat 200 with the same \
                                body, a conflicting repeat 409."""))
                // fixed, so the document is the same wherever it is served (docs/openapi.json is a copy)
                // relative: Swagger UI's "Try it out" calls the ledger that serves it, whatever its host and port
                .servers(List.of(new Server().url("/").description("The ledger serving this document")))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("An API key issued by the ledger's operator (ledger.security.api-keys)")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    /**
     * A property that refers to another schema and may be null ({@code @Schema(nullable = true)} on a record
     * component of a record type): OpenAPI 3.0 ignores anything beside a {@code $ref}, so it is written as
     * {@code allOf: [$ref], nullable: true}, which validators and generators understand.
     */
    @Bean
    public PropertyCustomizer nullableReferences() {
        return (property, type) -> {
            if (property == null || property.get$ref() == null || type.getCtxAnnotations() == null) {
                return property;
            }
            for (Annotation a : type.getCtxAnnotations()) {
                if (a instanceof io.swagger.v3.oas.annotations.media.Schema schema && schema.nullable()) {
                    ComposedSchema nullable = new ComposedSchema();
                    nullable.addAllOfItem(new Schema<>().$ref(property.get$ref()));
                    nullable.setNullable(true);
                    return nullable;
                }
            }
            return property;
        };
    }

    @Bean
    public OpenApiCustomizer problemAnswers() {
        return openApi -> {
            Map<String, Schema> schemas = openApi.getComponents().getSchemas();
            if (schemas != null) {
                schemas.remove("ProblemDetail");
            }
            openApi.getComponents().addSchemas(PROBLEM, problemSchema());
            // ledger-core's records carry no OpenAPI annotations (the domain depends on nothing web):
            // their nullable fields are declared here
            nullable(schemas, "CallOutcome", "packageId");
            Map<String, Map<String, Object>> examples = examples();
            OperationTexts texts = OperationTexts.load();
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
                texts.describe(op);
                completeAnswers(path, method, op);
                examples.getOrDefault(op.getOperationId(), Map.of()).forEach((status, example) -> {
                    ApiResponse r = op.getResponses().get(status);
                    MediaType json = r == null || r.getContent() == null ? null
                            : r.getContent().get(org.springframework.http.MediaType.APPLICATION_JSON_VALUE);
                    if (json == null) {
                        throw new IllegalStateException("an example for " + op.getOperationId() + " " + status
                                + ", which answers no JSON with that status");
                    }
                    json.setExample(example);
                });
            }));
            texts.checkAllUsed();
        };
    }

    /**
     * Real answers, one per operation and status: the README walk-through's, recorded by
     * {@code ReadmeWalkthroughTest} (docs/api.md says how to refresh them); every one is checked against the
     * document by {@code ApiDocumentTest}.
     */
    private static Map<String, Map<String, Object>> examples() {
        try (var in = ApiDocument.class.getResourceAsStream("/" + EXAMPLES)) {
            if (in == null) {
                throw new IllegalStateException("the API document's examples are missing: " + EXAMPLES);
            }
            return new com.fasterxml.jackson.databind.ObjectMapper().readValue(in,
                    new com.fasterxml.jackson.core.type.TypeReference<>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void completeAnswers(String path, PathItem.HttpMethod method, Operation op) {
        ApiResponses responses = op.getResponses() == null ? new ApiResponses() : op.getResponses();
        Set<Integer> refusals = new LinkedHashSet<>(List.of(400, 401, 403, 406, 500, 503));
        if (op.getRequestBody() != null) {
            refusals.addAll(List.of(413, 415));
        }
        if (path.contains("{accountId}")) {
            refusals.add(404);
        }
        for (int status : refusals) {
            if (!responses.containsKey(String.valueOf(status))) {
                responses.addApiResponse(String.valueOf(status), new ApiResponse());
            }
        }
        TreeMap<String, ApiResponse> sorted = new TreeMap<>(responses);
        ApiResponses ordered = new ApiResponses();
        sorted.forEach((status, response) -> {
            int code = Integer.parseInt(status);
            if (code >= 400) {
                if (response.getDescription() == null || response.getDescription().isBlank()) {
                    response.setDescription(code == 503 ? "STORE_UNAVAILABLE: the store is away or too slow; nothing"
                            + " was recorded unless a retry with the same id says so (Retry-After)"
                            : HttpStatus.valueOf(code).getReasonPhrase());
                }
                response.setContent(new Content().addMediaType("application/problem+json",
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
            }
            ordered.addApiResponse(status, response);
        });
        op.setResponses(ordered);
    }

    private static void nullable(Map<String, Schema> schemas, String schema, String... properties) {
        Schema<?> s = schemas == null ? null : schemas.get(schema);
        if (s == null || s.getProperties() == null) {
            throw new IllegalStateException("the API document has no schema " + schema);
        }
        for (String p : properties) {
            Schema<?> property = s.getProperties().get(p);
            if (property == null) {
                throw new IllegalStateException("the API document's " + schema + " has no " + p);
            }
            property.setNullable(true);
        }
    }

    private static Schema<?> problemSchema() {
        List<String> codes = new ArrayList<>();
        for (ErrorCode c : ErrorCode.values()) {
            codes.add(c.name());
        }
        for (HttpError c : HttpError.values()) {
            if (!codes.contains(c.name())) {
                codes.add(c.name());
            }
        }
        StringSchema code = new StringSchema();
        code.setEnum(codes);
        code.description("The stable machine code of the refusal; switch on this, not on the text");
        return new ObjectSchema()
                .description("An RFC 9457 problem document with the ledger's stable code")
                .addProperty("type", new StringSchema().format("uri").example("https://faceid-ledger.dev/problems/account-not-found"))
                .addProperty("title", new StringSchema().example("Account not found"))
                .addProperty("status", new IntegerSchema().format("int32").example(404))
                .addProperty("detail", new StringSchema().description("What went wrong, for people"))
                .addProperty("instance", new StringSchema().format("uri-reference"))
                .addProperty("code", code)
                .required(List.of("type", "title", "status", "code"));
    }
}
