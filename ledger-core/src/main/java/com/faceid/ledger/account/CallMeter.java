package com.faceid.ledger.account;

import com.faceid.ledger.error.ErrorCode;
import com.faceid.ledger.error.LedgerException;
import com.faceid.ledger.event.CallMetered;
import com.faceid.ledger.event.ChargedTo;
import com.faceid.ledger.metering.CallOutcome;
import com.faceid.ledger.metering.CallTrace;
import com.faceid.ledger.metering.MeterCall;
import com.faceid.ledger.metering.MeterCalls;
import com.faceid.ledger.metering.MeteredCall;
import com.faceid.ledger.metering.MeteredRequests;
import com.faceid.ledger.metering.MeteringResult;
import com.faceid.ledger.metering.Settlement;
import com.faceid.ledger.prepaid.LedgerPackage;
import com.faceid.ledger.pricing.BillableResults;
import com.faceid.ledger.pricing.BillingPolicy;
import org.axonframework.messaging.MetaData;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import static com.faceid.ledger.account.Account.require;
import static com.faceid.ledger.account.Account.senderOf;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * Metering one call (billing-rules §4, §5, §9): the request id's repeat or conflict, the month it falls in, whether
 * its result is billable, who pays (the unit a captured hold reserved, else {@link Settlement}'s payer, else
 * postpaid, else refused), and the usage reminders it crosses. It reads the account's parts and records events;
 * the parts change only when those events are applied.
 */
final class CallMeter {
    private CallMeter() {
    }

    /** Each call as a single MeterCall would be; a refused call fails alone (nothing applied for it). */
    static List<MeteringResult> meterAll(AccountFacts account, Wallet wallet, Holds holds, Months months,
                                         MeterCalls cmd, BillingPolicy policy, MeteredRequests requests) {
        // one look-up of the whole batch's request ids, not one per call
        Map<String, MeteredCall> meteredBefore = requests.findAll(account.accountId(), cmd.calls().stream()
                .map(MeterCall::requestId).filter(Objects::nonNull).distinct().toList());
        Map<String, MeteredCall> inThisBatch = new HashMap<>();
        List<MeteringResult> results = new ArrayList<>(cmd.calls().size());
        for (int i = 0; i < cmd.calls().size(); i++) {
            MeterCall call = cmd.calls().get(i);
            try {
                require(account.accountId().equals(call.accountId()), "call for another account in the batch");
                CallOutcome outcome = meter(account, wallet, holds, months, call, policy,
                        meteredBefore::get, inThisBatch, cmd.traceOf(i), null);
                // the payer's state was just applied: its remaining is the event's packageRemainingAfter
                LedgerPackage payer = outcome.packageId() == null ? null : wallet.get(outcome.packageId());
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
     * @param inThisUnit    calls metered earlier in the same unit of work: the request table only sees them
     *                      when it commits, so a repeat within one batch is answered from here
     * @param trace         the call's own sender, when calls of several requests share this unit of work
     * @param reserved      the package a captured hold reserved a unit of, or null (§9 "Holds")
     */
    static CallOutcome meter(AccountFacts account, Wallet wallet, Holds holds, Months months, MeterCall cmd,
                             BillingPolicy policy, Function<String, MeteredCall> meteredBefore,
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
        Instant now = cmd.recordedAt() == null ? cmd.occurredAt() : cmd.recordedAt();
        Instant occurredAt = cmd.occurredAt() == null ? now : cmd.occurredAt();
        YearMonth month = months.requireOpenAt(account, occurredAt, now, policy);
        String result = BillableResults.effectiveResult(cmd.resultCode());
        boolean billable = policy.billableResults().isBillable(result);
        LedgerPackage payer = billable ? payer(wallet, holds, cmd, occurredAt, now, reserved) : null;
        ChargedTo chargedTo = !billable ? ChargedTo.NONE : payer != null ? Wallet.chargedTo(payer)
                : account.postpaidEnabled() ? ChargedTo.POSTPAID : ChargedTo.REFUSED;
        long postpaidBefore = months.postpaidCount(month, cmd.service());
        CallMetered event = new CallMetered(account.accountId(), cmd.requestId(), cmd.service(), occurredAt,
                cmd.recordedAt(), result, billable, chargedTo, payer == null ? null : payer.packageId(),
                payer == null ? null : payer.remaining() - 1, month,
                postpaidBefore + (chargedTo == ChargedTo.POSTPAID ? 1 : 0));
        MetaData sender = senderOf(trace);
        apply(event, sender);
        if (payer != null) {
            int usedBefore = payer.size() - payer.remaining();
            int heldByOthers = holds.heldOn(payer.packageId(), now);
            // a captured hold's unit was counted when it was held: its charge moves nothing but depletion
            int counted = payer.packageId().equals(reserved) ? 1 : 0;
            wallet.remindUsage(account, policy, payer, usedBefore, usedBefore + 1, heldByOthers + counted,
                    heldByOthers, cmd.requestId(), cmd.recordedAt(), sender);
        }
        inThisUnit.put(cmd.requestId(), MeteredCall.of(event));
        return CallOutcome.of(event);
    }

    /** The held unit's package if it can still pay, else the package settlement picks; null: none can pay. */
    private static LedgerPackage payer(Wallet wallet, Holds holds, MeterCall cmd, Instant occurredAt, Instant now,
                                       String reserved) {
        LedgerPackage held = reserved == null ? null : wallet.get(reserved);
        if (held != null && held.canPay(cmd.service(), occurredAt, now)) {
            return held; // the unit held for it
        }
        Collection<LedgerPackage> available = holds.none() ? wallet.all()
                : wallet.available(id -> holds.heldOn(id, now));
        return Settlement.payer(available, cmd.service(), occurredAt, now)
                .map(p -> wallet.get(p.packageId())).orElse(null); // its real remaining, not the available
    }
}
