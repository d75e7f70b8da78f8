package com.faceid.ledger.app.limits;

import com.faceid.ledger.app.LedgerProperties;
import com.faceid.ledger.app.security.RequestContext;
import com.faceid.ledger.app.web.ApiException;
import com.faceid.ledger.app.web.HttpError;
import org.springframework.stereotype.Component;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The reads that replay or fold much of a history (what-if, advice, verify, dispute reports) share a node
 * fairly: at most {@code ledger.expensive-reads-per-node} run at once on a node, and each key and each account
 * has at most one running. A read past its key's or its account's share is refused at once; one that finds the
 * node's places taken waits up to {@link #WAIT_MILLIS} for one. Either refusal is {@code 429 TOO_MANY_REQUESTS}
 * with {@code Retry-After}. Metering and the other reads never wait here.
 * <p>
 * Why: any read-only key could keep both cores busy (12 synchronous what-ifs of a 30k-event account: 22 s of
 * full CPU; verify 7.4 s each, in parallel), and every account's readers waited behind it.
 */
@Component
public class FairShare {
    /** How long a read waits for one of the node's places before it is refused. */
    static final long WAIT_MILLIS = 2_000;
    private final Semaphore node;
    private final int places;
    private final Set<String> keysReading = ConcurrentHashMap.newKeySet();
    private final Set<String> accountsRead = ConcurrentHashMap.newKeySet();

    @Autowired
    public FairShare(LedgerProperties props) {
        this(props.expensiveReadsPerNode() > 0 ? props.expensiveReadsPerNode()
                : Runtime.getRuntime().availableProcessors());
    }

    FairShare(int places) {
        this.places = places;
        this.node = new Semaphore(places, true);
    }

    /**
     * Runs {@code read} within the calling key's share, the account's ({@code accountId} null: the whole ledger's,
     * as verify) and the node's.
     *
     * @param what names the read in a refusal ("a what-if", "verify")
     */
    public <T> T run(String what, String accountId, Supplier<T> read) {
        String key = RequestContext.actor();
        if (!keysReading.add(key)) {
            throw busy("key " + key + " already has " + what + " or another expensive read running; one at a time a"
                    + " key");
        }
        try {
            String account = accountId == null ? "(every account)" : accountId;
            if (!accountsRead.add(account)) {
                throw busy(account + " already has an expensive read running; one at a time an account");
            }
            try {
                if (!node.tryAcquire(WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                    throw busy("this node runs " + places + " expensive reads at once and all are taken");
                }
                try {
                    return read.get();
                } finally {
                    node.release();
                }
            } finally {
                accountsRead.remove(account);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy("interrupted while waiting for a place");
        } finally {
            keysReading.remove(key);
        }
    }

    private static ApiException busy(String why) {
        return new ApiException(HttpError.TOO_MANY_REQUESTS, why + " (ask again in a moment)");
    }
}
