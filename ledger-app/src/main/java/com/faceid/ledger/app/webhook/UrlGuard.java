package com.faceid.ledger.app.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the ledger may send a webhook (docs/webhooks.md "Safety"): {@code http} or {@code https}, no user info,
 * and a host whose every address, after DNS resolution, is public: not loopback, private (RFC 1918, IPv6 unique
 * local), link-local (which holds the cloud metadata address 169.254.169.254), carrier-grade NAT, "this network",
 * multicast or broadcast. Checked when a subscription is made and again before every attempt (DNS may change).
 * {@code ledger.webhooks.allow-private} lifts the address check (tests, private deployments), never the scheme.
 */
public final class UrlGuard {
    /** How a host name becomes addresses; {@link InetAddress#getAllByName} but for tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    public static final int URL_MAX = 2048;
    private final boolean allowPrivate;
    private final Resolver resolver;

    public UrlGuard(boolean allowPrivate, Resolver resolver) {
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
    }

    public UrlGuard(boolean allowPrivate) {
        this(allowPrivate, InetAddress::getAllByName);
    }

    /** Why the URL may not be used, or empty when it may. */
    public Optional<String> refusal(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("only http and https URLs are allowed");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("a URL with user info (credentials) is not allowed; authenticate by the signature");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            return Optional.of("the URL has no host");
        }
        if (allowPrivate) {
            return Optional.empty();
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            return Optional.of("the host " + host + " does not resolve");
        }
        for (InetAddress a : addresses) {
            Optional<String> range = privateRange(a);
            if (range.isPresent()) {
                return Optional.of("the host " + host + " resolves to " + a.getHostAddress() + ", a " + range.get()
                        + " address (set ledger.webhooks.allow-private to allow it)");
            }
        }
        return Optional.empty();
    }

    /** The name of the non-public range an address is in, or empty for a public address. */
    static Optional<String> privateRange(InetAddress a) {
        if (a.isAnyLocalAddress()) {
            return Optional.of("wildcard");
        }
        if (a.isLoopbackAddress()) {
            return Optional.of("loopback");
        }
        if (a.isLinkLocalAddress()) {
            return Optional.of("link-local (cloud metadata)");
        }
        if (a.isSiteLocalAddress()) {
            return Optional.of("private");
        }
        if (a.isMulticastAddress()) {
            return Optional.of("multicast");
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 0) {
                return Optional.of("\"this network\"");
            }
            if (first == 100 && second >= 64 && second <= 127) {
                return Optional.of("carrier-grade NAT");
            }
            if (first == 198 && (second == 18 || second == 19)) {
                return Optional.of("benchmarking");
            }
            if (first == 192 && second == 0 && (b[2] & 0xff) == 0) {
                return Optional.of("IETF protocol assignment");
            }
            if (first >= 240) {
                return Optional.of("reserved or broadcast");
            }
        }
        if (a instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return Optional.of("unique local (private, cloud metadata)");
            }
            boolean v4Compatible = true;
            for (int i = 0; i < 12; i++) {
                v4Compatible &= b[i] == 0;
            }
            if (v4Compatible) {
                return Optional.of("IPv4-compatible");
            }
            if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
                return Optional.of("6to4");
            }
            if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && b[2] == 0 && b[3] == 0) {
                return Optional.of("Teredo");
            }
            if ((b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
                return Optional.of("NAT64");
            }
        }
        return Optional.empty();
    }
}
