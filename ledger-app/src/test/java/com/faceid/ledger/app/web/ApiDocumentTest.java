package com.faceid.ledger.app.web;

import com.faceid.ledger.app.support.Contract;
import com.faceid.ledger.app.support.Http;
import com.faceid.ledger.error.ErrorCode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API document: the committed {@code docs/openapi.json} is exactly what the service serves (the client
 * generator builds from the committed file), and the document holds what integrators rely on.
 *
 * <p>To refresh the committed document after changing the API:
 * {@code mvn -pl ledger-app -am verify -Dtest=ApiDocumentTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dledger.openapi.write=true} (see docs/api.md).
 */
@Tag("service") // starts the service: left out of the fast build (-Pfast)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ApiDocumentTest {
    static final Path COMMITTED = Path.of("..", "docs", "openapi.json");
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    @LocalServerPort
    int port;
    @org.springframework.beans.factory.annotation.Autowired
    @org.springframework.beans.factory.annotation.Qualifier("requestMappingHandlerMapping")
    org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping handlers;

    JsonNode served() throws Exception {
        return JSON.readTree(Contract.served("http://127.0.0.1:" + port));
    }

    @Test
    void theCommittedDocumentIsWhatTheServiceServes() throws Exception {
        String served = JSON.writeValueAsString(served()) + "\n";
        if (Boolean.getBoolean("ledger.openapi.write")) {
            Files.writeString(COMMITTED, served);
        }
        assertThat(Files.readString(COMMITTED))
                .as("docs/openapi.json is stale: refresh it with -Dledger.openapi.write=true (docs/api.md)")
                .isEqualTo(served);
    }

    @Test
    void itNamesItselfAndItsKeyScheme() throws Exception {
        JsonNode doc = served();
        assertThat(doc.path("openapi").asText()).startsWith("3.0");
        assertThat(doc.path("info").path("title").asText()).isEqualTo("faceid-ledger API");
        assertThat(doc.path("info").path("version").asText()).matches("\\d+\\.\\d+\\.\\d+");
        assertThat(doc.path("info").path("description").asText()).contains("Bearer").contains("problem+json");
        assertThat(doc.path("components").path("securitySchemes").path("apiKey").path("scheme").asText())
                .isEqualTo("bearer");
        assertThat(doc.path("security").get(0).has("apiKey")).isTrue();
        assertThat(doc.path("paths").fieldNames()).toIterable().allMatch(p -> p.startsWith("/api/v1/"));
    }

    @Test
    void everyOperationHasAUniqueIdAndAProblemBodyForEveryRefusal() throws Exception {
        JsonNode doc = served();
        List<String> ids = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                String where = op.getKey().toUpperCase() + " " + path.getKey();
                String id = op.getValue().path("operationId").asText();
                if (!id.matches("[a-z][A-Za-z]+")) {
                    wrong.add(where + ": operationId '" + id + "'");
                }
                ids.add(id);
                JsonNode responses = op.getValue().path("responses");
                for (String status : List.of("400", "401", "403", "500")) {
                    if (!responses.has(status)) {
                        wrong.add(where + ": no " + status);
                    }
                }
                responses.fields().forEachRemaining(r -> {
                    if (Integer.parseInt(r.getKey()) >= 400 && !r.getValue().path("content")
                            .path("application/problem+json").path("schema").path("$ref").asText()
                            .equals("#/components/schemas/Problem")) {
                        wrong.add(where + ": " + r.getKey() + " is not a Problem");
                    }
                });
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(ids).doesNotHaveDuplicates().contains("openAccount", "buyPackage", "meterCall", "meterCalls",
                "getQuota", "getStatement", "explainCall");
    }

    @Test
    void theProblemCodesAreEveryCodeTheLedgerAnswers() throws Exception {
        JsonNode codes = served().path("components").path("schemas").path("Problem").path("properties")
                .path("code").path("enum");
        List<String> listed = new ArrayList<>();
        codes.forEach(c -> listed.add(c.asText()));
        for (ErrorCode c : ErrorCode.values()) {
            assertThat(listed).contains(c.name());
        }
        for (HttpError c : HttpError.values()) {
            assertThat(listed).contains(c.name());
        }
        assertThat(listed).doesNotHaveDuplicates();
    }

    @Test
    void creationsAnswer201AndRepeats200AsTheServiceDoes() throws Exception {
        JsonNode paths = served().path("paths");
        assertThat(paths.path("/api/v1/accounts").path("post").path("responses").has("201")).isTrue();
        for (String p : List.of("/api/v1/accounts/{accountId}/packages", "/api/v1/accounts/{accountId}/calls",
                "/api/v1/accounts/{accountId}/holds", "/api/v1/accounts/{accountId}/adjustments")) {
            JsonNode responses = paths.path(p).path("post").path("responses");
            assertThat(responses.has("201")).as(p).isTrue();
            assertThat(responses.has("200")).as(p).isTrue();
        }
        JsonNode statement = paths.path("/api/v1/accounts/{accountId}/statements/{month}").path("get")
                .path("responses").path("200").path("content");
        assertThat(statement.has("application/json")).isTrue();
        assertThat(statement.has("text/csv")).isTrue();
    }

    @Test
    void nullableFieldsSayTheyMayBeNull() throws Exception {
        JsonNode schemas = served().path("components").path("schemas");
        assertThat(schemas.path("AccountView").path("properties").path("closedThrough").path("nullable").asBoolean())
                .isTrue();
        assertThat(schemas.path("PackageView").path("properties").path("purchaseId").path("nullable").asBoolean())
                .isTrue();
        assertThat(schemas.path("CallOutcome").path("properties").path("packageId").path("nullable").asBoolean())
                .isTrue();
        // the two "services" lists are two schemas: packages is a count in one and a list in the other
        assertThat(schemas.path("ServiceSummary").path("properties").path("packages").path("type").asText())
                .isEqualTo("integer");
        assertThat(schemas.path("ServiceQuota").path("properties").path("packages").path("type").asText())
                .isEqualTo("array");
        assertThat(schemas.path("StatementView").path("properties").path("totalSpend").path("pattern").asText())
                .isEqualTo("^-?[0-9]+\\.[0-9]{2,}$");
        assertThat(schemas.path("Service").path("enum")).hasSize(com.faceid.ledger.event.Service.values().length);
    }

    @Test
    void everyExampleIsARealAnswerThatTheDocumentAccepts() throws Exception {
        String base = "http://127.0.0.1:" + port;
        List<String> checked = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = served().path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            String concrete = path.getKey().replaceAll("\\{[^}]+}", "2026-03");
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                for (Iterator<Map.Entry<String, JsonNode>> rs = op.getValue().path("responses").fields(); rs.hasNext(); ) {
                    Map.Entry<String, JsonNode> r = rs.next();
                    JsonNode example = r.getValue().path("content").path("application/json").path("example");
                    if (!example.isMissingNode()) {
                        Contract.check(base, op.getKey().toUpperCase(), java.net.URI.create(concrete),
                                Integer.parseInt(r.getKey()), "application/json", JSON.writeValueAsString(example));
                        checked.add(op.getValue().path("operationId").asText() + " " + r.getKey());
                    }
                }
            }
        }
        assertThat(checked).contains("openAccount 201", "buyPackage 201", "meterCall 201", "meterCall 200",
                "meterCalls 200", "getQuota 200", "getStatement 200", "explainCall 200");
    }

    /**
     * springdoc names a schema after its class's simple name and silently merges two classes of one name (it
     * once served the account's {@code services[].packages}, a count, with the quota's schema, a list): every
     * type the API reads or writes has a name of its own.
     */
    @Test
    void noTwoTypesOfTheApiShareASchemaName() {
        Map<String, Class<?>> byName = new java.util.HashMap<>();
        List<String> clashes = new ArrayList<>();
        handlers.getHandlerMethods().values().stream()
                .filter(m -> m.getBeanType().getPackageName().startsWith("com.faceid"))
                .forEach(m -> {
                    visit(m.getMethod().getGenericReturnType(), byName, clashes);
                    for (java.lang.reflect.Parameter p : m.getMethod().getParameters()) {
                        visit(p.getParameterizedType(), byName, clashes);
                    }
                });
        assertThat(byName).containsKeys("AccountView", "ServiceSummary", "ServiceQuota", "StatementView");
        assertThat(clashes).isEmpty();
    }

    private static void visit(java.lang.reflect.Type type, Map<String, Class<?>> byName, List<String> clashes) {
        if (type instanceof java.lang.reflect.ParameterizedType p) {
            visit(p.getRawType(), byName, clashes);
            for (java.lang.reflect.Type a : p.getActualTypeArguments()) {
                visit(a, byName, clashes);
            }
            return;
        }
        if (!(type instanceof Class<?> c) || !(c.isRecord() || c.isEnum())
                || !c.getPackageName().startsWith("com.faceid")) {
            return;
        }
        io.swagger.v3.oas.annotations.media.Schema named = c.getAnnotation(io.swagger.v3.oas.annotations.media.Schema.class);
        String name = named != null && !named.name().isEmpty() ? named.name() : c.getSimpleName();
        Class<?> before = byName.putIfAbsent(name, c);
        if (before != null && before != c) {
            clashes.add(name + ": " + before.getName() + " and " + c.getName());
        }
        if (before == null && c.isRecord()) {
            for (java.lang.reflect.RecordComponent rc : c.getRecordComponents()) {
                visit(rc.getGenericType(), byName, clashes);
            }
        }
    }

    @Test
    void theDocumentNeedsNoKey() {
        assertThat(new Http(port, null).get("/v3/api-docs").status()).isEqualTo(200);
    }
}
