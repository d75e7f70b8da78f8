package com.faceid.ledger.account;

import com.faceid.ledger.hold.CaptureHold;
import com.faceid.ledger.hold.ExpireHold;
import com.faceid.ledger.hold.ExpireHolds;
import com.faceid.ledger.hold.Hold;
import com.faceid.ledger.hold.HoldCaptured;
import com.faceid.ledger.hold.HoldExpired;
import com.faceid.ledger.hold.HoldPlaced;
import com.faceid.ledger.hold.HoldReceipt;
import com.faceid.ledger.hold.HoldOperation;
import com.faceid.ledger.hold.HoldResult;
import com.faceid.ledger.hold.SettleHolds;
import com.faceid.ledger.hold.HoldRegistry;
import com.faceid.ledger.hold.HoldStatus;
import com.faceid.ledger.hold.HoldVoided;
import com.faceid.ledger.hold.PlaceHold;
import com.faceid.ledger.hold.VoidHold;
import com.faceid.ledger.metering.BillableResults;
import com.faceid.ledger.metering.CallMetered;
import com.faceid.ledger.metering.CallTrace;
import com.faceid.ledger.metering.CallOutcome;
import com.faceid.ledger.metering.ChargedTo;
import com.faceid.ledger.metering.MeterCall;
import com.faceid.ledger.metering.MeterCalls;
import com.faceid.ledger.metering.MeteringResult;
import com.faceid.ledger.metering.MeteredCall;
import com.faceid.ledger.metering.MeteredRequests;
import com.faceid.ledger.metering.Settlement;
import com.faceid.ledger.prepaid.ActivateGrant;
import com.faceid.ledger.prepaid.BuyPackage;
import com.faceid.ledger.prepaid.FreeGrantActivated;
import com.faceid.ledger.prepaid.PackageExpiryReminded;
import com.faceid.ledger.prepaid.PackageUsageReminded;
import com.faceid.ledger.prepaid.RemindExpiry;
import com.faceid.ledger.statement.AdjustmentLine;
import com.faceid.ledger.statement.AdjustmentRecorded;
import com.faceid.ledger.statement.RecordAdjustment;
import com.faceid.ledger.prepaid.ExpirePackage;
import com.faceid.ledger.prepaid.FreeGrantIssued;
import com.faceid.ledger.prepaid.LedgerPackage;
import com.faceid.ledger.prepaid.PackageExpired;
import com.faceid.ledger.prepaid.PackageKind;
import com.faceid.ledger.prepaid.PackagePurchased;
import com.faceid.ledger.prepaid.PackageReceipt;
import com.faceid.ledger.prepaid.RequestRefund;
import com.faceid.ledger.pricing.BillingPolicy;
import com.faceid.ledger.pricing.Catalog;
import com.faceid.ledger.pricing.Money;
import com.faceid.ledger.pricing.Service;
import com.faceid.ledger.statement.AgreeNegotiatedPrice;
import com.faceid.ledger.statement.CloseStatement;
import com.faceid.ledger.statement.NegotiatedPriceAgreed;
import com.faceid.ledger.statement.NegotiatedPrices;
import com.faceid.ledger.statement.PurchaseLine;
import com.faceid.ledger.statement.ServiceUsage;
import com.faceid.ledger.statement.StatementCalculator;
import com.faceid.ledger.statement.StatementClosed;
import com.faceid.ledger.statement.StatementFigures;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import com.faceid.ledger.statement.AdjustmentReceipt;
import java.util.Comparator;
import java.util.Objects;
import java.util.function.Function;

/**
 * One customer account of the face-verification API: its packages, its open months and its prices.
 * <p>
 * Command handlers check the rules and apply events; only event-sourcing handlers change state.
 * The state is bounded: packages (one per purchase, plus three grants), counters of months not yet
 * closed, negotiated prices. Nothing here grows with the number of calls: request-id idempotency lives
 * in {@link MeteredRequests}, a table outside the aggregate.
 * <p>
 * Every decision depends on the events and the instant the ledger clock gave the command, never on whether
 * a time-driven step (grant activation, expiry, reminder, month close) has run yet (billing-rules §9): a
 * month past its close deadline refuses calls whether or not its close is recorded, and a package past its
 * expiry pays for nothing recorded after that instant whether or not its expiry is recorded.
 * <p>
 * The snapshot's revision is that of this class ({@code @Revision}); a snapshot of another revision is
 * ignored (Axon's revision snapshot filter) and the account rebuilt from its events.
 */
@Revision("3") // 3: usageReminded (usage reminders count held units, so use can go down)
public class Account {
    @AggregateIdentifier
    private String accountId;
    private Instant openedAt;
    private ZoneId zone;
    private boolean postpaidEnabled;
    /** Every month up to and including this one is closed. */
    private YearMonth closedThrough;
    private Map<String, LedgerPackage> packages = new LinkedHashMap<>();
    private Map<String, String> packageByPurchaseId = new HashMap<>();
    private int purchaseCount;
    private TreeMap<YearMonth, Map<Service, ServiceUsage>> openUsage = new TreeMap<>();
    private TreeMap<YearMonth, List<PurchaseLine>> openPurchases = new TreeMap<>();
    private NegotiatedPrices negotiated = new NegotiatedPrices();
    private TreeMap<YearMonth, List<AdjustmentLine>> openAdjustments = new TreeMap<>();
    /** Holds still held (not captured, voided or recorded as expired); finished ones are in the HoldRegistry. */
    private Map<String, Hold> openHolds = new LinkedHashMap<>();
    /**
     * The highest usage threshold (50/70/90 %) reminded per package: held units count as used, and a voided
     * hold gives its unit back, so use can fall below a threshold and cross it again; it is reminded once.
     */
    private Map<String, Integer> usageReminded = new HashMap<>();
    /** adjustmentId → the adjustment as recorded (operator actions: few): a repeat is answered from it. */
    private Map<String, AdjustmentRecorded> adjustments = new HashMap<>();

