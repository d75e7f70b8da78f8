package com.faceid.ledger.app.history;

import com.faceid.ledger.app.LedgerProperties;
import com.faceid.ledger.app.account.AccountQueries.AccountRow;
import com.faceid.ledger.app.prepaid.PackagesAsOf;
import com.faceid.ledger.app.prepaid.PackagesNow;
import com.faceid.ledger.app.statement.StatementsNow;
import com.faceid.ledger.app.store.EventStoreReader;
import com.faceid.ledger.error.ErrorCode;
import com.faceid.ledger.error.LedgerException;
import com.faceid.ledger.pricing.BillingPolicy;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Each recently read account's fold at its last stored event, so the reads that the gateway and a customer make
 * while the account is being metered (quota, packages, the running statement) answer from every event stored
 * before they were asked, without waiting for the read-model processor and whatever it is doing.
 * <p>
 * Why: a read answered from the views had to wait until the processor had handled the account's last event.
 * Under metering that event is always a moment old, so every read waited for a processor round: quota reads
 * beside 8 metering connections had a p99 of 94 ms (docs/performance.md). A fold brought up to date on each
 * read costs one index range read of the events stored since the previous read of the account (a few, under
 * load) and their application; its answer depends only on the events and the clock, never on the processor.
 * <p>
 * An account's first read starts from its latest fold checkpoint (at most {@code ledger.as-of-checkpoint-events}
 * events behind). At most {@code ledger.current-folds-max-accounts} folds are kept, least recently read dropped.
 * Events of one account are appended in sequence under its lock, so reading the sequence numbers after the
 * last one applied never skips an event. Readers of one account take turns on its fold; other accounts'
 * readers and every writer go on.
 */
@Component
public class CurrentFolds implements PackagesNow, StatementsNow {
    private final FoldCheckpoints checkpoints;
    private final EventStoreReader events;
    private final BillingPolicy policy;
    private final Map<String, Entry> recent;

    /** One account's fold and the sequence number of the last event in it (-1: none yet). */
    private static final class Entry {
        LedgerFold fold;
        long sequence = -1;
    }

    public CurrentFolds(FoldCheckpoints checkpoints, EventStoreReader events, BillingPolicy policy,
                        LedgerProperties props) {
        this.checkpoints = checkpoints;
        this.events = events;
        this.policy = policy;
        int max = props.currentFoldsMaxAccounts();
        this.recent = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > max;
            }
        };
    }

    @Override
    public PackagesNow.Current packagesNow(String accountId, Instant now) {
        return read(accountId, (account, fold) -> new PackagesNow.Current(account,
                new PackagesAsOf.PackagesAt(List.copyOf(fold.packages.values()), fold.heldByPackage(now))));
    }

    @Override
    public StatementsNow.Current statementNow(String accountId, YearMonth month, Instant now) {
        return read(accountId, (account, fold) -> new StatementsNow.Current(account,
                fold.statement(month, policy, now)));
    }

    /**
     * {@code answer} of the account and its fold holding every event stored before this call; the fold is
     * the cache's own, so {@code answer} must copy what it keeps and change nothing.
     *
     * @throws LedgerException ACCOUNT_NOT_FOUND when the account has no events
     */
    public <T> T read(String accountId, BiFunction<AccountRow, LedgerFold, T> answer) {
        Entry entry;
        synchronized (recent) {
            entry = recent.computeIfAbsent(accountId, a -> new Entry());
        }
        synchronized (entry) {
            try {
                catchUp(accountId, entry);
            } catch (RuntimeException e) { // a fold half brought up is not kept
                entry.fold = null;
                entry.sequence = -1;
                throw e;
            }
            LedgerFold f = entry.fold;
            if (f.openedAt == null) {
                throw new LedgerException(ErrorCode.ACCOUNT_NOT_FOUND, "no account " + accountId);
            }
            return answer.apply(new AccountRow(accountId, f.openedAt, ZoneId.of(f.zone), f.postpaidEnabled,
                    f.closedThrough), f);
        }
    }

    /** Accounts whose fold is kept now. */
    public int size() {
        synchronized (recent) {
            return recent.size();
        }
    }

    private void catchUp(String accountId, Entry entry) {
        if (entry.fold == null) {
            FoldCheckpoints.Checkpoint start = checkpoints.latestCheckpoint(accountId);
            entry.fold = start == null ? new LedgerFold(accountId) : start.fold();
            entry.sequence = start == null ? -1 : start.sequenceNumber();
        }
        List<EventStoreReader.StoredEvent> tail = events.after(accountId, entry.sequence, null);
        for (EventStoreReader.StoredEvent e : tail) {
            entry.fold.apply(e);
            entry.sequence = e.sequenceNumber();
        }
    }
}
