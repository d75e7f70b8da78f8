-- The hash of the generated bootstrap key, when no keys are configured (the secret is never stored).
CREATE TABLE api_key_hash (
    key_id     VARCHAR(64) NOT NULL PRIMARY KEY,
    sha256_hex VARCHAR(64) NOT NULL
);