    protected Account() {
        // for Axon and for snapshot deserialisation
    }

    // ------------------------------------------------------------------ opening

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(OpenAccount cmd, BillingPolicy policy) {
        if (accountId != null) {
            throw new LedgerException(ErrorCode.ACCOUNT_EXISTS, "account " + cmd.accountId() + " already exists");
        }
        require(cmd.openedAt() != null, "openedAt is required");
        Instant now = cmd.recordedAt() == null ? cmd.openedAt() : cmd.recordedAt();
        ZoneId billingZone = cmd.zone() == null ? BillingCalendar.DEFAULT_ZONE : ZoneId.of(cmd.zone());
        BillingCalendar cal = new BillingCalendar(billingZone);
        // §9: never after the clock, and never into a month that no longer accepts calls
        if (cmd.openedAt().isAfter(now)) {
            throw new LedgerException(ErrorCode.TIMESTAMP_IN_FUTURE, "openedAt " + cmd.openedAt()
                    + " is after the ledger clock (" + now + "): an account is opened now or in the past");
        }
        YearMonth openingMonth = cal.monthOf(cmd.openedAt());
        if (!now.isBefore(cal.closeDeadline(openingMonth, policy.closeGrace()))) {
            throw new LedgerException(ErrorCode.PERIOD_CLOSED, "openedAt " + cmd.openedAt() + " falls in "
                    + openingMonth + ", which stopped accepting calls at "
                    + cal.closeDeadline(openingMonth, policy.closeGrace()) + "; open the account in "
                    + firstMonthAcceptingCalls(cal, now, policy) + " or later");
        }
        apply(new AccountOpened(cmd.accountId(), cmd.openedAt(), billingZone.getId(), cmd.postpaidEnabled()));
        // §2: one free package per listed service, once per account, usable from 00:00 the next day.
        Catalog catalog = policy.catalogs().inForceOn(cal.dayOf(cmd.openedAt()));
        Instant from = cal.grantEffectiveFrom(cmd.openedAt());
        for (Service s : catalog.freeGrantServices()) {
            apply(new FreeGrantIssued(cmd.accountId(), "FREE-" + s.name(), s, catalog.freeGrantSize(), from,
                    cal.oneYearAfter(from), catalog.version()));
        }
    }

    @CommandHandler
    public void handle(SwitchPostpaid cmd) {
        if (cmd.enabled() != postpaidEnabled) {
            apply(new PostpaidSwitched(accountId, cmd.enabled(), cmd.at(), cmd.actor()));
        }
    }

    // ------------------------------------------------------------------ packages

    @CommandHandler
    public PackageReceipt handle(BuyPackage cmd, BillingPolicy policy) {
        require(cmd.service() != null, "service is required");
        require(cmd.purchaseId() != null && !cmd.purchaseId().isBlank(), "purchaseId is required");
        require(cmd.purchasedAt() != null, "purchasedAt is required");
        String known = packageByPurchaseId.get(cmd.purchaseId());
        if (known != null) {
            LedgerPackage p = packages.get(known);
            if (p.service() != cmd.service() || p.size() != cmd.size()) {
                throw new LedgerException(ErrorCode.PURCHASE_ID_CONFLICT, "purchaseId " + cmd.purchaseId()
                        + " was used for " + p.size() + " x " + p.service() + " (package " + p.packageId() + ")");
            }
            return PackageReceipt.repeated(p);
        }
        YearMonth month = requireOpenAt(cmd.purchasedAt(), nowOr(cmd.recordedAt(), cmd.purchasedAt()), policy);
        BillingCalendar cal = calendar();
        Catalog catalog = policy.catalogs().inForceOn(cal.dayOf(cmd.purchasedAt()));
        BigDecimal price = catalog.packagePrice(cmd.service(), cmd.size()).orElseThrow(() -> new LedgerException(
                ErrorCode.PACKAGE_SIZE_NOT_SOLD, cmd.service() + " is not sold in packages of " + cmd.size()
                + (catalog.sellsPackages(cmd.service()) ? "; sizes sold: " + catalog.sizesSold(cmd.service())
                : "; it is postpaid only")));
        String packageId = String.format("PKG-%06d", purchaseCount + 1);
        apply(new PackagePurchased(accountId, packageId, cmd.purchaseId(), cmd.service(), cmd.size(), price,
                cmd.purchasedAt(), cal.oneYearAfter(cmd.purchasedAt()), month, catalog.version()));
        return PackageReceipt.newPurchase(packages.get(packageId));
    }

    @CommandHandler
    public void handle(RequestRefund cmd) {
        throw new LedgerException(ErrorCode.REFUND_NOT_ALLOWED,
                "prepaid packages are not refundable (billing rules §3: no refunds)");
    }

    @CommandHandler
    public void handle(ExpirePackage cmd) {
        LedgerPackage p = packages.get(cmd.packageId());
        if (p == null) {
            throw new LedgerException(ErrorCode.PACKAGE_NOT_FOUND, "no package " + cmd.packageId());
        }
        if (p.expired()) {
            return; // already expired: the scheduler may fire twice, the ledger records it once
        }
        if (cmd.at().isBefore(p.expiresAt())) {
            throw new LedgerException(ErrorCode.EXPIRY_NOT_DUE,
                    "package " + p.packageId() + " expires at " + p.expiresAt());
        }
        apply(new PackageExpired(accountId, p.packageId(), p.expiresAt(), p.remaining()));
    }

