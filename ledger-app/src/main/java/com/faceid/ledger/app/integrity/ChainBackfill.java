package com.faceid.ledger.app.integrity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import java.util.concurrent.atomic.AtomicReference;

/**
 * At start, links the history stored before the hash chain existed (once: accounts already linked are passed
 * over quickly), on a thread of its own, logging its progress and showing it at GET /api/v1/admin/chain. A
 * command on an account not linked yet links it first itself (HashChain.stored), so nothing waits for this.
 */
@Component
public class ChainBackfill implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(ChainBackfill.class);
    private final HashChain chain;
    private final AtomicReference<DigestController.BackfillStatus> status =
            new AtomicReference<>(new DigestController.BackfillStatus("NOT_STARTED", 0, 0, 0));

    public ChainBackfill(HashChain chain) {
        this.chain = chain;
    }

    @Override
    public void run(ApplicationArguments args) {
        Thread t = new Thread(() -> {
            status.set(new DigestController.BackfillStatus("RUNNING", 0, 0, 0));
            long[] last = {System.nanoTime()};
            try {
                long added = chain.backfillAll((done, total) -> {
                    status.set(new DigestController.BackfillStatus("RUNNING", done, total, 0));
                    if (System.nanoTime() - last[0] > 5_000_000_000L) {
                        log.info("hash chain backfill: {} of {} accounts", done, total);
                        last[0] = System.nanoTime();
                    }
                });
                var s = status.get();
                status.set(new DigestController.BackfillStatus("DONE", s.accountsDone(), s.accountsTotal(), added));
            } catch (RuntimeException e) {
                var s = status.get();
                status.set(new DigestController.BackfillStatus("FAILED", s.accountsDone(), s.accountsTotal(), 0));
                log.error("hash chain backfill failed; accounts not linked yet are linked by their next command", e);
            }
        }, "chain-backfill");
        t.setDaemon(true);
        t.start();
    }

    public DigestController.BackfillStatus status() {
        return status.get();
    }
}
