package com.faceid.ledger.whatif;

import com.faceid.ledger.account.AccountSandbox;
import com.faceid.ledger.account.BillingCalendar;
import com.faceid.ledger.account.OpenAccount;
import com.faceid.ledger.account.SwitchPostpaid;
import com.faceid.ledger.error.ErrorCode;
import com.faceid.ledger.error.LedgerException;
import com.faceid.ledger.event.AccountEvent;
import com.faceid.ledger.event.AccountOpened;
import com.faceid.ledger.event.AdjustmentRecorded;
import com.faceid.ledger.event.CallMetered;
import com.faceid.ledger.event.FreeGrantActivated;
import com.faceid.ledger.event.FreeGrantIssued;
import com.faceid.ledger.event.HoldCaptured;
import com.faceid.ledger.event.HoldExpired;
import com.faceid.ledger.event.HoldPlaced;
import com.faceid.ledger.event.HoldVoided;
import com.faceid.ledger.event.NegotiatedPriceAgreed;
import com.faceid.ledger.event.PackageExpired;
import com.faceid.ledger.event.PackageExpiryReminded;
import com.faceid.ledger.event.PackagePurchased;
import com.faceid.ledger.event.PackageUsageReminded;
import com.faceid.ledger.event.PostpaidSwitched;
import com.faceid.ledger.event.StatementClosed;
import com.faceid.ledger.hold.CaptureHold;
import com.faceid.ledger.hold.ExpireHold;
import com.faceid.ledger.hold.PlaceHold;
import com.faceid.ledger.hold.VoidHold;
import com.faceid.ledger.metering.MeterCall;
import com.faceid.ledger.prepaid.BuyPackage;
import com.faceid.ledger.pricing.BillableResults;
import com.faceid.ledger.pricing.BillingPolicy;
import com.faceid.ledger.pricing.CatalogBook;
import com.faceid.ledger.pricing.TierConvention;
import com.faceid.ledger.statement.AgreeNegotiatedPrice;
import com.faceid.ledger.statement.CloseStatement;
import com.faceid.ledger.statement.RecordAdjustment;
import com.faceid.ledger.statement.StatementFigures;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Re-rates an account's recorded history under a {@link Scenario} (billing-rules §9 "What-if"): its calls, with
 * their recorded times and result codes, its purchases, prices, adjustments, switches, holds and closes are sent
 * again, in their recorded order, as commands to a sandboxed {@code Account} ({@link AccountSandbox}): the same
 * aggregate, the same {@code Settlement}, {@code TierPricer}, {@code BillingCalendar} and
 * {@code StatementCalculator} that decided them the first time. Pure: events in, monthly statements out.
 * <p>
 * Each decision is made under the rules recorded with it, unless the scenario changes them: a purchase under its
 * recorded catalog version, a call with its recorded billability, a hold with its recorded lifetime, a month's
 * close under the catalog version and tier convention its {@code StatementClosed} records. So with
 * {@link Scenario#none()} every closed month comes out equal to its statement, to the cent, whatever today's
 * configuration says: that identity is what {@code admin/verify} and the property tests check. The close grace is
 * today's; it decides which late calls a month accepted, never a price.
 * <p>
 * Time-driven steps that move no money (grant activation, package expiry, reminders) are not replayed: the
 * account decides by the clock whether a package can still pay, whether or not its expiry was recorded.
 */
public final class Rerating {
    /** A month of the re-rated history: its statement, and whether the re-rating closed it (and when). */
    public record RatedMonth(YearMonth month, StatementFigures figures, boolean closed, Instant closedAt) {
    }

    /**
     * @param zone  the account's billing time zone
     * @param notes what the scenario changed beyond the money: calls refused, holds refused, months left open
     */
    public record Rerated(ZoneId zone, List<RatedMonth> months, List<String> notes) {
        public RatedMonth month(YearMonth m) {
            return months.stream().filter(r -> r.month().equals(m)).findFirst().orElse(null);
        }
    }

    private static final String WHAT_IF = "what-if";

    private Rerating() {
    }

    /**
     * @param history the account's events, oldest first (the first is its {@code AccountOpened}), read once
     * @param today   the ledger's policy now: the catalog versions it knows, today's tier convention (for months
     *                not closed yet), the close grace
     * @param now     the ledger clock: months up to its month are answered
     * @throws LedgerException {@code BEFORE_ACCOUNT_OPENED} or {@code TIMESTAMP_IN_FUTURE} for a what-if purchase
     *                         outside the account's life so far, {@code VALIDATION_FAILED} for an unknown catalog
     *                         version, {@code PACKAGE_SIZE_NOT_SOLD} for a size the catalog does not sell
     */
    public static Rerated rerate(Iterable<? extends AccountEvent> history, Scenario scenario, BillingPolicy today,
                                 Instant now) {
        Iterator<? extends AccountEvent> events = history.iterator();
        if (!events.hasNext() || !(events.next() instanceof AccountOpened opened)) {
            throw new IllegalArgumentException("a history starts with the account's opening");
        }
        // the grants follow the opening, issued from the catalog in force then: the opening is sent once they are
        // read, pinned to the version they record (one pass: a history is read as it streams, never held whole)
        String grantCatalog = null;
        AccountEvent next = null;
        while (events.hasNext()) {
            next = events.next();
            if (!(next instanceof FreeGrantIssued g)) {
                break;
            }
            grantCatalog = grantCatalog == null ? g.catalogVersion() : grantCatalog;
            next = null;
        }
        Replay replay = new Replay(scenario, today, now, opened, grantCatalog);
        opened.accept(replay);
        if (next != null) {
            next.accept(replay);
        }
        while (events.hasNext()) {
            events.next().accept(replay);
        }
        return replay.finish();
    }

    /** Sends each recorded event's command to the sandbox, with the scenario's purchases in their place in time. */
    private static final class Replay implements AccountEvent.Visitor<Void> {
        private final Scenario scenario;
        private final BillingPolicy today;
        private final Instant now;
        private final String accountId;
        private final BillingCalendar calendar;
        private final AccountSandbox sandbox = new AccountSandbox();
        private final Deque<Scenario.Purchase> pendingPurchases;
        private final Map<String, String> captureOfRequest = new HashMap<>();
        private final Map<YearMonth, RatedMonth> closed = new LinkedHashMap<>();
        private final List<String> notes = new ArrayList<>();
        private final String grantCatalog;
        private int scenarioPurchases;

        private final Instant openedAt;

        Replay(Scenario scenario, BillingPolicy today, Instant now, AccountOpened opened, String grantCatalog) {
            this.scenario = scenario;
            this.today = today;
            this.now = now;
            this.accountId = opened.accountId();
            this.calendar = new BillingCalendar(ZoneId.of(opened.zone()));
            this.grantCatalog = grantCatalog;
            this.openedAt = opened.openedAt();
            if (scenario.catalog() != null && today.catalogs().version(scenario.catalog()).isEmpty()) {
                throw new LedgerException(ErrorCode.VALIDATION_FAILED, "catalog version " + scenario.catalog()
                        + " is not known to this ledger; known: " + today.catalogs().versions().stream()
                        .map(c -> c.version()).toList());
            }
            for (Scenario.Purchase p : scenario.purchases()) {
                if (p.purchasedAt().isBefore(opened.openedAt())) {
                    throw new LedgerException(ErrorCode.BEFORE_ACCOUNT_OPENED, "a what-if purchase at "
                            + p.purchasedAt() + " is before the account was opened (" + opened.openedAt() + ")");
                }
                if (p.purchasedAt().isAfter(now)) {
                    throw new LedgerException(ErrorCode.TIMESTAMP_IN_FUTURE, "a what-if purchase at "
                            + p.purchasedAt() + " is after the ledger clock (" + now + "): a what-if re-rates the past");
                }
            }
            pendingPurchases = new ArrayDeque<>(scenario.purchases().stream()
                    .sorted(Comparator.comparing(Scenario.Purchase::purchasedAt)).toList());
        }

        Rerated finish() {
            catchUp(now);
            YearMonth last = calendar.monthOf(now);
            List<RatedMonth> months = new ArrayList<>();
            YearMonth first = calendar.monthOf(openedAt);
            for (YearMonth m = first; !m.isAfter(last) || closed.containsKey(m); m = m.plusMonths(1)) {
                RatedMonth r = closed.get(m);
                months.add(r != null ? r : new RatedMonth(m, sandbox.account().figures(m, policy()), false, null));
            }
            return new Rerated(calendar.zone(), List.copyOf(months), List.copyOf(notes));
        }

        /**
         * Replays a recorded event at {@code at}: the scenario's purchases due by then first, then the event's
         * command under {@code p} (none when the scenario replaces what the event did).
         */
        private Void replay(Instant at, Object command, BillingPolicy p) {
            catchUp(at);
            if (command != null) {
                sandbox.send(command, p);
            }
            return null;
        }

        /** Buys the scenario's packages due by {@code t}, before the recorded event at {@code t} is replayed. */
        private void catchUp(Instant t) {
            while (!pendingPurchases.isEmpty() && !pendingPurchases.peek().purchasedAt().isAfter(t)) {
                Scenario.Purchase p = pendingPurchases.poll();
                sandbox.send(new BuyPackage(accountId, "what-if-" + ++scenarioPurchases, p.service(), p.size(),
                        p.purchasedAt(), p.purchasedAt()), policy());
            }
        }

        /**
         * The policy a decision is made under: the scenario's catalog and convention where it sets them, else the
         * recorded ones, else today's; the recorded billability of a call; the recorded lifetime of a hold.
         */
        private BillingPolicy policy(String recordedCatalog, TierConvention recordedConvention,
                                     BillableResults billable, Duration holdTtl) {
            // a history has few distinct rule sets (a call's is its result code's billability): built once each,
            // not once per replayed command
            return policies.computeIfAbsent(Arrays.asList(recordedCatalog, recordedConvention, billable,
                    holdTtl), k -> newPolicy(recordedCatalog, recordedConvention, billable, holdTtl));
        }

        private final Map<List<Object>, BillingPolicy> policies = new HashMap<>();

        /** The policy of a decision nothing was recorded for: the scenario's settings, else today's. */
        private BillingPolicy policy() {
            return policy(null, null, null, null);
        }

        private BillingPolicy newPolicy(String recordedCatalog, TierConvention recordedConvention,
                                        BillableResults billable, Duration holdTtl) {
            String version = scenario.catalog() != null ? scenario.catalog() : recordedCatalog;
            CatalogBook book = version == null ? today.catalogs() : new CatalogBook(List.of(today.catalogs()
                    .version(version).orElseThrow(() -> new LedgerException(ErrorCode.VALIDATION_FAILED,
                            "the history was priced with catalog version " + version
                                    + ", which this ledger no longer knows"))));
            TierConvention convention = scenario.tierBounds() != null ? scenario.tierBounds()
                    : recordedConvention != null ? recordedConvention : today.tierConvention();
            return new BillingPolicy(book, convention, billable == null ? today.billableResults() : billable,
                    today.reminders(), today.closeGrace(), holdTtl == null ? today.holdTtl() : holdTtl);
        }

        @Override
        public Void on(AccountOpened e) {
            boolean postpaid = scenario.postpaid() != null ? scenario.postpaid() : e.postpaidEnabled();
            sandbox.send(new OpenAccount(accountId, e.openedAt(), e.zone(), postpaid, e.openedAt()),
                    policy(grantCatalog, null, null, null));
            if (scenario.negotiatedPrices() != null) {
                YearMonth opening = calendar.monthOf(e.openedAt());
                for (Scenario.NegotiatedPrice p : scenario.negotiatedPrices()) {
                    YearMonth from = p.effectiveFrom().isBefore(opening) ? opening : p.effectiveFrom();
                    sandbox.send(new AgreeNegotiatedPrice(accountId, p.service(), p.unitPrice(), from, WHAT_IF,
                            e.openedAt()), policy());
                }
            }
            return null;
        }

        @Override
        public Void on(FreeGrantIssued e) {
            return null; // issued by the opening itself, from the catalog in force (pinned below when recorded)
        }

        @Override
        public Void on(PostpaidSwitched e) {
            return replay(e.at(), scenario.postpaid() != null ? null
                    : new SwitchPostpaid(accountId, e.enabled(), e.at(), e.actor()), policy());
        }

        @Override
        public Void on(FreeGrantActivated e) {
            return null; // moves no money: a grant pays from its effectiveFrom, activated or not
        }

        @Override
        public Void on(PackagePurchased e) {
            return replay(e.purchasedAt(), scenario.replacePurchases() ? null : new BuyPackage(accountId,
                    e.purchaseId(), e.service(), e.size(), e.purchasedAt(), e.purchasedAt()),
                    policy(e.catalogVersion(), null, null, null));
        }

        @Override
        public Void on(PackageExpired e) {
            return null; // a package past its expiry pays for nothing, whether or not this was recorded (§9)
        }

        @Override
        public Void on(PackageExpiryReminded e) {
            return null;
        }

        @Override
        public Void on(PackageUsageReminded e) {
            return null;
        }

        @Override
        public Void on(CallMetered e) {
            Instant at = e.recordedAt() == null ? e.occurredAt() : e.recordedAt();
            catchUp(at);
            // billable as recorded: a later change of the billable codes never re-prices history
            BillingPolicy p = policy(null, null, new BillableResults(e.billable() ? Set.of(e.resultCode())
                    : Set.of()), null);
            String holdId = captureOfRequest.remove(e.requestId());
            if (holdId != null) {
                try {
                    sandbox.send(new CaptureHold(accountId, holdId, e.requestId(), e.occurredAt(), e.resultCode(),
                            at), p);
                    return null;
                } catch (LedgerException refused) {
                    notes.add("hold " + holdId + " was " + refused.code() + " in the what-if; its call "
                            + e.requestId() + " is metered without it");
                }
            }
            try {
                sandbox.send(new MeterCall(accountId, e.requestId(), e.service(), e.occurredAt(), e.resultCode(),
                        e.recordedAt()), p);
            } catch (LedgerException refused) {
                notes.add("call " + e.requestId() + " was refused in the what-if: " + refused.code() + " "
                        + refused.getMessage());
            }
            return null;
        }

        @Override
        public Void on(NegotiatedPriceAgreed e) {
            // the scenario's prices, agreed at the opening, stand in for every recorded one
            return replay(e.agreedAt(), scenario.negotiatedPrices() != null ? null : new AgreeNegotiatedPrice(
                    accountId, e.service(), e.unitPrice(), e.effectiveFrom(), e.agreedBy(), e.agreedAt()), policy());
        }

        @Override
        public Void on(AdjustmentRecorded e) {
            catchUp(e.at());
            try {
                sandbox.send(new RecordAdjustment(accountId, e.adjustmentId(), e.correctsMonth(), e.amount(),
                        e.reason(), e.requestId(), e.actor(), e.at()), policy());
            } catch (LedgerException refused) { // e.g. one for a month not yet begun, recorded before that rule
                notes.add("adjustment " + e.adjustmentId() + " was refused in the what-if: " + refused.code() + " "
                        + refused.getMessage());
            }
            return null;
        }

        @Override
        public Void on(StatementClosed e) {
            catchUp(e.closedAt());
            BillingPolicy p = policy(e.catalogVersion(), TierConvention.valueOf(e.tierConvention()), null, null);
            StatementFigures f = sandbox.account().figures(e.month(), p);
            try {
                sandbox.send(new CloseStatement(accountId, e.month(), e.closedAt(), e.actor()), p);
                closed.put(e.month(), new RatedMonth(e.month(), f, true, e.closedAt()));
            } catch (LedgerException open) {
                closed.put(e.month(), new RatedMonth(e.month(), f, false, null));
                notes.add("month " + e.month() + " stays open in the what-if: " + open.code() + " "
                        + open.getMessage());
            }
            return null;
        }

        @Override
        public Void on(HoldPlaced e) {
            return replay(e.placedAt(), new PlaceHold(accountId, e.holdId(), e.service(), e.requestedAt(),
                    e.placedAt()), policy(null, null, null, Duration.between(e.placedAt(), e.expiresAt())));
        }

        @Override
        public Void on(HoldCaptured e) {
            captureOfRequest.put(e.requestId(), e.holdId()); // captured by the CallMetered that follows
            return null;
        }

        @Override
        public Void on(HoldVoided e) {
            catchUp(e.voidedAt());
            release(new VoidHold(accountId, e.holdId(), e.voidedAt()));
            return null;
        }

        @Override
        public Void on(HoldExpired e) {
            catchUp(e.expiresAt());
            release(new ExpireHold(accountId, e.holdId(), e.expiresAt()));
            return null;
        }

        /** A hold the scenario refused has nothing to release. */
        private void release(Object command) {
            try {
                sandbox.send(command, policy());
            } catch (LedgerException nothingHeld) {
                notes.add("nothing to release in the what-if for " + command + ": " + nothingHeld.code());
            }
        }
    }
}