    @CommandHandler
    public void handle(ActivateGrant cmd) {
        LedgerPackage p = requirePackage(cmd.packageId());
        if (p.activated() || p.kind() != PackageKind.FREE) {
            return;
        }
        if (cmd.at().isBefore(p.effectiveFrom())) {
            throw new LedgerException(ErrorCode.NOT_DUE, p.packageId() + " becomes usable at " + p.effectiveFrom());
        }
        apply(new FreeGrantActivated(accountId, p.packageId(), p.effectiveFrom()));
    }

    @CommandHandler
    public void handle(RemindExpiry cmd) {
        LedgerPackage p = requirePackage(cmd.packageId());
        Instant due = calendar().daysBefore(p.expiresAt(), cmd.daysBefore());
        if (cmd.at().isBefore(due)) {
            throw new LedgerException(ErrorCode.NOT_DUE, "reminder " + cmd.daysBefore() + " days before "
                    + p.expiresAt() + " is not due");
        }
        // decided as of the instant it fell due, however late the scheduler runs it
        if (p.depletedBy(due) || p.expiryRemindedWithin(cmd.daysBefore())) {
            return; // nothing was left to lose then, or a reminder this close was already raised
        }
        apply(new PackageExpiryReminded(accountId, p.packageId(), cmd.daysBefore(), p.expiresAt(), p.remaining(),
                due)); // raised as of its due instant: the same reminder however late the scheduler is
    }

    // ------------------------------------------------------------------ metering

    @CommandHandler
    public CallOutcome handle(MeterCall cmd, BillingPolicy policy, MeteredRequests requests) {
        return meter(cmd, policy, id -> requests.find(accountId, id).orElse(null), new HashMap<>(), null, null);
    }

    /** Each call as a single MeterCall would be; a refused call fails alone (nothing applied for it). */
    @CommandHandler
    public List<MeteringResult> handle(MeterCalls cmd, BillingPolicy policy, MeteredRequests requests) {
        // one look-up of the whole batch's request ids, not one per call
        Map<String, MeteredCall> meteredBefore = requests.findAll(accountId, cmd.calls().stream()
                .map(MeterCall::requestId).filter(Objects::nonNull).distinct().toList());
        Map<String, MeteredCall> inThisBatch = new HashMap<>();
        List<MeteringResult> results = new ArrayList<>(cmd.calls().size());
        for (int i = 0; i < cmd.calls().size(); i++) {
            MeterCall call = cmd.calls().get(i);
            try {
                require(accountId.equals(call.accountId()), "call for another account in the batch");
                CallOutcome outcome = meter(call, policy, meteredBefore::get, inThisBatch, cmd.traceOf(i), null);
                // the payer's state was just applied: its remaining is the event's packageRemainingAfter
                LedgerPackage payer = outcome.packageId() == null ? null : packages.get(outcome.packageId());
                results.add(MeteringResult.ok(outcome, payer == null ? null : payer.remaining()));
            } catch (LedgerException e) {
                results.add(MeteringResult.refused(call.requestId(), e.code(), e.getMessage()));
            }
        }
        return results;
    }

    /**
     * @param meteredBefore the stored call of a requestId this account metered in an earlier unit of
     *                      work, or null ({@link MeteredRequests})
     * @param inThisUnit calls metered earlier in the same unit of work: the request table only sees them
     *                   when it commits, so a repeat within one batch is answered from here
     * @param trace      the call's own sender, when calls of several requests share this unit of work
     * @param reserved   the package a captured hold reserved a unit of, or null (§9 "Holds")
     */
    private CallOutcome meter(MeterCall cmd, BillingPolicy policy,
                              Function<String, MeteredCall> meteredBefore,
                              Map<String, MeteredCall> inThisUnit, CallTrace trace, String reserved) {
        require(cmd.requestId() != null && !cmd.requestId().isBlank(), "requestId is required");
        require(cmd.service() != null, "service is required");
        require(cmd.recordedAt() != null || cmd.occurredAt() != null, "occurredAt or recordedAt is required");
        MeteredCall repeated = inThisUnit.get(cmd.requestId());
        if (repeated == null) {
            repeated = meteredBefore.apply(cmd.requestId());
        }
        if (repeated != null) {
            // §9: an id binds its content; the same id for another call is refused, not answered as a repeat
            if (!repeated.sameContentAs(cmd)) {
                throw new LedgerException(ErrorCode.REQUEST_ID_CONFLICT, "requestId " + cmd.requestId()
                        + " was metered for " + repeated.describe() + "; a repeat must carry the same service,"
                        + " occurredAt and resultCode");
            }
            return repeated.outcome().asDuplicate();
        }
        Instant now = nowOr(cmd.recordedAt(), cmd.occurredAt());
        Instant occurredAt = cmd.occurredAt() == null ? now : cmd.occurredAt();
        YearMonth month = requireOpenAt(occurredAt, now, policy);
        String result = BillableResults.effectiveResult(cmd.resultCode());
        boolean billable = policy.billableResults().isBillable(result);
        ChargedTo chargedTo = ChargedTo.NONE;
        LedgerPackage payer = null;
        if (billable) {
            LedgerPackage held = reserved == null ? null : packages.get(reserved);
            payer = held != null && held.canPay(cmd.service(), occurredAt, now) ? held // the unit held for it
                    : Settlement.payer(available(now), cmd.service(), occurredAt, now)
                    .map(p -> packages.get(p.packageId())).orElse(null); // its real remaining, not the available
            if (payer != null) {
                chargedTo = payer.kind() == PackageKind.FREE ? ChargedTo.FREE : ChargedTo.PURCHASED;
            } else {
                chargedTo = postpaidEnabled ? ChargedTo.POSTPAID : ChargedTo.REFUSED;
            }
        }
        long postpaidBefore = usage(month, cmd.service()).map(u -> u.postpaid).orElse(0L);
        CallMetered event = new CallMetered(accountId, cmd.requestId(), cmd.service(), occurredAt,
                cmd.recordedAt(), result, billable, chargedTo, payer == null ? null : payer.packageId(),
                payer == null ? null : payer.remaining() - 1, month,
                postpaidBefore + (chargedTo == ChargedTo.POSTPAID ? 1 : 0));
        MetaData sender = senderOf(trace);
        apply(event, sender);
        if (payer != null) {
            int usedBefore = payer.size() - payer.remaining();
            int heldByOthers = heldOn(payer.packageId(), now);
            // a captured hold's unit was counted when it was held: its charge moves nothing but depletion
            int counted = payer.packageId().equals(reserved) ? 1 : 0;
            for (int percent : usageCrossed(policy, payer.packageId(), payer.size(), usedBefore, usedBefore + 1,
                    heldByOthers + counted, heldByOthers)) {
                apply(new PackageUsageReminded(accountId, payer.packageId(), percent,
                        percent == 100 ? usedBefore + 1 : usedBefore + 1 + heldByOthers, payer.size(),
                        cmd.requestId(), cmd.recordedAt()), sender);
            }
        }
        inThisUnit.put(cmd.requestId(), MeteredCall.of(event));
        return CallOutcome.of(event);
    }

