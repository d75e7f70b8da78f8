package com.faceid.ledger.app.support;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The contract test hook: every answer a test receives from {@code /api/**} is validated against the OpenAPI
 * document the same server serves at {@code /v3/api-docs}, successes and problems alike, so the document cannot
 * drift from what the service does. {@link Http} calls it on every response; a mismatch fails the test.
 *
 * <p>A request to a path or method the document does not have is itself part of the contract: it must be
 * answered 404 (path) or 405 (method) as problem+json, or 400 MALFORMED_REQUEST when the server cannot decode
 * the URI at all.
 */
public final class Contract {
    private static final Map<String, OpenApiInteractionValidator> VALIDATORS = new ConcurrentHashMap<>();
    private static final Map<String, com.fasterxml.jackson.databind.JsonNode> PATHS = new ConcurrentHashMap<>();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private Contract() {
    }

    public static void check(String base, String method, URI uri, int status, String contentType, String body) {
        String path = uri.getRawPath();
        if (!path.startsWith("/api/")) {
            return; // actuator, the document itself, the UI: not part of the ledger's API document
        }
        SimpleResponse.Builder response = SimpleResponse.Builder.status(status).withBody(body);
        if (!contentType.isEmpty()) {
            response.withContentType(contentType);
        }
        SimpleResponse answer = response.build();
        ValidationReport report = validator(base).validateResponse(path, Request.Method.valueOf(method), answer);
        String normalized = uri.normalize().getRawPath();
        if (report.hasErrors() && !normalized.equals(path) && unrouted(report)) {
            // no such path as sent; the server resolves dot segments (/a/../b is /b) before routing (though it
            // takes a last "." as a value): validate as it routed
            report = validator(base).validateResponse(normalized, Request.Method.valueOf(method), answer);
        }
        if (!report.hasErrors()) {
            return;
        }
        boolean unknownPath = report.getMessages().stream().anyMatch(m -> m.getKey().equals("validation.request.path.missing"));
        boolean unknownMethod = report.getMessages().stream()
                .anyMatch(m -> m.getKey().equals("validation.request.operation.notAllowed"));
        boolean problem = contentType.startsWith("application/problem+json");
        // a URI the server cannot even decode is refused before any routing: 400 MALFORMED_REQUEST
        boolean undecodable = status == 400 && problem && body.contains("\"code\":\"MALFORMED_REQUEST\"");
        if ((unknownPath && (status == 404 || undecodable) && problem)
                || (unknownMethod && (status == 405 || undecodable) && problem)) {
            return;
        }
        throw new AssertionError("the answer to " + method + " " + uri.getRawPath() + " breaks the API document ("
                + status + " " + contentType + "):\n" + report.getMessages().stream()
                .map(m -> "  " + m.getKey() + ": " + m.getMessage()).collect(Collectors.joining("\n"))
                + "\n  body: " + (body.length() > 600 ? body.substring(0, 600) + "…" : body));
    }

    private static boolean unrouted(ValidationReport report) {
        return report.getMessages().stream().anyMatch(m -> m.getKey().equals("validation.request.path.missing"));
    }

    private static OpenApiInteractionValidator validator(String base) {
        return VALIDATORS.computeIfAbsent(base, b -> live(OpenApiInteractionValidator
                .createForInlineApiSpecification(served(b)).build()));
    }

    /**
     * The validator must be able to fail: given a 3.1 document this validator version silently checks
     * nothing, so each one first has to refuse an answer that is plainly wrong.
     */
    private static OpenApiInteractionValidator live(OpenApiInteractionValidator validator) {
        ValidationReport wrong = validator.validateResponse("/api/v1/accounts/x", Request.Method.GET,
                SimpleResponse.Builder.status(200).withContentType("application/json")
                        .withBody("{\"accountId\":1,\"postpaidEnabled\":\"yes\"}").build());
        if (!wrong.hasErrors()) {
            throw new AssertionError("the contract validator accepts a wrong answer: it checks nothing");
        }
        return validator;
    }

    /**
     * The operation of the served document that answers a method and path ({@code operationId}), or null:
     * literal paths win over templated ones, as the server routes them.
     */
    public static String operationOf(String base, String method, String path) {
        com.fasterxml.jackson.databind.JsonNode paths = PATHS.computeIfAbsent(base, b -> {
            try {
                return new com.fasterxml.jackson.databind.ObjectMapper().readTree(served(b)).path("paths");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        String found = null;
        int fewestVariables = Integer.MAX_VALUE;
        for (var it = paths.fields(); it.hasNext(); ) {
            var entry = it.next();
            String template = entry.getKey();
            String regex = java.util.regex.Pattern.quote(template).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q");
            int variables = template.split("\\{", -1).length - 1;
            var op = entry.getValue().path(method.toLowerCase());
            if (!op.isMissingNode() && path.matches(regex) && variables < fewestVariables) {
                found = op.path("operationId").asText();
                fewestVariables = variables;
            }
        }
        return found;
    }

    /** The document as the server serves it (it needs no key). */
    public static String served(String base) {
        try {
            HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/v3/api-docs")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new AssertionError("the API document is not served without a key: " + r.statusCode());
            }
            return r.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
