package com.faceid.ledger.app.statement;

import java.util.Optional;

/** The hash of an account's event at a sequence in its hash chain. A port the audit feature's hash chain answers. */
public interface ChainLinks {
    Optional<String> hashAt(String accountId, long sequence);
}