    // ------------------------------------------------------------------ holds (§9): ask before serving

    @CommandHandler
    public HoldReceipt handle(PlaceHold cmd, BillingPolicy policy, HoldRegistry holds, MeteredRequests requests) {
        return place(cmd, policy, new Decided(holds, requests), null);
    }

    /**
     * Meters the call a hold was asked for: a billable result is paid by the held unit (if its package can
     * still pay for the call; else it is settled afresh), a non-billable one releases it. A repeat answers the
     * first outcome; a hold voided, expired (by the clock, recorded or not) or refused cannot be captured.
     */
    @CommandHandler
    public CallOutcome handle(CaptureHold cmd, BillingPolicy policy, HoldRegistry holds, MeteredRequests requests) {
        return capture(cmd, policy, new Decided(holds, requests), null);
    }

    @CommandHandler
    public HoldReceipt handle(VoidHold cmd, HoldRegistry holds, MeteredRequests requests) {
        return voidHold(cmd, new Decided(holds, requests), null);
    }

    /**
     * Group commit for holds: each operation decided as its own command would be, in list order, in this one
     * unit of work. One the rules refuse fails alone: every check comes before its first event.
     */
    @CommandHandler
    public List<HoldResult> handle(SettleHolds cmd, BillingPolicy policy, HoldRegistry holds,
                                   MeteredRequests requests) {
        Decided decided = new Decided(holds, requests);
        List<HoldResult> results = new ArrayList<>(cmd.operations().size());
        for (int i = 0; i < cmd.operations().size(); i++) {
            HoldOperation op = cmd.operations().get(i);
            CallTrace trace = cmd.traceOf(i);
            try {
                require(accountId.equals(op.accountId()), "operation for another account in the group");
                if (op instanceof PlaceHold place) {
                    results.add(HoldResult.of(place(place, policy, decided, trace)));
                } else if (op instanceof CaptureHold capture) {
                    results.add(HoldResult.of(capture(capture, policy, decided, trace)));
                } else { // sealed: the only other operation
                    results.add(HoldResult.of(voidHold((VoidHold) op, decided, trace)));
                }
            } catch (LedgerException e) {
                results.add(HoldResult.refused(e.code(), e.getMessage()));
            }
        }
        return results;
    }

    @CommandHandler
    public void handle(ExpireHold cmd) {
        Hold hold = openHolds.get(cmd.holdId());
        if (hold == null) {
            return; // captured, voided or already expired: nothing to do
        }
        if (cmd.at().isBefore(hold.expiresAt())) {
            throw new LedgerException(ErrorCode.NOT_DUE, "hold " + cmd.holdId() + " expires at " + hold.expiresAt());
        }
        apply(new HoldExpired(accountId, cmd.holdId(), hold.expiresAt()));
    }

    /** Every hold past its expiry at {@code at}, expired; answers the next expiry of a hold still held, or null. */
    @CommandHandler
    public Instant handle(ExpireHolds cmd) {
        require(cmd.at() != null, "at is required");
        List<Hold> due = openHolds.values().stream().filter(h -> !cmd.at().isBefore(h.expiresAt()))
                .sorted(Comparator.comparing(Hold::expiresAt)).toList();
        for (Hold h : due) {
            apply(new HoldExpired(accountId, h.holdId(), h.expiresAt()));
        }
        return openHolds.values().stream().map(Hold::expiresAt).min(Instant::compareTo).orElse(null);
    }

