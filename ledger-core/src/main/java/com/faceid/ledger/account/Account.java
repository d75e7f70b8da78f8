package com.faceid.ledger.account;

import com.faceid.ledger.error.ErrorCode;
import com.faceid.ledger.error.LedgerException;
import com.faceid.ledger.event.AccountEvent;
import com.faceid.ledger.event.AccountOpened;
import com.faceid.ledger.event.PostpaidSwitched;
import com.faceid.ledger.hold.CaptureHold;
import com.faceid.ledger.hold.ExpireHold;
import com.faceid.ledger.hold.ExpireHolds;
import com.faceid.ledger.hold.HoldReceipt;
import com.faceid.ledger.hold.HoldRegistry;
import com.faceid.ledger.hold.HoldResult;
import com.faceid.ledger.hold.PlaceHold;
import com.faceid.ledger.hold.SettleHolds;
import com.faceid.ledger.hold.VoidHold;
import com.faceid.ledger.metering.CallOutcome;
import com.faceid.ledger.metering.CallTrace;
import com.faceid.ledger.metering.MeterCall;
import com.faceid.ledger.metering.MeterCalls;
import com.faceid.ledger.metering.MeteredRequests;
import com.faceid.ledger.metering.MeteringResult;
import com.faceid.ledger.prepaid.ActivateGrant;
import com.faceid.ledger.prepaid.BuyPackage;
import com.faceid.ledger.prepaid.ExpirePackage;
import com.faceid.ledger.prepaid.LedgerPackage;
import com.faceid.ledger.prepaid.PackageReceipt;
import com.faceid.ledger.prepaid.RemindExpiry;
import com.faceid.ledger.prepaid.RequestRefund;
import com.faceid.ledger.pricing.BillingPolicy;
import com.faceid.ledger.statement.AdjustmentReceipt;
import com.faceid.ledger.statement.AgreeNegotiatedPrice;
import com.faceid.ledger.statement.CloseStatement;
import com.faceid.ledger.statement.RecordAdjustment;
import com.faceid.ledger.statement.StatementFigures;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One customer account of the face-verification API. The aggregate keeps who the account is and routes each
 * command to the part that decides it: the {@link Wallet} (packages and grants), the {@link Holds}, the
 * {@link Months} (statements, prices, adjustments); metering a call reads all three ({@link CallMeter}). Each
 * part keeps its own state, changed only by the events the sourcing handler hands it through {@link Sourcing}
 * (docs/architecture.md says why parts the aggregate calls, not Axon aggregate members).
 * <p>
 * Every decision depends on the events and the instant the ledger clock gave the command, never on whether
 * a time-driven step (grant activation, expiry, reminder, month close) has run yet (billing-rules §9). Nothing
 * here grows with the number of calls: request-id idempotency lives in {@link MeteredRequests}, outside.
 * <p>
 * The snapshot's revision is that of this class ({@code @Revision}); a snapshot of revision 3 is upcast to it
 * ({@link EventUpcasters}), one of any other revision is ignored (Axon's revision snapshot filter) and the account
 * rebuilt from its events.
 */
@Revision("4") // 4: the state in parts (wallet, holds, months)
public class Account {
    @AggregateIdentifier
    private String accountId;
    private Instant openedAt;
    private ZoneId zone;
    private boolean postpaidEnabled;
    private Wallet wallet = new Wallet();
    private Holds holds = new Holds();
    private Months months = new Months();

    protected Account() {
        // for Axon and for snapshot deserialisation
    }

    private AccountFacts facts() {
        return new AccountFacts(accountId, openedAt, zone, postpaidEnabled);
    }

    // ------------------------------------------------------------------ opening

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(OpenAccount cmd, BillingPolicy policy) {
        if (accountId != null) {
            throw new LedgerException(ErrorCode.ACCOUNT_EXISTS, "account " + cmd.accountId() + " already exists");
        }
        Opening.open(cmd, policy);
    }

    @CommandHandler
    public void handle(SwitchPostpaid cmd) {
        if (cmd.enabled() != postpaidEnabled) {
            apply(new PostpaidSwitched(accountId, cmd.enabled(), cmd.at(), cmd.actor()));
        }
    }

    // ------------------------------------------------------------------ packages: the wallet

    @CommandHandler
    public PackageReceipt handle(BuyPackage cmd, BillingPolicy policy) {
        require(cmd.service() != null, "service is required");
        require(cmd.purchaseId() != null && !cmd.purchaseId().isBlank(), "purchaseId is required");
        require(cmd.purchasedAt() != null, "purchasedAt is required");
        Instant now = cmd.recordedAt() == null ? cmd.purchasedAt() : cmd.recordedAt();
        // a repeated purchase id is answered as it was, whatever the month; a new purchase needs an open month
        YearMonth month = wallet.bought(cmd.purchaseId()) ? null
                : months.requireOpenAt(facts(), cmd.purchasedAt(), now, policy);
        return wallet.buy(facts(), cmd, month, policy);
    }

    @CommandHandler
    public void handle(RequestRefund cmd) {
        throw new LedgerException(ErrorCode.REFUND_NOT_ALLOWED,
                "prepaid packages are not refundable (billing rules §3: no refunds)");
    }

    @CommandHandler
    public void handle(ExpirePackage cmd) {
        wallet.expire(facts(), cmd);
    }

    @CommandHandler
    public void handle(ActivateGrant cmd) {
        wallet.activate(facts(), cmd);
    }

    @CommandHandler
    public void handle(RemindExpiry cmd) {
        wallet.remindExpiry(facts(), cmd);
    }

    // ------------------------------------------------------------------ metering

    @CommandHandler
    public CallOutcome handle(MeterCall cmd, BillingPolicy policy, MeteredRequests requests) {
        return CallMeter.meter(facts(), wallet, holds, months, cmd, policy,
                id -> requests.find(accountId, id).orElse(null), new HashMap<>(), null, null);
    }

    /** Each call as a single MeterCall would be; a refused call fails alone (nothing applied for it). */
    @CommandHandler
    public List<MeteringResult> handle(MeterCalls cmd, BillingPolicy policy, MeteredRequests requests) {
        return CallMeter.meterAll(facts(), wallet, holds, months, cmd, policy, requests);
    }

    // ------------------------------------------------------------------ holds (§9): ask before serving

    @CommandHandler
    public HoldReceipt handle(PlaceHold cmd, BillingPolicy policy, HoldRegistry registry, MeteredRequests requests) {
        return holds.place(facts(), cmd, wallet, policy, decided(registry, requests), null);
    }

    /** Meters the call a hold was asked for: the held unit pays if its package still can, else it is settled. */
    @CommandHandler
    public CallOutcome handle(CaptureHold cmd, BillingPolicy policy, HoldRegistry registry,
                              MeteredRequests requests) {
        return holds.captureAndMeter(facts(), cmd, wallet, months, policy, decided(registry, requests), null);
    }

    @CommandHandler
    public HoldReceipt handle(VoidHold cmd, HoldRegistry registry, MeteredRequests requests) {
        return holds.voidHold(facts(), cmd, decided(registry, requests), null);
    }

    /**
     * Group commit for holds: each operation decided as its own command would be, in list order, in this one
     * unit of work. One the rules refuse fails alone: every check comes before its first event.
     */
    @CommandHandler
    public List<HoldResult> handle(SettleHolds cmd, BillingPolicy policy, HoldRegistry registry,
                                   MeteredRequests requests) {
        return holds.settle(facts(), cmd, wallet, months, policy, decided(registry, requests));
    }

    @CommandHandler
    public void handle(ExpireHold cmd) {
        holds.expire(facts(), cmd);
    }

    /** Every hold past its expiry at {@code at}, expired; answers the next expiry of a hold still held, or null. */
    @CommandHandler
    public Instant handle(ExpireHolds cmd) {
        return holds.expireAll(facts(), cmd);
    }

    private Holds.Decided decided(HoldRegistry registry, MeteredRequests requests) {
        return holds.new Decided(accountId, registry, requests);
    }

    // ------------------------------------------------------------------ statements and prices: the months

    @CommandHandler
    public void handle(AgreeNegotiatedPrice cmd, BillingPolicy policy) {
        months.agreePrice(facts(), cmd, policy);
    }

    @CommandHandler
    public AdjustmentReceipt handle(RecordAdjustment cmd, BillingPolicy policy) {
        return months.recordAdjustment(facts(), cmd, policy);
    }

    /** Closes the month and every earlier open month, in order; answers the months it closed. */
    @CommandHandler
    public List<YearMonth> handle(CloseStatement cmd, BillingPolicy policy) {
        return months.close(facts(), cmd, policy);
    }

    /** The figures of a month not yet closed, as they stand (also the running estimate). */
    public StatementFigures figures(YearMonth month, BillingPolicy policy) {
        return months.figures(month, policy);
    }

    // ------------------------------------------------------------------ event sourcing

    /** Every event, handed to the part whose state it changes ({@link Sourcing}: one method per event type). */
    @EventSourcingHandler
    void on(AccountEvent e) {
        e.accept(new Sourcing(this, wallet, holds, months));
    }

    void opened(AccountOpened e) {
        accountId = e.accountId();
        openedAt = e.openedAt();
        zone = ZoneId.of(e.zone());
        postpaidEnabled = e.postpaidEnabled();
        months.opened(new BillingCalendar(zone).monthOf(e.openedAt()));
    }

    void switched(PostpaidSwitched e) {
        postpaidEnabled = e.enabled();
    }

    // ------------------------------------------------------------------ shared by the parts

    /** The sender of one operation of a group, recorded in its events' metadata; none: the command's own. */
    static MetaData senderOf(CallTrace trace) {
        return trace == null ? MetaData.emptyInstance() : MetaData.with(EventMetadata.ACTOR, trace.actor())
                .and(EventMetadata.CORRELATION_ID, trace.correlationId());
    }

    static void require(boolean condition, String message) {
        if (!condition) {
            throw new LedgerException(ErrorCode.VALIDATION_FAILED, message);
        }
    }

    // ------------------------------------------------------------------ read access for tests and receipts

    public String accountId() {
        return accountId;
    }

    public Collection<LedgerPackage> packages() {
        return List.copyOf(wallet.all());
    }

    public YearMonth closedThrough() {
        return months.closedThrough();
    }
}
