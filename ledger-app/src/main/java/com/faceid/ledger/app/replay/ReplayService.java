package com.faceid.ledger.app.replay;

import com.faceid.ledger.app.axon.ReadModels;
import com.faceid.ledger.app.web.ApiException;
import com.faceid.ledger.app.web.HttpError;
import io.swagger.v3.oas.annotations.media.Schema;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Rebuilds every read model from the event store: each streaming processor is shut down and its tokens
 * reset (its @ResetHandler empties its tables); the stored events are then replayed into its handlers in
 * bulk ({@link BulkReplay}), its tokens moved after the last, and it is started again on what came since. The
 * idempotency table and the schedule are not read models (written with the events) and are left alone.
 * While a replay runs, queries see the read models filling up again. With several nodes, stop the other
 * nodes' processors first (Axon resets only tokens no other node has claimed).
 */
@Component
public class ReplayService {
    private static final Logger log = LoggerFactory.getLogger(ReplayService.class);

    public record ProcessorProgress(String name, long position, long head, boolean replaying) {
    }

    @Schema(name = "ReplayProgress")
    public record Progress(
            @Schema(allowableValues = {"IDLE", "RUNNING", "DONE", "FAILED"}) String status,
            @Schema(nullable = true) Instant startedAt,
            @Schema(nullable = true) Instant finishedAt,
            long head, List<ProcessorProgress> processors) {
    }

    private final EventProcessingConfiguration processing;
    private final ReadModels readModels;
    private final BulkReplay bulkReplay;
    private final Clock wall = Clock.systemUTC();
    /** How long a replay waits for other nodes' claims on the read models' segments to lapse. */
    static final Duration CLAIM_WAIT = Duration.ofSeconds(15);
    /** The processor being replayed in bulk (it is shut down meanwhile), or null. */
    private volatile String bulk;
    private volatile RuntimeException failure;
    private volatile Instant startedAt;
    private volatile Instant finishedAt;
    private volatile boolean running;

    public ReplayService(EventProcessingConfiguration processing, ReadModels readModels, BulkReplay bulkReplay) {
        this.bulkReplay = bulkReplay;
        this.processing = processing;
        this.readModels = readModels;
    }

    /** Starts a replay; false when one is already running. */
    public synchronized boolean start() {
        if (running) {
            return false;
        }
        running = true;
        failure = null;
        startedAt = wall.instant();
        finishedAt = null;
        for (StreamingEventProcessor p : processors().values()) {
            p.shutDown();
        }
        try {
            for (StreamingEventProcessor p : processors().values()) {
                resetOnceClaimsLapse(p);
            }
        } catch (UnableToClaimTokenException e) {
            processors().values().forEach(StreamingEventProcessor::start); // as they were: nothing replayed
            running = false;
            throw new ApiException(HttpError.READ_MODELS_CLAIMED,
                    "another node holds the read models' segments (" + e.getMessage() + "): stop the other nodes,"
                            + " or wait for a stopped node's claims to lapse, and start the replay again");
        }
        Thread worker = new Thread(this::replay, "replay");
        worker.setDaemon(true);
        worker.start();
        return true;
    }

    /**
     * Resets a processor's tokens, which needs every segment's claim. A node killed a moment ago still holds its
     * claims until they time out (10 s, axon.EventStoreConfig#tokenStore): a replay started right after a crash and
     * restart waits that long (measured: the first attempt failed with UnableToClaimTokenException in the crash
     * test) instead of failing, and gives up after {@link #CLAIM_WAIT} (a live node holds them).
     */
    private static void resetOnceClaimsLapse(StreamingEventProcessor p) {
        long deadline = System.nanoTime() + CLAIM_WAIT.toNanos();
        while (true) {
            try {
                p.resetTokens();
                return;
            } catch (UnableToClaimTokenException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                LockSupport.parkNanos(250_000_000L);
            }
        }
    }

    /** Each processor's history replayed in bulk (BulkReplay), then the processor started on the rest. */
    private void replay() {
        for (StreamingEventProcessor p : processors().values()) {
            bulk = p.getName();
            try {
                bulkReplay.run(p);
            } catch (RuntimeException e) {
                // chunks already committed must not be counted twice: empty the views again and let the
                // processor replay everything itself
                log.error("bulk replay of {} failed; the processor replays from the first event instead", p.getName(), e);
                try {
                    p.resetTokens();
                } catch (RuntimeException again) {
                    log.error("could not reset {} after a failed bulk replay; it stays stopped", p.getName(), again);
                    failure = again;
                    running = false;
                    return;
                }
            } finally {
                bulk = null;
            }
            p.start();
        }
        while (!caughtUp()) {
            LockSupport.parkNanos(50_000_000L);
        }
        finishedAt = wall.instant();
        running = false;
    }

    /**
     * Done when every processor has handled every stored event. (Axon keeps a segment flagged "replaying"
     * until it sees an event beyond its reset point, so the flag alone would wait for the next event.)
     */
    public boolean caughtUp() {
        return readModels.caughtUpTo(head());
    }

    public Progress progress() {
        long head = head();
        List<ProcessorProgress> list = new ArrayList<>();
        processors().forEach((name, p) -> {
            if (name.equals(bulk)) {
                list.add(new ProcessorProgress(name, bulkReplay.position(), head, true));
                return;
            }
            long position = Long.MAX_VALUE;
            boolean replaying = false;
            Map<Integer, EventTrackerStatus> status = p.processingStatus();
            for (EventTrackerStatus s : status.values()) {
                position = Math.min(position, s.getCurrentPosition().orElse(-1));
                replaying |= s.isReplaying();
            }
            list.add(new ProcessorProgress(name, status.isEmpty() ? -1 : position, head, replaying));
        });
        String state = running ? "RUNNING" : failure != null ? "FAILED" : finishedAt != null ? "DONE" : "IDLE";
        return new Progress(state, startedAt, finishedAt, head, list);
    }

    private long head() {
        Long h = readModels.events().head();
        return h == null ? -1 : h;
    }

    private Map<String, StreamingEventProcessor> processors() {
        Map<String, StreamingEventProcessor> out = new TreeMap<>();
        processing.eventProcessors().forEach((name, p) -> {
            if (p instanceof StreamingEventProcessor s) {
                out.put(name, s);
            }
        });
        return out;
    }
}