    private HoldReceipt place(PlaceHold cmd, BillingPolicy policy, Decided decided, CallTrace trace) {
        require(cmd.holdId() != null && !cmd.holdId().isBlank(), "holdId is required");
        require(cmd.service() != null, "service is required");
        require(cmd.recordedAt() != null, "recordedAt is required");
        Instant now = cmd.recordedAt();
        Instant requestedAt = cmd.requestedAt() == null ? now : cmd.requestedAt();
        Hold known = decided.hold(cmd.holdId());
        if (known != null) {
            if (known.service() != cmd.service()
                    || (cmd.requestedAt() != null && !known.requestedAt().equals(cmd.requestedAt()))) {
                throw new LedgerException(ErrorCode.HOLD_ID_CONFLICT, "holdId " + cmd.holdId() + " was placed for "
                        + known.service() + " at " + known.requestedAt());
            }
            return new HoldReceipt(known.with(known.statusAt(now), known.requestId()), true);
        }
        if (requestedAt.isBefore(openedAt)) {
            throw new LedgerException(ErrorCode.BEFORE_ACCOUNT_OPENED,
                    requestedAt + " is before the account was opened (" + openedAt + ")");
        }
        LedgerPackage payer = Settlement.payer(available(now), cmd.service(), requestedAt, now).orElse(null);
        HoldStatus status = payer != null || postpaidEnabled ? HoldStatus.HELD : HoldStatus.REFUSED;
        ChargedTo source = payer != null ? (payer.kind() == PackageKind.FREE ? ChargedTo.FREE : ChargedTo.PURCHASED)
                : postpaidEnabled ? ChargedTo.POSTPAID : null;
        HoldPlaced placed = new HoldPlaced(accountId, cmd.holdId(), cmd.service(), status, source,
                payer == null ? null : payer.packageId(), requestedAt, now, now.plus(policy.holdTtl()));
        int heldBefore = payer == null ? 0 : heldOn(payer.packageId(), now);
        MetaData sender = senderOf(trace);
        apply(placed, sender);
        decided.holds.put(cmd.holdId(), Hold.of(placed));
        if (payer != null) { // the held unit counts as used for the usage reminders (not for depletion)
            LedgerPackage p = packages.get(payer.packageId());
            int used = p.size() - p.remaining();
            for (int percent : usageCrossed(policy, p.packageId(), p.size(), used, used, heldBefore,
                    heldBefore + 1)) {
                apply(new PackageUsageReminded(accountId, p.packageId(), percent, used + heldBefore + 1, p.size(),
                        null, now), sender);
            }
        }
        return new HoldReceipt(Hold.of(placed), false);
    }

    private CallOutcome capture(CaptureHold cmd, BillingPolicy policy, Decided decided, CallTrace trace) {
        require(cmd.holdId() != null && !cmd.holdId().isBlank(), "holdId is required");
        require(cmd.requestId() != null && !cmd.requestId().isBlank(), "requestId is required");
        require(cmd.recordedAt() != null, "recordedAt is required");
        Instant now = cmd.recordedAt();
        Hold hold = decided.hold(cmd.holdId());
        if (hold == null) {
            throw new LedgerException(ErrorCode.HOLD_NOT_FOUND, "no hold " + cmd.holdId());
        }
        switch (hold.statusAt(now)) {
            case CAPTURED -> {
                if (!cmd.requestId().equals(hold.requestId())) {
                    throw new LedgerException(ErrorCode.HOLD_ID_CONFLICT, "hold " + cmd.holdId()
                            + " was captured as call " + hold.requestId());
                }
                MeteredCall first = decided.call(cmd.requestId());
                if (first == null) {
                    throw new LedgerException(ErrorCode.HOLD_CAPTURED, "hold " + cmd.holdId() + " is captured");
                }
                // §9: a repeat binds its content as a call's does; another result code or time is not a repeat
                if (!first.sameContentAs(new MeterCall(accountId, cmd.requestId(), hold.service(), cmd.occurredAt(),
                        cmd.resultCode(), now))) {
                    throw new LedgerException(ErrorCode.REQUEST_ID_CONFLICT, "hold " + cmd.holdId()
                            + " was captured as " + first.describe() + "; a repeat must carry the same occurredAt"
                            + " and resultCode");
                }
                return first.outcome().asDuplicate();
            }
            case VOIDED -> throw new LedgerException(ErrorCode.HOLD_VOIDED, "hold " + cmd.holdId() + " was voided");
            case EXPIRED -> throw new LedgerException(ErrorCode.HOLD_EXPIRED, "hold " + cmd.holdId()
                    + " expired at " + hold.expiresAt());
            case REFUSED -> throw new LedgerException(ErrorCode.HOLD_REFUSED, "hold " + cmd.holdId()
                    + " was refused: nothing was held, the call must not be served");
            case HELD -> {
                // decided below
            }
        }
        MeteredCall metered = decided.call(cmd.requestId());
        if (metered != null) { // the requestId already stands for another call
            throw new LedgerException(ErrorCode.REQUEST_ID_CONFLICT, "requestId " + cmd.requestId()
                    + " was metered for " + metered.describe() + "; a capture needs a requestId of its own");
        }
        // the call's own checks before the hold is marked captured: a refused capture leaves no event
        requireOpenAt(cmd.occurredAt() == null ? now : cmd.occurredAt(), now, policy);
        apply(new HoldCaptured(accountId, cmd.holdId(), cmd.requestId(), now), senderOf(trace));
        decided.holds.put(cmd.holdId(), hold.with(HoldStatus.CAPTURED, cmd.requestId()));
        MeterCall call = new MeterCall(accountId, cmd.requestId(), hold.service(), cmd.occurredAt(),
                cmd.resultCode(), now);
        return meter(call, policy, id -> null, decided.calls, trace, hold.packageId());
    }

    private HoldReceipt voidHold(VoidHold cmd, Decided decided, CallTrace trace) {
        require(cmd.holdId() != null && !cmd.holdId().isBlank(), "holdId is required");
        require(cmd.at() != null, "at is required");
        Hold hold = decided.hold(cmd.holdId());
        if (hold == null) {
            throw new LedgerException(ErrorCode.HOLD_NOT_FOUND, "no hold " + cmd.holdId());
        }
        switch (hold.statusAt(cmd.at())) {
            case VOIDED -> {
                return new HoldReceipt(hold, true);
            }
            case CAPTURED -> throw new LedgerException(ErrorCode.HOLD_CAPTURED, "hold " + cmd.holdId()
                    + " was captured as call " + hold.requestId());
            case EXPIRED -> throw new LedgerException(ErrorCode.HOLD_EXPIRED, "hold " + cmd.holdId()
                    + " expired at " + hold.expiresAt());
            case REFUSED -> throw new LedgerException(ErrorCode.HOLD_REFUSED, "hold " + cmd.holdId()
                    + " was refused: nothing was held");
            case HELD -> {
                // voided below
            }
        }
        apply(new HoldVoided(accountId, cmd.holdId(), cmd.at()), senderOf(trace));
        Hold voided = hold.with(HoldStatus.VOIDED, null);
        decided.holds.put(cmd.holdId(), voided);
        return new HoldReceipt(voided, false);
    }

