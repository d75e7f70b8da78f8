package com.faceid.ledger.account;

import com.faceid.ledger.error.ErrorCode;
import com.faceid.ledger.error.LedgerException;
import com.faceid.ledger.event.AdjustmentLine;
import com.faceid.ledger.event.AdjustmentRecorded;
import com.faceid.ledger.event.CallMetered;
import com.faceid.ledger.event.Limits;
import com.faceid.ledger.event.NegotiatedPriceAgreed;
import com.faceid.ledger.event.PackagePurchased;
import com.faceid.ledger.event.PurchaseLine;
import com.faceid.ledger.event.Service;
import com.faceid.ledger.event.StatementClosed;
import com.faceid.ledger.pricing.BillingPolicy;
import com.faceid.ledger.statement.AdjustmentReceipt;
import com.faceid.ledger.statement.AgreeNegotiatedPrice;
import com.faceid.ledger.statement.CloseStatement;
import com.faceid.ledger.statement.NegotiatedPrices;
import com.faceid.ledger.statement.RecordAdjustment;
import com.faceid.ledger.statement.ServiceUsage;
import com.faceid.ledger.statement.StatementCalculator;
import com.faceid.ledger.statement.StatementFigures;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import static com.faceid.ledger.account.Account.require;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The account's months: which are closed, what the open ones hold so far (usage counters, purchases,
 * adjustments), the negotiated prices; closing a month, agreeing a price, recording an adjustment, and whether
 * a month still accepts calls (billing-rules §6, §7, §9). A part of {@link Account}: it decides with the
 * account's facts and keeps its own state, changed only by the events it is handed.
 */
final class Months {
    /** Every month up to and including this one is closed. */
    private YearMonth closedThrough;
    private TreeMap<YearMonth, Map<Service, ServiceUsage>> openUsage = new TreeMap<>();
    private TreeMap<YearMonth, List<PurchaseLine>> openPurchases = new TreeMap<>();
    private NegotiatedPrices negotiated = new NegotiatedPrices();
    private TreeMap<YearMonth, List<AdjustmentLine>> openAdjustments = new TreeMap<>();
    /** adjustmentId → the adjustment as recorded (operator actions: few): a repeat is answered from it. */
    private Map<String, AdjustmentRecorded> adjustments = new HashMap<>();

    YearMonth closedThrough() {
        return closedThrough;
    }

    /**
     * The billing month of {@code t}, provided the account was open then and that month still accepts
     * calls at {@code now}: not closed, and not past its close deadline (§9: whether or not the close has
     * been recorded yet).
     */
    YearMonth requireOpenAt(AccountFacts account, Instant t, Instant now, BillingPolicy policy) {
        if (t.isBefore(account.openedAt())) {
            throw new LedgerException(ErrorCode.BEFORE_ACCOUNT_OPENED,
                    t + " is before the account was opened (" + account.openedAt() + ")");
        }
        BillingCalendar cal = account.calendar();
        YearMonth month = cal.monthOf(t);
        // the deadline first: the same answer whether or not the scheduler has recorded the close yet
        if (!acceptsCalls(cal, month, now, policy)) {
            throw new LedgerException(ErrorCode.PERIOD_CLOSED, "month " + month + " stopped accepting calls at "
                    + cal.closeDeadline(month, policy.closeGrace()) + " (its end plus the close grace)");
        }
        if (!month.isAfter(closedThrough)) {
            throw new LedgerException(ErrorCode.PERIOD_CLOSED, "month " + month + " was closed early by an operator");
        }
        return month;
    }

    /** The postpaid calls of {@code service} counted in {@code month} so far. */
    long postpaidCount(YearMonth month, Service service) {
        Map<Service, ServiceUsage> usage = openUsage.get(month);
        ServiceUsage u = usage == null ? null : usage.get(service);
        return u == null ? 0 : u.postpaid;
    }

    void agreePrice(AccountFacts account, AgreeNegotiatedPrice cmd, BillingPolicy policy) {
        require(cmd.service() != null && cmd.effectiveFrom() != null, "service and effectiveFrom are required");
        require(cmd.unitPrice() != null && cmd.unitPrice().signum() > 0, "unitPrice must be positive");
        require(cmd.unitPrice().stripTrailingZeros().scale() <= 4, "unitPrice has at most 4 decimals");
        require(cmd.agreedBy() != null && !cmd.agreedBy().isBlank(), "agreedBy is required");
        require(cmd.agreedAt() != null, "agreedAt is required");
        // §9: a month past its close deadline counts as closed (whether or not its close is recorded yet),
        // unless it awaits a negotiated price: such a month cannot close until it gets one
        BillingCalendar cal = account.calendar();
        if (!cmd.effectiveFrom().isAfter(closedThrough) || (!acceptsCalls(cal, cmd.effectiveFrom(), cmd.agreedAt(),
                policy) && !figures(cmd.effectiveFrom(), policy).awaitingPrice())) {
            throw new LedgerException(ErrorCode.PERIOD_CLOSED, "month " + cmd.effectiveFrom()
                    + " is closed; a negotiated price can only apply from "
                    + firstMonthAcceptingCalls(cal, cmd.agreedAt(), policy) + " or from a month awaiting one");
        }
        apply(new NegotiatedPriceAgreed(account.accountId(), cmd.service(), cmd.unitPrice(), cmd.effectiveFrom(),
                cmd.agreedBy(), cmd.agreedAt()));
    }

