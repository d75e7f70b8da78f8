package com.faceid.ledger.app.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the ledger may send a webhook (docs/webhooks.md "Safety"): {@code http} or {@code https}, no user info,
 * a port from 1 to 65535, and a host whose every address, after DNS resolution, is public: in none of the blocks
 * of IANA's special-purpose address registries (loopback, private, link-local with the cloud metadata address
 * 169.254.169.254, carrier-grade NAT, documentation, benchmarking, translation to IPv4, ...) nor multicast. Checked when a subscription is made and again before every attempt (DNS may change).
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
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            return Optional.of("the URL's port must be 1 to 65535 (or none: 80 for http, 443 for https)");
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

    /** A block of addresses: {@code bits} leading bits of {@code prefix}. */
    private record Block(byte[] prefix, int bits, String name) {
        static Block of(String cidr, String name) {
            String[] parts = cidr.split("/");
            try {
                return new Block(InetAddress.getByName(parts[0]).getAddress(), Integer.parseInt(parts[1]), name);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(cidr, e);
            }
        }

        boolean holds(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((address[bit / 8] & mask) != (prefix[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * Every block of IANA's IPv4 and IPv6 Special-Purpose Address Registries, and the multicast blocks: none of
     * them is an address a customer's public endpoint has (documentation and benchmarking blocks included, and the
     * IPv6 blocks that translate to IPv4 addresses, which could reach a private one). IPv4-mapped IPv6
     * ({@code ::ffff:0:0/96}) is checked as the IPv4 address it maps (Java hands it over as one).
     */
    private static final List<Block> SPECIAL = List.of(
            Block.of("0.0.0.0/8", "\"this network\""),
            Block.of("10.0.0.0/8", "private"),
            Block.of("100.64.0.0/10", "carrier-grade NAT"),
            Block.of("127.0.0.0/8", "loopback"),
            Block.of("169.254.0.0/16", "link-local (cloud metadata)"),
            Block.of("172.16.0.0/12", "private"),
            Block.of("192.0.0.0/24", "IETF protocol assignment"),
            Block.of("192.0.2.0/24", "documentation (TEST-NET-1)"),
            Block.of("192.31.196.0/24", "AS112"),
            Block.of("192.52.193.0/24", "AMT"),
            Block.of("192.88.99.0/24", "6to4 relay anycast"),
            Block.of("192.168.0.0/16", "private"),
            Block.of("192.175.48.0/24", "AS112 direct delegation"),
            Block.of("198.18.0.0/15", "benchmarking"),
            Block.of("198.51.100.0/24", "documentation (TEST-NET-2)"),
            Block.of("203.0.113.0/24", "documentation (TEST-NET-3)"),
            Block.of("224.0.0.0/4", "multicast"),
            Block.of("240.0.0.0/4", "reserved or broadcast"),
            Block.of("::/128", "wildcard"),
            Block.of("::1/128", "loopback"),
            Block.of("::/96", "IPv4-compatible"),
            Block.of("64:ff9b::/96", "NAT64"),
            Block.of("64:ff9b:1::/48", "local-use IPv4/IPv6 translation"),
            Block.of("100::/64", "discard-only"),
            Block.of("2001::/23", "IETF protocol assignment (Teredo, benchmarking, ORCHID)"),
            Block.of("2001:db8::/32", "documentation"),
            Block.of("2002::/16", "6to4"),
            Block.of("3fff::/20", "documentation"),
            Block.of("5f00::/16", "segment routing (SRv6)"),
            Block.of("fc00::/7", "unique local (private, cloud metadata)"),
            Block.of("fe80::/10", "link-local"),
            Block.of("fec0::/10", "site-local (private)"),
            Block.of("ff00::/8", "multicast"));

    /** The name of the special-purpose block an address is in, or empty for a public address. */
    static Optional<String> privateRange(InetAddress a) {
        byte[] address = a.getAddress();
        return SPECIAL.stream().filter(b -> b.holds(address)).map(Block::name).findFirst();
    }
}