    /**
     * What this unit of work knows of holds and requestIds. The registries are written when the unit commits,
     * so a hold or call decided earlier in the same unit (group commit) is answered from here first; a hold
     * still held is the aggregate's own.
     */
    private final class Decided {
        final Map<String, Hold> holds = new HashMap<>();
        final Map<String, MeteredCall> calls = new HashMap<>();
        private final HoldRegistry holdRegistry;
        private final MeteredRequests requestRegistry;

        Decided(HoldRegistry holdRegistry, MeteredRequests requestRegistry) {
            this.holdRegistry = holdRegistry;
            this.requestRegistry = requestRegistry;
        }

        Hold hold(String holdId) {
            Hold open = openHolds.get(holdId);
            if (open != null) {
                return open;
            }
            Hold here = holds.get(holdId);
            return here != null ? here : holdRegistry.find(accountId, holdId).orElse(null);
        }

        MeteredCall call(String requestId) {
            MeteredCall here = calls.get(requestId);
            return here != null ? here : requestRegistry.find(accountId, requestId).orElse(null);
        }
    }

    // ------------------------------------------------------------------ statements and prices

    @CommandHandler
    public void handle(AgreeNegotiatedPrice cmd, BillingPolicy policy) {
        require(cmd.service() != null && cmd.effectiveFrom() != null, "service and effectiveFrom are required");
        require(cmd.unitPrice() != null && cmd.unitPrice().signum() > 0, "unitPrice must be positive");
        require(cmd.unitPrice().stripTrailingZeros().scale() <= 4, "unitPrice has at most 4 decimals");
        require(cmd.agreedBy() != null && !cmd.agreedBy().isBlank(), "agreedBy is required");
        require(cmd.agreedAt() != null, "agreedAt is required");
        // §9: a month past its close deadline counts as closed (whether or not its close is recorded yet),
        // unless it awaits a negotiated price: such a month cannot close until it gets one
        if (!cmd.effectiveFrom().isAfter(closedThrough) || (!acceptsCalls(cmd.effectiveFrom(), cmd.agreedAt(), policy)
                && !figures(cmd.effectiveFrom(), policy).awaitingPrice())) {
            throw new LedgerException(ErrorCode.PERIOD_CLOSED, "month " + cmd.effectiveFrom()
                    + " is closed; a negotiated price can only apply from "
                    + firstMonthAcceptingCalls(calendar(), cmd.agreedAt(), policy) + " or from a month awaiting one");
        }
        apply(new NegotiatedPriceAgreed(accountId, cmd.service(), cmd.unitPrice(), cmd.effectiveFrom(),
                cmd.agreedBy(), cmd.agreedAt()));
    }

    /**
     * Records a credit or debit on {@code month}'s statement, or, when that month is closed, on the first
     * open month, naming the month it corrects. A month past its close deadline counts as closed, whether or
     * not its close is recorded yet. Answers the adjustment as recorded; a repeated id with the same content
     * answers the stored adjustment and changes nothing, with other content it is refused (§9).
     */
    @CommandHandler
    public AdjustmentReceipt handle(RecordAdjustment cmd, BillingPolicy policy) {
        require(cmd.adjustmentId() != null && !cmd.adjustmentId().isBlank(), "adjustmentId is required");
        require(cmd.month() != null, "month is required");
        require(cmd.amount() != null, "amount is required");
        AdjustmentRecorded known = adjustments.get(cmd.adjustmentId());
        if (known != null) {
            if (!known.correctsMonth().equals(cmd.month()) || known.amount().compareTo(cmd.amount()) != 0
                    || !known.reason().equals(cmd.reason())
                    || !Objects.equals(known.requestId(), cmd.requestId())) {
                throw new LedgerException(ErrorCode.ADJUSTMENT_ID_CONFLICT, "adjustmentId " + cmd.adjustmentId()
                        + " was recorded as " + known.amount() + " for " + known.correctsMonth()
                        + (known.requestId() == null ? "" : " (call " + known.requestId() + ")")
                        + "; a repeat must carry the same month, amount, reason and requestId");
            }
            return new AdjustmentReceipt(known, true);
        }
        require(cmd.amount().signum() != 0, "amount must be a non-zero credit or debit");
        require(cmd.amount().stripTrailingZeros().scale() <= 2, "amount has at most 2 decimals (fen)");
        require(cmd.amount().abs().compareTo(new BigDecimal("100000000")) <= 0, "amount is at most 100000000.00");
        require(cmd.reason() != null && !cmd.reason().isBlank(), "reason is required");
        require(cmd.actor() != null && !cmd.actor().isBlank(), "actor is required");
        require(cmd.at() != null, "at is required");
        // an adjustment corrects what a month charged: a month before the opening or not yet begun charged nothing
        calendar().requireLived(cmd.month(), openedAt, cmd.at());
        YearMonth target = cmd.month().isAfter(closedThrough) ? cmd.month() : closedThrough.plusMonths(1);
        if (!acceptsCalls(target, cmd.at(), policy)) {
            YearMonth first = firstMonthAcceptingCalls(calendar(), cmd.at(), policy);
            target = first.isAfter(target) ? first : target;
        }
        AdjustmentRecorded recorded = new AdjustmentRecorded(accountId, cmd.adjustmentId(), target, cmd.month(),
                cmd.amount(), cmd.reason(), cmd.requestId(), cmd.actor(), cmd.at());
        apply(recorded);
        return new AdjustmentReceipt(recorded, false);
    }