    /**
     * Records a credit or debit on {@code month}'s statement, or, when that month is closed, on the first
     * open month, naming the month it corrects. A month past its close deadline counts as closed, whether or
     * not its close is recorded yet. Answers the adjustment as recorded; a repeated id with the same content
     * answers the stored adjustment and changes nothing, with other content it is refused (§9).
     */
    AdjustmentReceipt recordAdjustment(AccountFacts account, RecordAdjustment cmd, BillingPolicy policy) {
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
        require(cmd.amount().abs().compareTo(Limits.ADJUSTMENT_MAX) <= 0, "amount is at most " + Limits.ADJUSTMENT_MAX);
        require(cmd.reason() != null && !cmd.reason().isBlank(), "reason is required");
        require(cmd.actor() != null && !cmd.actor().isBlank(), "actor is required");
        require(cmd.at() != null, "at is required");
        // an adjustment corrects what a month charged: a month before the opening or not yet begun charged nothing
        BillingCalendar cal = account.calendar();
        cal.requireLived(cmd.month(), account.openedAt(), cmd.at());
        YearMonth target = cmd.month().isAfter(closedThrough) ? cmd.month() : closedThrough.plusMonths(1);
        if (!acceptsCalls(cal, target, cmd.at(), policy)) {
            YearMonth first = firstMonthAcceptingCalls(cal, cmd.at(), policy);
            target = first.isAfter(target) ? first : target;
        }
        AdjustmentRecorded recorded = new AdjustmentRecorded(account.accountId(), cmd.adjustmentId(), target,
                cmd.month(), cmd.amount(), cmd.reason(), cmd.requestId(), cmd.actor(), cmd.at());
        apply(recorded);
        return new AdjustmentReceipt(recorded, false);
    }

    /** Closes the month and every earlier open month, in order; answers the months it closed. */
    List<YearMonth> close(AccountFacts account, CloseStatement cmd, BillingPolicy policy) {
        require(cmd.month() != null && cmd.closedAt() != null, "month and closedAt are required");
        BillingCalendar cal = account.calendar();
        cal.requireOpenedBy(cmd.month(), account.openedAt()); // a month before the opening has no statement
        if (!cmd.month().isAfter(closedThrough)) {
            return List.of(); // already closed: closing is idempotent
        }
        if (cmd.closedAt().isBefore(cal.monthEnd(cmd.month()))) {
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
        toClose.forEach(f -> {
            Instant deadline = cal.closeDeadline(f.month(), policy.closeGrace());
            apply(f.closed(account.accountId(), cmd.closedAt().isAfter(deadline) ? deadline : cmd.closedAt(),
                    cmd.actor()));
        });
        return toClose.stream().map(StatementFigures::month).toList();
    }

    /** The figures of a month not yet closed, as they stand (also the running estimate). */
    StatementFigures figures(YearMonth month, BillingPolicy policy) {
        return StatementCalculator.compute(month, openUsage.getOrDefault(month, Map.of()),
                openPurchases.getOrDefault(month, List.of()), policy.catalogs().inForceFor(month), policy.pricer(),
                s -> negotiated.priceFor(s, month), openAdjustments.getOrDefault(month, List.of()));
    }

    /** Does {@code month} still accept calls at {@code now}: is the clock before its close deadline? */
    static boolean acceptsCalls(BillingCalendar cal, YearMonth month, Instant now, BillingPolicy policy) {
        return now.isBefore(cal.closeDeadline(month, policy.closeGrace()));
    }

    /** The earliest month whose close deadline is after {@code now} (its end is after now minus the grace). */
    static YearMonth firstMonthAcceptingCalls(BillingCalendar cal, Instant now, BillingPolicy policy) {
        return cal.monthOf(now.minus(policy.closeGrace()));
    }

    // ------------------------------------------------------------------ its events

    void opened(YearMonth openingMonth) {
        closedThrough = openingMonth.minusMonths(1);
    }

    void on(PackagePurchased e) {
        openPurchases.computeIfAbsent(e.month(), m -> new ArrayList<>())
                .add(new PurchaseLine(e.packageId(), e.service(), e.size(), e.price(), e.purchasedAt()));
    }

    void on(CallMetered e) {
        openUsage.computeIfAbsent(e.month(), m -> new EnumMap<>(Service.class))
                .computeIfAbsent(e.service(), s -> new ServiceUsage())
                .count(e.billable(), e.chargedTo());
    }

    void on(AdjustmentRecorded e) {
        adjustments.put(e.adjustmentId(), e);
        openAdjustments.computeIfAbsent(e.month(), m -> new ArrayList<>()).add(AdjustmentLine.of(e));
    }

    void on(NegotiatedPriceAgreed e) {
        negotiated.record(e);
    }

    void on(StatementClosed e) {
        closedThrough = e.month();
        openUsage.remove(e.month());
        openPurchases.remove(e.month());
        openAdjustments.remove(e.month());
    }
}
