package com.faceid.ledger.app.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Arrays;

/**
 * One configured key: {@code keyId:ROLE:sha256hex} or {@code keyId:CUSTOMER:accountId:sha256hex}. Only the
 * hash of the secret is held; the key id (never the secret) is what the ledger records as the actor.
 */
public record ApiKey(String keyId, Role role, String accountId, byte[] secretHash) {
    public static ApiKey parse(String entry) {
        String[] parts = entry.trim().split(":", -1);
        // an error names the key id only when it looks like one: never a part that may be a hash or a secret
        String named = parts.length > 1 && parts[0].matches("[A-Za-z0-9._@-]{1,64}") && !parts[0].matches("[0-9a-f]{64}")
                ? "key id '" + parts[0] + "'" : "an entry (not shown)";
        if (parts.length < 3) {
            throw malformed(named, "expected keyId:ROLE:sha256hex or keyId:CUSTOMER:accountId:sha256hex");
        }
        if (!parts[0].matches("[A-Za-z0-9._@-]{1,64}") || parts[0].matches("[0-9a-f]{64}")) {
            // a key id is recorded as the actor of what the key does: never a hash or a secret put there by mistake
            throw malformed(named, "the key id must be 1 to 64 letters, digits or . _ @ - (and not a hash)");
        }
        Role role = Arrays.stream(Role.values()).filter(r -> r.name().equals(parts[1])).findFirst()
                .orElseThrow(() -> malformed(named, "the role must be one of "
                        + Arrays.toString(Role.values())));
        if (role == Role.CUSTOMER && parts.length != 4) {
            throw malformed(named, "a CUSTOMER key is keyId:CUSTOMER:accountId:sha256hex");
        }
        if (role != Role.CUSTOMER && parts.length != 3) {
            throw malformed(named, "a " + role + " key is keyId:" + role + ":sha256hex");
        }
        if (!parts[parts.length - 1].matches("[0-9a-f]{64}")) {
            throw malformed(named, "the hash must be 64 lowercase hex digits (SHA-256)");
        }
        return new ApiKey(parts[0], role, role == Role.CUSTOMER ? parts[2] : null,
                HexFormat.of().parseHex(parts[parts.length - 1]));
    }

    private static IllegalArgumentException malformed(String named, String why) {
        return new IllegalArgumentException("malformed ledger.security.api-keys entry, " + named + ": " + why);
    }

    public static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha256Hex(String secret) {
        return HexFormat.of().formatHex(sha256(secret));
    }

    /** Constant-time comparison of the presented secret's hash. */
    public boolean matches(byte[] presentedHash) {
        return MessageDigest.isEqual(secretHash, presentedHash);
    }
}
