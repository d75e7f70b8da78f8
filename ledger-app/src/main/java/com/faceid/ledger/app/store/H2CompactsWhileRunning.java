package com.faceid.ledger.app.store;

import com.faceid.ledger.app.LedgerProperties;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A ledger on an H2 file rewrites its sparse chunks while it runs ({@code ledger.h2-compact-every}), so the file
 * stays near its live data instead of growing with every commit until a stop compacts it.
 * <p>
 * Why: H2's MVStore never updates a page in place; each commit writes the pages it changed into a new chunk, and
 * the older copies leave holes in older chunks. H2 rewrites such chunks in its background writer, which a
 * durable store ({@code WRITE_DELAY=0}: every commit written before the answer) does not run. So the file grew
 * by 9,494 bytes a stored call under single-call load (2.7 GB for 287k calls) against 333 bytes once compacted
 * (docs/performance.md). This does what the background writer would: every period, the chunks under
 * {@link #TARGET_FILL_PERCENT} live are rewritten (at most {@link #WRITE_LIMIT_BYTES} a round), and their space is
 * reused once H2's retention time has passed.
 * <p>
 * It depends on {@link H2CompactsOnStop}, so it stops first at a clean stop.
 */
@Component
public class H2CompactsWhileRunning implements DisposableBean {
    /**
     * Chunks with less live data than this are rewritten. H2's own background writer uses 90; under single-call
     * load that rewrote so much that calls fell from 5,300 to 3,700 a second (p99 408 ms); 50 keeps the rate
     * (wrk-bench, one run each: docs/performance.md).
     */
    static final int TARGET_FILL_PERCENT = 50;
    /** Most bytes rewritten a round: a round holds up commits while it writes (64 MB gave a p99 of 408 ms). */
    static final int WRITE_LIMIT_BYTES = 4 << 20;
    /**
     * How long H2 keeps a chunk with no live data before reusing its space (H2's default: 45 s, during which the
     * file grew by some 2 GB under load). It guards against a disk that has not yet written the newer chunks when
     * the power fails; H2 does not force its writes to the disk at each commit anyway (a process crash loses
     * nothing: the operating system holds the writes), so 1 s gives that case up for little.
     */
    static final int RETENTION_MILLIS = 1_000;
    private static final Logger log = LoggerFactory.getLogger(H2CompactsWhileRunning.class);
    private final DataSource dataSource;
    private final ScheduledExecutorService rounds;

    public H2CompactsWhileRunning(DataSource dataSource, H2CompactsOnStop onStop, LedgerProperties props) {
        this.dataSource = dataSource;
        long every = props.h2CompactEvery().toMillis();
        if (every <= 0 || onStop.h2File() == null) {
            this.rounds = null;
            return;
        }
        this.rounds = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "h2-compaction");
            t.setDaemon(true);
            return t;
        });
        rounds.scheduleWithFixedDelay(this::round, every, every, TimeUnit.MILLISECONDS);
    }

    /** One round; a failure is logged and the next round tries again (the store works without it). */
    void round() {
        try (Connection c = dataSource.getConnection()) {
            MVStore store = ((SessionLocal) c.unwrap(JdbcConnection.class).getSession()).getDatabase().getStore()
                    .getMvStore();
            if (!store.isClosed()) {
                store.setRetentionTime(RETENTION_MILLIS);
                store.compact(TARGET_FILL_PERCENT, WRITE_LIMIT_BYTES);
            }
        } catch (Exception e) {
            log.warn("H2 compaction round failed (the next round tries again): {}", e.toString());
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        if (rounds != null) {
            rounds.shutdownNow();
            rounds.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