    /** Closes the month and every earlier open month, in order; answers the months it closed. */
    @CommandHandler
    public List<YearMonth> handle(CloseStatement cmd, BillingPolicy policy) {
        require(cmd.month() != null && cmd.closedAt() != null, "month and closedAt are required");
        calendar().requireOpenedBy(cmd.month(), openedAt); // a month before the opening has no statement to close
        if (!cmd.month().isAfter(closedThrough)) {
            return List.of(); // already closed: closing is idempotent
        }
        if (cmd.closedAt().isBefore(calendar().monthEnd(cmd.month()))) {
            throw new LedgerException(ErrorCode.PERIOD_NOT_OVER, "month " + cmd.month() + " is not over yet");
        }
        List<StatementFigures> toClose = new ArrayList<>();
        for (YearMonth m = closedThrough.plusMonths(1); !m.isAfter(cmd.month()); m = m.plusMonths(1)) {
            StatementFigures f = figures(m, policy);
            if (f.awaitingPrice()) {
                throw new LedgerException(ErrorCode.AWAITING_PRICE, "month " + m
                        + " reaches the top (联系商务) tier without a negotiated price for "
                        + f.lines().stream().filter(l -> l.awaitingPrice()).map(l -> l.service().name()).toList());
            }
            toClose.add(f);
        }
        // a month past its deadline is closed as of its deadline, whoever records the close and however late
        // (§9): the statement reads the same before and after the close is recorded
        BillingCalendar cal = calendar();
        toClose.forEach(f -> {
            Instant deadline = cal.closeDeadline(f.month(), policy.closeGrace());
            apply(StatementClosed.of(accountId, f, cmd.closedAt().isAfter(deadline) ? deadline : cmd.closedAt(),
                    cmd.actor()));
        });
        return toClose.stream().map(StatementFigures::month).toList();
    }

    /** The figures of a month not yet closed, as they stand (also the running estimate). */
    public StatementFigures figures(YearMonth month, BillingPolicy policy) {
        return StatementCalculator.compute(month, openUsage.getOrDefault(month, Map.of()),
                openPurchases.getOrDefault(month, List.of()), policy.catalogs().inForceFor(month), policy.pricer(),
                s -> negotiated.priceFor(s, month), openAdjustments.getOrDefault(month, List.of()));
    }

    // ------------------------------------------------------------------ event sourcing

    @EventSourcingHandler
    void on(AccountOpened e) {
        accountId = e.accountId();
        openedAt = e.openedAt();
        zone = ZoneId.of(e.zone());
        postpaidEnabled = e.postpaidEnabled();
        closedThrough = calendar().monthOf(e.openedAt()).minusMonths(1);
    }

    @EventSourcingHandler
    void on(FreeGrantIssued e) {
        packages.put(e.packageId(), new LedgerPackage(e.packageId(), PackageKind.FREE, null, e.service(), e.size(),
                Money.ZERO, e.effectiveFrom(), e.expiresAt(), e.size(), false));
    }

    @EventSourcingHandler
    void on(PostpaidSwitched e) {
        postpaidEnabled = e.enabled();
    }

    @EventSourcingHandler
    void on(PackagePurchased e) {
        purchaseCount++;
        packages.put(e.packageId(), new LedgerPackage(e.packageId(), PackageKind.PURCHASED, e.purchaseId(),
                e.service(), e.size(), e.price(), e.purchasedAt(), e.expiresAt(), e.size(), false));
        packageByPurchaseId.put(e.purchaseId(), e.packageId());
        openPurchases.computeIfAbsent(e.month(), m -> new ArrayList<>())
                .add(new PurchaseLine(e.packageId(), e.service(), e.size(), e.price(), e.purchasedAt()));
    }

    @EventSourcingHandler
    void on(PackageExpired e) {
        packages.computeIfPresent(e.packageId(), (id, p) -> p.asExpired());
    }

    @EventSourcingHandler
    void on(CallMetered e) {
        if (e.packageId() != null) {
            packages.computeIfPresent(e.packageId(), (id, p) -> p.withRemaining(e.packageRemainingAfter(),
                    e.recordedAt() == null ? e.occurredAt() : e.recordedAt()));
        }
        openUsage.computeIfAbsent(e.month(), m -> new EnumMap<>(Service.class))
                .computeIfAbsent(e.service(), s -> new ServiceUsage())
                .count(e.billable(), e.chargedTo());
    }

    @EventSourcingHandler
    void on(FreeGrantActivated e) {
        packages.computeIfPresent(e.packageId(), (id, p) -> p.asActivated());
    }

    @EventSourcingHandler
    void on(PackageUsageReminded e) {
        if (!e.depleted()) {
            usageReminded.merge(e.packageId(), e.percent(), Math::max);
        }
    }

    @EventSourcingHandler
    void on(PackageExpiryReminded e) {
        packages.computeIfPresent(e.packageId(), (id, p) -> p.remindedOfExpiry(e.daysBefore()));
    }

    @EventSourcingHandler
    void on(AdjustmentRecorded e) {
        adjustments.put(e.adjustmentId(), e);
        openAdjustments.computeIfAbsent(e.month(), m -> new ArrayList<>()).add(AdjustmentLine.of(e));
    }

    @EventSourcingHandler
    void on(NegotiatedPriceAgreed e) {
        negotiated.record(e);
    }

