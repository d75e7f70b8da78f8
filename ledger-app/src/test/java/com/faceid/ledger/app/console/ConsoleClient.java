package com.faceid.ledger.app.console;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The console over plain HTTP, as a browser without scripts: a session cookie, forms, no redirects followed. */
final class ConsoleClient {
    private final HttpClient client = HttpClient.newHttpClient();
    private final int port;
    private String cookie;

    ConsoleClient(int port) {
        this.port = port;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Cookie", cookie == null ? "" : "LEDGER_CONSOLE=" + cookie).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String form) throws IOException, InterruptedException {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Cookie", "LEDGER_CONSOLE=" + cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        r.headers().firstValue("Set-Cookie").ifPresent(c -> cookie = c.substring("LEDGER_CONSOLE=".length(), c.indexOf(';')));
        return r;
    }

    /** The CSRF token of a page's form. */
    static String csrf(String page) {
        return page.replaceAll("(?s).*name=\"_csrf\" value=\"([0-9a-f]+)\".*", "$1");
    }

    /** Signs in afresh with an API key (a new session). */
    void signIn(String key) throws Exception {
        cookie = null;
        HttpResponse<String> form = get("/console/sign-in");
        String c = form.headers().firstValue("Set-Cookie").orElseThrow();
        cookie = c.substring("LEDGER_CONSOLE=".length(), c.indexOf(';'));
        assertThat(post("/console/sign-in", "_csrf=" + csrf(form.body()) + "&apiKey=" + key).statusCode())
                .isEqualTo(302);
    }
}
