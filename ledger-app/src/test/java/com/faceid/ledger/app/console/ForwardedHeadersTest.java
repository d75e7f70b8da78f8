package com.faceid.ledger.app.console;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behind a proxy the operator names ({@code server.tomcat.remoteip.internal-proxies}, here loopback), the
 * proxy's {@code X-Forwarded-Proto: https} makes the console's cookies {@code Secure}, and redirects stay paths,
 * whatever {@code Host} says. (From an address not named, the same headers change nothing: ConsoleSessionTest.)
 */
@Tag("service") // starts the service: left out of the fast build (-Pfast)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1")
@ActiveProfiles("test")
class ForwardedHeadersTest {
    @LocalServerPort
    int port;

    @Test
    void aTrustedProxysHttpsMakesTheCookiesSecureAndRedirectsStayPaths() throws Exception {
        String headers = "Host: ledger.example\r\nX-Forwarded-Proto: https\r\nConnection: close\r\n";
        String form = ConsoleSessionTest.raw(port, "GET /console/sign-in HTTP/1.1\r\n" + headers + "\r\n");
        assertThat(form).startsWith("HTTP/1.1 200");
        String signInCookie = form.replaceAll("(?s).*Set-Cookie: (LEDGER_SIGN_IN=[0-9a-f]+);.*", "$1");
        assertThat(form).containsPattern("Set-Cookie: LEDGER_SIGN_IN=[^\r]*Secure");
        String token = ConsoleClient.csrf(form);
        String body = "_csrf=" + token + "&apiKey=" + com.faceid.ledger.app.support.Http.OPERATOR;
        String signedIn = ConsoleSessionTest.raw(port, "POST /console/sign-in HTTP/1.1\r\n" + headers
                + "Cookie: " + signInCookie + "\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: " + body.length() + "\r\n\r\n" + body);
        assertThat(signedIn).startsWith("HTTP/1.1 302").containsPattern("(?m)^Location: /console$")
                .containsPattern("Set-Cookie: LEDGER_CONSOLE=[^\r]*Secure");
    }
}
