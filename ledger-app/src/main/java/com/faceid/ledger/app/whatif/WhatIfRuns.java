package com.faceid.ledger.app.whatif;

import com.faceid.ledger.app.security.RequestContext;
import com.faceid.ledger.app.web.ApiException;
import com.faceid.ledger.app.web.HttpError;
import com.faceid.ledger.app.web.Problems;
import com.faceid.ledger.error.LedgerException;
import com.faceid.ledger.whatif.Scenario;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What-ifs run in the background, for a history long enough that the answer takes a while (a million calls
 * re-rate in about 13 s): the client starts a run, then follows how many of the account's events it has
 * re-rated, and fetches the answer when it is done. The answer is the same {@link WhatIfService} gives at
 * once; a run is a way to wait for it, not another computation.
 * <p>
 * Limits (docs/api.md): {@value #AT_ONCE} run re-rates at a time on a node (a re-rating keeps a core busy for
 * its whole length, and the ledger has the API to serve), the others wait their turn; at most
 * {@value #UNFINISHED_MAX} runs wait or run at once, at most {@value #UNFINISHED_PER_ACCOUNT_OR_KEY} of them one
 * account's or one key's, so runs on one account never refuse another's (more: {@code 429 TOO_MANY_RUNS}); a
 * finished run is kept
 * {@link #KEPT} (real time), and at most {@value #FINISHED_MAX} finished runs are kept (the oldest go first).
 * A run lives in the memory of the node that started it: a client asks that node for it, and a restart ends
 * it (it is a read; nothing is lost but the wait).
 */
@Component
public class WhatIfRuns implements DisposableBean {
    static final int AT_ONCE = 1;
    static final int UNFINISHED_MAX = 16;
    /** Most runs one account, or one key, has waiting or running: a share of {@link #UNFINISHED_MAX}. */
    static final int UNFINISHED_PER_ACCOUNT_OR_KEY = 4;
    static final int FINISHED_MAX = 100;
    static final Duration KEPT = Duration.ofMinutes(15);
    private static final Logger LOG = LoggerFactory.getLogger(WhatIfRuns.class);

    /** Where a run stands. */
    public enum RunStatus { QUEUED, RUNNING, DONE, FAILED }

    /** Why a run failed: the problem its synchronous form would have answered. */
    public record RunFailure(int status, String code, String detail) {
    }

    /** What a run waits for: the what-if itself (WhatIfService), and what it refuses before reading. */
    public interface WhatIfs {
        long check(String accountId, YearMonth from, YearMonth to);

        WhatIfView whatIf(String accountId, YearMonth from, YearMonth to, Scenario scenario,
                          WhatIfService.Progress progress);
    }

    private final WhatIfs whatIf;
    private final Clock clock;
    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    private final ExecutorService pool = Executors.newFixedThreadPool(AT_ONCE, r -> {
        Thread t = new Thread(r, "what-if-run");
        t.setDaemon(true);
        return t;
    });

    @Autowired
    public WhatIfRuns(WhatIfService whatIf, Clock clock) {
        this((WhatIfs) whatIf, clock);
    }

    public WhatIfRuns(WhatIfs whatIf, Clock clock) {
        this.whatIf = whatIf;
        this.clock = clock;
    }

    /**
     * One run and what it has done so far: its thread writes it, {@link WhatIfRunView#of} reads it (its result and
     * end are written before its status, and read after).
     */
    public final class Run {
        final String id = "wir_" + UUID.randomUUID().toString().replace("-", "");
        final String accountId;
        final String key = RequestContext.actor();
        final Instant startedAt = clock.instant();
        final AtomicLong read = new AtomicLong();
        /** The account's events when the run was asked for; when it starts re-rating, those it will read. */
        volatile long total;
        volatile RunStatus status = RunStatus.QUEUED;
        volatile WhatIfView result;
        volatile RunFailure failure;
        /** The refusal itself, for a page that shows it as the what-if's own refusal would be shown. */
        volatile RuntimeException refusal;
        volatile Instant finishedAt;
        volatile long finishedNanos;
        private final CountDownLatch ended = new CountDownLatch(1);

        Run(String accountId, long total) {
            this.accountId = accountId;
            this.total = total;
        }

        public String id() {
            return id;
        }

        boolean finished() {
            return status == RunStatus.DONE || status == RunStatus.FAILED;
        }

        /** Whether the run has ended within {@code wait}: a short history's what-if can be shown at once. */
        public boolean awaitEnd(Duration wait) {
            try {
                return ended.await(wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        /** Why the run failed, as the what-if refused it (null unless FAILED by a refusal). */
        public RuntimeException refusal() {
            return status == RunStatus.FAILED ? refusal : null;
        }

        void execute(YearMonth from, YearMonth to, Scenario scenario) {
            status = RunStatus.RUNNING;
            try {
                result = whatIf.whatIf(accountId, from, to, scenario, (done, all) -> {
                    total = all; // events recorded while the run waited are read too
                    read.set(done);
                });
                read.set(total);
                finish(RunStatus.DONE);
            } catch (LedgerException e) {
                failure = new RunFailure(Problems.statusOf(e.code()).value(), e.code().name(), e.getMessage());
                refusal = e;
                finish(RunStatus.FAILED);
            } catch (ApiException e) {
                failure = new RunFailure(e.status().value(), e.code().name(), e.getMessage());
                refusal = e;
                finish(RunStatus.FAILED);
            } catch (RuntimeException | Error e) {
                LOG.error("what-if run {} of {} failed", id, accountId, e);
                failure = new RunFailure(500, HttpError.INTERNAL_ERROR.name(), "the run failed; the ledger's log has"
                        + " the cause (run " + id + ")");
                finish(RunStatus.FAILED);
                if (e instanceof Error error) {
                    throw error; // marked failed, but not swallowed
                }
            }
        }

        private void finish(RunStatus end) {
            finishedAt = clock.instant();
            finishedNanos = System.nanoTime();
            status = end;
            ended.countDown();
        }
    }

    /**
     * Starts a what-if of the account's events as they are now. What can be refused before reading them (the
     * months' order, an unknown account) is refused here, as the synchronous what-if would.
     */
    public Run start(String accountId, YearMonth from, YearMonth to, Scenario scenario) {
        forgetOld();
        long total = whatIf.check(accountId, from, to);
        synchronized (runs) {
            List<Run> unfinished = runs.values().stream().filter(r -> !r.finished()).toList();
            if (unfinished.size() >= UNFINISHED_MAX) {
                throw new ApiException(HttpError.TOO_MANY_RUNS, "at most " + UNFINISHED_MAX + " what-if runs wait"
                        + " or run at once on this node; ask again when one has finished");
            }
            String key = RequestContext.actor();
            if (unfinished.stream().filter(r -> r.accountId.equals(accountId)).count() >= UNFINISHED_PER_ACCOUNT_OR_KEY
                    || unfinished.stream().filter(r -> r.key.equals(key)).count() >= UNFINISHED_PER_ACCOUNT_OR_KEY) {
                throw new ApiException(HttpError.TOO_MANY_RUNS, "at most " + UNFINISHED_PER_ACCOUNT_OR_KEY
                        + " what-if runs of one account, or of one key, wait or run at once; ask again when one has"
                        + " finished");
            }
            Run run = new Run(accountId, total);
            runs.put(run.id, run);
            pool.execute(() -> run.execute(from, to, scenario));
            return run;
        }
    }

    /** A run of this account started on this node and still kept; {@code NOT_FOUND} otherwise. */
    public Run get(String accountId, String runId) {
        forgetOld();
        Run run = runs.get(runId);
        if (run == null || !run.accountId.equals(accountId)) {
            throw new ApiException(HttpError.NOT_FOUND, "no what-if run " + runId + " of " + accountId
                    + " on this node (a finished run is kept " + KEPT.toMinutes() + " minutes)");
        }
        return run;
    }

    private void forgetOld() {
        long now = System.nanoTime();
        runs.values().removeIf(r -> r.finished() && now - r.finishedNanos > KEPT.toNanos());
        var finished = runs.values().stream().filter(Run::finished)
                .sorted(Comparator.comparingLong((Run r) -> r.finishedNanos)).toList();
        for (int i = 0; i < finished.size() - FINISHED_MAX; i++) {
            runs.remove(finished.get(i).id);
        }
    }

    @Override
    public void destroy() {
        pool.shutdownNow();
    }
}
