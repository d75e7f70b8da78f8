package com.faceid.ledger.app.webhook;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Where webhooks may go (docs/webhooks.md "Safety"): the SSRF checks, with DNS answered by a table. */
class UrlGuardTest {
    static final Map<String, String> DNS = Map.of(
            "hooks.example.com", "93.184.216.34",
            "metadata.google.internal", "169.254.169.254",
            "rebind.example.com", "10.0.0.7",
            "v6.example.com", "2606:2800:220:1:248:1893:25c8:1946",
            "ec2-v6-metadata.example.com", "fd00:ec2::254");

    static InetAddress[] resolve(String host) throws UnknownHostException {
        if (host.matches("[0-9.]+") || host.contains(":")) {
            return new InetAddress[]{InetAddress.getByName(host)}; // a literal: no lookup
        }
        String a = DNS.get(host);
        if (a == null) {
            throw new UnknownHostException(host);
        }
        return new InetAddress[]{InetAddress.getByName(a)};
    }

    final UrlGuard strict = new UrlGuard(false, UrlGuardTest::resolve);
    final UrlGuard lenient = new UrlGuard(true, UrlGuardTest::resolve);

    @Nested
    class RefusedUnlessAllowed {
        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {
                "http://127.0.0.1:8080/hook", "http://127.8.9.10/", "http://[::1]/hook",          // loopback
                "https://10.1.2.3/hook", "https://172.16.0.1/", "https://192.168.1.20/",         // private
                "http://169.254.169.254/latest/meta-data/", "http://[fe80::1]/",                 // link-local, metadata
                "http://metadata.google.internal/computeMetadata/v1/",                           // metadata by name
                "http://[fd00:ec2::254]/", "http://ec2-v6-metadata.example.com/",                // IPv6 metadata
                "http://rebind.example.com/hook",                                                // a name to a private address
                "http://0.0.0.0:9000/", "http://100.64.0.1/", "http://[::ffff:127.0.0.1]/",      // wildcard, CGNAT, mapped
                "http://224.0.0.1/", "http://255.255.255.255/",
                // documentation, benchmarking and the other IANA special-purpose blocks
                "http://192.0.2.10/", "http://198.51.100.7/", "http://203.0.113.99/", "http://198.19.0.1/",
                "http://192.88.99.1/", "http://192.31.196.1/", "http://192.52.193.1/", "http://192.175.48.1/",
                "http://[2001:db8::1]/", "http://[3fff::1]/", "http://[2001:2::1]/", "http://[2001:20::1]/",
                "http://[100::1]/", "http://[5f00::1]/", "http://[fec0::1]/", "http://[ff02::1]/",
                // IPv6 that translates to IPv4: NAT64, local-use translation, 6to4, Teredo, IPv4-compatible
                "http://[64:ff9b::a00:1]/", "http://[64:ff9b:1::a00:1]/", "http://[2002:a00:1::]/",
                "http://[2001:0:4136:e378::1]/", "http://[::10.0.0.1]/", "http://[::]/"})
        void nonPublicAddressesAreRefused(String url) {
            assertThat(strict.refusal(url)).as(url).isPresent();
            assertThat(lenient.refusal(url)).as(url + " with allow-private").isEmpty();
        }

        @Test
        void theRefusalNamesTheAddressAndTheSetting() {
            assertThat(strict.refusal("http://metadata.google.internal/")).get().asString()
                    .contains("169.254.169.254").contains("link-local").contains("ledger.webhooks.allow-private");
        }
    }

    @Nested
    class AlwaysRefused {
        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"ftp://hooks.example.com/x", "file:///etc/passwd", "gopher://hooks.example.com/",
                "javascript:alert(1)", "http://user:pass@hooks.example.com/", "http:///nohost", "not a url",
                "//hooks.example.com/", "https://hooks.example.com:0/", "https://hooks.example.com:65536/",
                "https://hooks.example.com:99999/x"})
        void otherSchemesCredentialsAndNonsense(String url) {
            assertThat(strict.refusal(url)).as(url).isPresent();
            assertThat(lenient.refusal(url)).as(url + " even with allow-private").isPresent();
        }

        @Test
        void aHostThatDoesNotResolveIsRefused() {
            assertThat(strict.refusal("https://nowhere.invalid/")).get().asString().contains("does not resolve");
        }
    }

    @Test
    void publicAddressesAreAllowed() {
        assertThat(strict.refusal("https://hooks.example.com/ledger?x=1")).isEmpty();
        assertThat(strict.refusal("http://93.184.216.34:8443/")).isEmpty();
        assertThat(strict.refusal("https://v6.example.com/")).isEmpty();
        assertThat(strict.refusal("https://[2606:2800:220:1:248:1893:25c8:1946]/")).isEmpty();
    }
}
