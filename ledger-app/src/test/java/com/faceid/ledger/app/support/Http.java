package com.faceid.ledger.app.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A plain HTTP client for the tests: real requests to the real server, JSON in and out. */
public class Http {
    public record Response(int status, String contentType, String text) {
        public JsonNode json() {
            try {
                return MAPPER.readTree(text);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON (" + status + "): " + text, e);
            }
        }

        public String code() {
            return json().path("code").asText(null);
        }
    }

    static final ObjectMapper MAPPER = new ObjectMapper();
    /** The test keys of application-test.yml: the secret of key id K is "K-secret". */
    public static final String OPERATOR = "test-operator-secret";
    /** Command-line arguments that install the same keys in a context started without the test profile. */
    public static final String[] KEY_ARGS = {"--ledger.security.api-keys=test-operator:OPERATOR:"
            + sha256(OPERATOR)};
    /**
     * The test profile's clock, for contexts started without it: simulated, at 1 April 2026 noon (Shanghai),
     * when March 2026 (the month the tests meter into) is over but still accepts calls (billing-rules §9).
     */
    public static final String[] CLOCK_ARGS = {"--ledger.clock=simulated",
            "--ledger.clock.start=2026-04-01T12:00:00+08:00"};

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String bearer;

    public Http(int port) {
        this(port, OPERATOR);
    }

    /** @param secret the API key to send, or null to send none */
    public Http(int port, String secret) {
        this.base = "http://127.0.0.1:" + port;
        this.bearer = secret;
    }

    public Http as(String secret) {
        return new Http(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)), secret);
    }

    public Response send(String method, String path, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        if (json == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return send(b.build());
    }

    static String sha256(String s) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
    }

    public Response get(String path, String accept) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", accept).GET().build());
    }

    public Response post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public Response post(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    public Response put(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private Response send(HttpRequest request) {
        if (bearer != null) {
            request = HttpRequest.newBuilder(request, (k, v) -> true).header("Authorization", "Bearer " + bearer)
                    .build();
        }
        try {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            Response answer = new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
            Contract.check(base, request.method(), request.uri(), answer.status(), answer.contentType(), answer.text());
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
