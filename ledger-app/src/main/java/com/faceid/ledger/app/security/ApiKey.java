package com.faceid.ledger.app.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One configured key: {@code keyId:ROLE:sha256hex} or {@code keyId:CUSTOMER:accountId:sha256hex}. Only the
 * hash of the secret is held; the key id (never the secret) is what the ledger records as the actor.
 */
public record ApiKey(String keyId, Role role, String accountId, byte[] secretHash) {
    public static ApiKey parse(String entry) {
        String[] parts = entry.trim().split(":");
        try {
            Role role = Role.valueOf(parts[1]);
            if (role == Role.CUSTOMER) {
                if (parts.length != 4) {
                    throw new IllegalArgumentException("a CUSTOMER key is keyId:CUSTOMER:accountId:sha256hex");
                }
                return new ApiKey(parts[0], role, parts[2], hex(parts[3]));
            }
            if (parts.length != 3) {
                throw new IllegalArgumentException("a key is keyId:ROLE:sha256hex");
            }
            return new ApiKey(parts[0], role, null, hex(parts[2]));
        } catch (RuntimeException e) {
            // never echo the entry: it holds a hash an attacker could use offline
            throw new IllegalArgumentException("malformed ledger.security.api-keys entry for key id '"
                    + (parts.length > 0 ? parts[0] : "") + "': " + e.getMessage());
        }
    }

    private static byte[] hex(String h) {
        if (!h.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("the hash must be 64 lowercase hex digits (SHA-256)");
        }
        return HexFormat.of().parseHex(h);
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