    @EventSourcingHandler
    void on(HoldPlaced e) {
        if (e.status() == HoldStatus.HELD) {
            openHolds.put(e.holdId(), Hold.of(e));
        }
    }

    @EventSourcingHandler
    void on(HoldCaptured e) {
        openHolds.remove(e.holdId());
    }

    @EventSourcingHandler
    void on(HoldVoided e) {
        openHolds.remove(e.holdId());
    }

    @EventSourcingHandler
    void on(HoldExpired e) {
        openHolds.remove(e.holdId());
    }

    @EventSourcingHandler
    void on(StatementClosed e) {
        closedThrough = e.month();
        openUsage.remove(e.month());
        openPurchases.remove(e.month());
        openAdjustments.remove(e.month());
    }

    // ------------------------------------------------------------------ helpers

    private BillingCalendar calendar() {
        return new BillingCalendar(zone);
    }

    /**
     * The billing month of {@code t}, provided the account was open then and that month still accepts
     * calls at {@code now}: not closed, and not past its close deadline (§9: whether or not the close has
     * been recorded yet).
     */
    private YearMonth requireOpenAt(Instant t, Instant now, BillingPolicy policy) {
        if (t.isBefore(openedAt)) {
            throw new LedgerException(ErrorCode.BEFORE_ACCOUNT_OPENED,
                    t + " is before the account was opened (" + openedAt + ")");
        }
        YearMonth month = calendar().monthOf(t);
        // the deadline first: the same answer whether or not the scheduler has recorded the close yet
        if (!acceptsCalls(month, now, policy)) {
            throw new LedgerException(ErrorCode.PERIOD_CLOSED, "month " + month + " stopped accepting calls at "
                    + calendar().closeDeadline(month, policy.closeGrace()) + " (its end plus the close grace)");
        }
        if (!month.isAfter(closedThrough)) {
            throw new LedgerException(ErrorCode.PERIOD_CLOSED, "month " + month + " was closed early by an operator");
        }
        return month;
    }

    /** Units of a package that holds alive at {@code now} reserve. */
    private int heldOn(String packageId, Instant now) {
        return (int) openHolds.values().stream().filter(h -> h.reserves(packageId, now)).count();
    }

    /**
     * The usage reminders a change of a package crosses. The 50/70/90 % thresholds count held units as used
     * (what is left to use is what the customer must plan with); depletion (100) counts only calls paid, since a
     * voided hold gives its unit back and a depleted package is one that can pay for nothing any more.
     */
    private List<Integer> usageCrossed(BillingPolicy policy, String packageId, int size, int usedBefore,
                                       int usedAfter, int heldBefore, int heldAfter) {
        List<Integer> out = new ArrayList<>();
        int reminded = usageReminded.getOrDefault(packageId, 0);
        for (int percent : policy.reminders().crossed(size, usedBefore + heldBefore, usedAfter + heldAfter)) {
            if (percent != 100 && percent > reminded) {
                out.add(percent);
            }
        }
        if (policy.reminders().crossed(size, usedBefore, usedAfter).contains(100)) {
            out.add(100);
        }
        return out;
    }

    /**
     * The packages as they can pay at {@code now}: each one's remaining less the units that holds still alive
     * at {@code now} reserve (§9 "Holds": a held unit pays for nothing else while the hold lives).
     */
    private Collection<LedgerPackage> available(Instant now) {
        if (openHolds.isEmpty()) {
            return packages.values();
        }
        List<LedgerPackage> out = new ArrayList<>(packages.size());
        for (LedgerPackage p : packages.values()) {
            int held = (int) openHolds.values().stream().filter(h -> h.reserves(p.packageId(), now)).count();
            out.add(held == 0 ? p : p.withRemaining(Math.max(0, p.remaining() - held), p.depletedAt()));
        }
        return out;
    }

    /** Does {@code month} still accept calls at {@code now}: is the clock before its close deadline? */
    private boolean acceptsCalls(YearMonth month, Instant now, BillingPolicy policy) {
        return now.isBefore(calendar().closeDeadline(month, policy.closeGrace()));
    }

    /** The earliest month whose close deadline is after {@code now} (its end is after now minus the grace). */
    private static YearMonth firstMonthAcceptingCalls(BillingCalendar cal, Instant now, BillingPolicy policy) {
        return cal.monthOf(now.minus(policy.closeGrace()));
    }

    /** The ledger clock's instant of a command, or {@code fallback} for commands that name none (tests). */
    private static Instant nowOr(Instant recordedAt, Instant fallback) {
        return recordedAt == null ? fallback : recordedAt;
    }

    private LedgerPackage requirePackage(String packageId) {
        LedgerPackage p = packages.get(packageId);
        if (p == null) {
            throw new LedgerException(ErrorCode.PACKAGE_NOT_FOUND, "no package " + packageId);
        }
        return p;
    }

    private Optional<ServiceUsage> usage(YearMonth month, Service service) {
        return Optional.ofNullable(openUsage.get(month)).map(m -> m.get(service));
    }

    /** The sender of one operation of a group, recorded in its events' metadata; none: the command's own. */
    private static MetaData senderOf(CallTrace trace) {
        return trace == null ? MetaData.emptyInstance()
                : MetaData.with(EventMetadata.ACTOR, trace.actor()).and(EventMetadata.CORRELATION_ID, trace.correlationId());
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new LedgerException(ErrorCode.VALIDATION_FAILED, message);
        }
    }

    // ------------------------------------------------------------------ read access for tests and receipts

    public String accountId() {
        return accountId;
    }

    public Collection<LedgerPackage> packages() {
        return List.copyOf(packages.values());
    }

    public YearMonth closedThrough() {
        return closedThrough;
    }
}
