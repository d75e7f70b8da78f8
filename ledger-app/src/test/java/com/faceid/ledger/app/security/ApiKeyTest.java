package com.faceid.ledger.app.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** A malformed key entry is reported in one sentence that never echoes its hash or any part that may be one. */
class ApiKeyTest {
    static final String HASH = "c476d1351b3a67dd26a4e690c594f5290d83c50a3e2a34496395195406c6d77d";

    static String refusal(String entry) {
        Throwable e = catchThrowable(() -> ApiKey.parse(entry));
        assertThat(e).isInstanceOf(IllegalArgumentException.class);
        return e.getMessage();
    }

    @Test
    void wellFormedEntriesParse() {
        assertThat(ApiKey.parse("ops:OPERATOR:" + HASH).role()).isEqualTo(Role.OPERATOR);
        ApiKey c = ApiKey.parse("portal:CUSTOMER:acme:" + HASH);
        assertThat(c.accountId()).isEqualTo("acme");
    }

    @Test
    void malformedEntriesNeverEchoTheHash() {
        for (String entry : new String[]{"ops:OPERTOR:" + HASH, "ops:" + HASH, HASH, "ops:CUSTOMER:" + HASH,
                "ops:OPERATOR:" + HASH.toUpperCase(), "ops:OPERATOR:" + HASH + ":extra", HASH + ":OPERATOR:" + HASH}) {
            String message = refusal(entry);
            assertThat(message).as(entry).doesNotContain(HASH).doesNotContainIgnoringCase(HASH.substring(0, 16))
                    .startsWith("malformed ledger.security.api-keys entry");
        }
        assertThat(refusal("ops:OPERTOR:" + HASH)).contains("key id 'ops'").contains("role must be one of");
        assertThat(refusal(HASH + ":OPERATOR:" + HASH)).contains("an entry (not shown)");
    }
}
