package com.faceid.ledger.app.webhook;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhook addresses refused, over generated members of each class (issue "Hardening round 3": the next audit
 * tries other members): any address inside an IANA special-purpose IPv4 block, written as an IPv4 literal, as an
 * IPv4-mapped or IPv4-compatible IPv6 literal, behind NAT64 or 6to4, or behind a name that resolves to it; any port
 * outside 1–65535. The blocks are listed here from the registry, apart from {@link UrlGuard}'s own table.
 */
class UrlGuardProperties {
    /** IANA IPv4 special-purpose address registry (and multicast, reserved, broadcast): base and prefix length. */
    static final List<String> SPECIAL_V4 = List.of("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8",
            "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24", "192.31.196.0/24", "192.52.193.0/24",
            "192.88.99.0/24", "192.168.0.0/16", "192.175.48.0/24", "198.18.0.0/15", "198.51.100.0/24",
            "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4");

    /** A host name the test's resolver answers with one address: {@code v4-a-b-c-d.test} is a.b.c.d. */
    static InetAddress[] resolve(String host) throws UnknownHostException {
        if (host.startsWith("v4-") && host.endsWith(".test")) {
            return new InetAddress[]{InetAddress.getByName(host.substring(3, host.length() - 5).replace('-', '.'))};
        }
        return new InetAddress[]{InetAddress.getByName(host)};
    }

    final UrlGuard guard = new UrlGuard(false, UrlGuardProperties::resolve);

    @Provide
    Arbitrary<int[]> specialAddresses() {
        return Combinators.combine(Arbitraries.of(SPECIAL_V4), Arbitraries.integers().between(0, Integer.MAX_VALUE))
                .as((block, bits) -> {
                    String[] parts = block.split("/");
                    int prefix = Integer.parseInt(parts[1]);
                    byte[] base;
                    try {
                        base = InetAddress.getByName(parts[0]).getAddress();
                    } catch (UnknownHostException e) {
                        throw new IllegalStateException(e);
                    }
                    int value = ((base[0] & 0xff) << 24) | ((base[1] & 0xff) << 16) | ((base[2] & 0xff) << 8)
                            | (base[3] & 0xff);
                    int hostMask = prefix == 0 ? -1 : (int) ((1L << (32 - prefix)) - 1);
                    int address = (value & ~hostMask) | (bits & hostMask);
                    return new int[]{address >>> 24, (address >>> 16) & 0xff, (address >>> 8) & 0xff, address & 0xff};
                });
    }

    @Provide
    Arbitrary<String> spellings() {
        return Arbitraries.of("v4", "mapped", "compatible", "nat64", "6to4", "name", "v4-port");
    }

    static String url(int[] a, String spelling) {
        String dotted = a[0] + "." + a[1] + "." + a[2] + "." + a[3];
        String hex = String.format("%02x%02x:%02x%02x", a[0], a[1], a[2], a[3]);
        return switch (spelling) {
            case "v4" -> "http://" + dotted + "/hook";
            case "v4-port" -> "https://" + dotted + ":8443/hook";
            case "mapped" -> "http://[::ffff:" + dotted + "]/hook";
            case "compatible" -> "http://[::" + hex + "]/hook";
            case "nat64" -> "http://[64:ff9b::" + hex + "]/hook";
            case "6to4" -> "http://[2002:" + hex + "::1]/hook";
            case "name" -> "http://v4-" + dotted.replace('.', '-') + ".test/hook";
            default -> throw new IllegalArgumentException(spelling);
        };
    }

    @Property(tries = 2000)
    void everyAddressOfASpecialPurposeBlockIsRefusedHoweverItIsWritten(@ForAll("specialAddresses") int[] address,
                                                                      @ForAll("spellings") String spelling) {
        String url = url(address, spelling);
        assertThat(guard.refusal(url)).as(url).isPresent();
    }

    @Property(tries = 500)
    void aPortOutsideOneTo65535IsRefused(@ForAll("ports") String port) {
        String url = "https://93.184.216.34:" + port + "/hook";
        assertThat(guard.refusal(url)).as(url).isPresent();
    }

    @Provide
    Arbitrary<String> ports() {
        return Arbitraries.oneOf(Arbitraries.integers().between(65536, Integer.MAX_VALUE).map(String::valueOf),
                Arbitraries.just("0"), Arbitraries.longs().between(1L << 31, Long.MAX_VALUE).map(String::valueOf));
    }

    @Property(tries = 500)
    void aPublicAddressOnAnAllowedPortIsAccepted(@ForAll("publicAddresses") int[] a,
                                                 @ForAll("allowedPorts") int port) {
        String url = "https://" + a[0] + "." + a[1] + "." + a[2] + "." + a[3] + ":" + port + "/hook";
        assertThat(guard.refusal(url)).as(url).isEmpty();
    }

    @Provide
    Arbitrary<int[]> publicAddresses() {
        // 1.0.0.0–9.255.255.255 and 11.0.0.0–99.255.255.255 hold no special-purpose block
        return Combinators.combine(Arbitraries.oneOf(Arbitraries.integers().between(1, 9),
                        Arbitraries.integers().between(11, 99)), Arbitraries.integers().between(0, 255),
                Arbitraries.integers().between(0, 255), Arbitraries.integers().between(1, 254))
                .as((x, y, z, w) -> new int[]{x, y, z, w});
    }

    @Provide
    Arbitrary<Integer> allowedPorts() {
        return Arbitraries.integers().between(1, 65535);
    }
}
