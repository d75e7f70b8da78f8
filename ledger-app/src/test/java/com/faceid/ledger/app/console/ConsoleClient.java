package com.faceid.ledger.app.console;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console over plain HTTP, as a browser without scripts: its cookies (the sign-in form's and the session's),
 * forms, no redirects followed.
 */
public final class ConsoleClient {
    private final HttpClient client = HttpClient.newHttpClient();
    private final int port;
    private final Map<String, String> cookies = new LinkedHashMap<>();

    public ConsoleClient(int port) {
        this.port = port;
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return keep(client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Cookie", cookieHeader()).GET().build(), HttpResponse.BodyHandlers.ofString()));
    }

    HttpResponse<String> post(String path, String form) throws IOException, InterruptedException {
        return keep(client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Cookie", cookieHeader())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString()));
    }

    /** The value of a cookie the console set, or null. */
    String cookie(String name) {
        return cookies.get(name);
    }

    private String cookieHeader() {
        return cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; "));
    }

    private HttpResponse<String> keep(HttpResponse<String> r) {
        for (String c : r.headers().allValues("Set-Cookie")) {
            String pair = c.split(";")[0];
            cookies.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        return r;
    }

    /** The CSRF token of a page's form. */
    static String csrf(String page) {
        return page.replaceAll("(?s).*name=\"_csrf\" value=\"([0-9a-f]+)\".*", "$1");
    }

    /** Signs in afresh with an API key (a new session). */
    public void signIn(String key) throws Exception {
        cookies.clear();
        HttpResponse<String> form = get("/console/sign-in");
        assertThat(post("/console/sign-in", "_csrf=" + csrf(form.body()) + "&apiKey=" + key).statusCode())
                .isEqualTo(302);
        assertThat(cookie("LEDGER_CONSOLE")).isNotNull();
    }
}
