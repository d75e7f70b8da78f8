package com.faceid.ledger.account;

import com.faceid.ledger.error.ErrorCode;
import com.faceid.ledger.error.LedgerException;
import com.faceid.ledger.event.ChargedTo;
import com.faceid.ledger.event.HoldCaptured;
import com.faceid.ledger.event.HoldExpired;
import com.faceid.ledger.event.HoldPlaced;
import com.faceid.ledger.event.HoldStatus;
import com.faceid.ledger.event.HoldVoided;
import com.faceid.ledger.hold.CaptureHold;
import com.faceid.ledger.hold.ExpireHold;
import com.faceid.ledger.hold.ExpireHolds;
import com.faceid.ledger.hold.Hold;
import com.faceid.ledger.hold.HoldOperation;
import com.faceid.ledger.hold.HoldReceipt;
import com.faceid.ledger.hold.HoldRegistry;
import com.faceid.ledger.hold.HoldResult;
import com.faceid.ledger.hold.PlaceHold;
import com.faceid.ledger.hold.SettleHolds;
import com.faceid.ledger.hold.VoidHold;
import com.faceid.ledger.metering.CallOutcome;
import com.faceid.ledger.metering.CallTrace;
import com.faceid.ledger.metering.MeterCall;
import com.faceid.ledger.metering.MeteredCall;
import com.faceid.ledger.metering.MeteredRequests;
import com.faceid.ledger.metering.Settlement;
import com.faceid.ledger.prepaid.LedgerPackage;
import com.faceid.ledger.pricing.BillingPolicy;
import org.axonframework.messaging.MetaData;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.faceid.ledger.account.Account.require;
import static com.faceid.ledger.account.Account.senderOf;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The account's holds (billing-rules §9 "Holds": ask before serving): placing one on the package that would pay,
 * capturing it as the call, voiding it, its expiry, and how many units of a package the live ones reserve. A part
 * of {@link Account}: it keeps the holds still held (finished ones are in the {@link HoldRegistry}) and changes
 * them only by its events.
 */
final class Holds {
    /** Holds still held (not captured, voided or recorded as expired). */
    private Map<String, Hold> open = new LinkedHashMap<>();

    /** No hold is held: every package's remaining is what it can pay. */
    boolean none() {
        return open.isEmpty();
    }

    /** Units of a package that holds alive at {@code now} reserve. */
    int heldOn(String packageId, Instant now) {
        int held = 0;
        for (Hold h : open.values()) {
            held += h.reserves(packageId, now) ? 1 : 0;
        }
        return held;
    }

    HoldReceipt place(AccountFacts account, PlaceHold cmd, Wallet wallet, BillingPolicy policy, Decided decided,
                      CallTrace trace) {
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
        if (requestedAt.isBefore(account.openedAt())) {
            throw new LedgerException(ErrorCode.BEFORE_ACCOUNT_OPENED,
                    requestedAt + " is before the account was opened (" + account.openedAt() + ")");
        }
        LedgerPackage payer = Settlement.payer(none() ? wallet.all() : wallet.available(id -> heldOn(id, now)),
                cmd.service(), requestedAt, now).orElse(null);
        boolean postpaid = account.postpaidEnabled();
        HoldStatus status = payer != null || postpaid ? HoldStatus.HELD : HoldStatus.REFUSED;
        ChargedTo source = payer != null ? Wallet.chargedTo(payer) : postpaid ? ChargedTo.POSTPAID : null;
        HoldPlaced placed = new HoldPlaced(account.accountId(), cmd.holdId(), cmd.service(), status, source,
                payer == null ? null : payer.packageId(), requestedAt, now, now.plus(policy.holdTtl()));
        int heldBefore = payer == null ? 0 : heldOn(payer.packageId(), now);
        MetaData sender = senderOf(trace);
        apply(placed, sender);
        decided.holds.put(cmd.holdId(), Hold.of(placed));
        if (payer != null) { // the held unit counts as used for the usage reminders (not for depletion)
            LedgerPackage p = wallet.get(payer.packageId());
            int used = p.size() - p.remaining();
            wallet.remindUsage(account, policy, p, used, used, heldBefore, heldBefore + 1, null, now, sender);
        }
        return new HoldReceipt(Hold.of(placed), false);
    }

    /**
     * Group commit for holds: each operation decided as its own command would be, in list order, in this one
     * unit of work. One the rules refuse fails alone: every check comes before its first event.
     */
    List<HoldResult> settle(AccountFacts account, SettleHolds cmd, Wallet wallet, Months months,
                            BillingPolicy policy, Decided decided) {
        List<HoldResult> results = new ArrayList<>(cmd.operations().size());
        for (int i = 0; i < cmd.operations().size(); i++) {
            HoldOperation op = cmd.operations().get(i);
            CallTrace trace = cmd.traceOf(i);
            try {
                require(account.accountId().equals(op.accountId()), "operation for another account in the group");
                if (op instanceof PlaceHold place) {
                    results.add(HoldResult.of(place(account, place, wallet, policy, decided, trace)));
                } else if (op instanceof CaptureHold capture) {
                    results.add(HoldResult.of(captureAndMeter(account, capture, wallet, months, policy, decided,
                            trace)));
                } else { // sealed: the only other operation
                    results.add(HoldResult.of(voidHold(account, (VoidHold) op, decided, trace)));
                }
            } catch (LedgerException e) {
                results.add(HoldResult.refused(e.code(), e.getMessage()));
            }
        }
        return results;
    }

    /**
     * Meters the call a hold was asked for: a billable result is paid by the held unit (if its package can
     * still pay for the call; else it is settled afresh), a non-billable one releases it. A repeat answers the
     * first outcome; a hold voided, expired (by the clock, recorded or not) or refused cannot be captured.
     */
    CallOutcome captureAndMeter(AccountFacts account, CaptureHold cmd, Wallet wallet, Months months,
                                BillingPolicy policy, Decided decided, CallTrace trace) {
        Capture capture = capture(account, cmd, months, policy, decided, trace);
        if (capture.repeat() != null) {
            return capture.repeat();
        }
        MeterCall call = new MeterCall(account.accountId(), cmd.requestId(), capture.hold().service(),
                cmd.occurredAt(), cmd.resultCode(), cmd.recordedAt());
        return CallMeter.meter(account, wallet, this, months, call, policy, id -> null, decided.calls, trace,
                capture.hold().packageId());
    }

    /** A capture decided: the first outcome of a repeat, or the hold whose call is to be metered now. */
    record Capture(CallOutcome repeat, Hold hold) {
    }

    /**
     * Marks a hold captured as the call it was asked for, after the call's own checks (a refused capture leaves
     * no event); the call itself is metered by the caller. A repeat answers the first outcome; a hold voided,
     * expired (by the clock, recorded or not) or refused cannot be captured.
     */
    private Capture capture(AccountFacts account, CaptureHold cmd, Months months, BillingPolicy policy, Decided decided,
                    CallTrace trace) {
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
                return new Capture(repeatedCapture(account, cmd, hold, decided), null);
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
        months.requireOpenAt(account, cmd.occurredAt() == null ? now : cmd.occurredAt(), now, policy);
        apply(new HoldCaptured(account.accountId(), cmd.holdId(), cmd.requestId(), now), senderOf(trace));
        decided.holds.put(cmd.holdId(), hold.with(HoldStatus.CAPTURED, cmd.requestId()));
        return new Capture(null, hold);
    }

    private static CallOutcome repeatedCapture(AccountFacts account, CaptureHold cmd, Hold hold, Decided decided) {
        if (!cmd.requestId().equals(hold.requestId())) {
            throw new LedgerException(ErrorCode.HOLD_ID_CONFLICT, "hold " + cmd.holdId()
                    + " was captured as call " + hold.requestId());
        }
        MeteredCall first = decided.call(cmd.requestId());
        if (first == null) {
            throw new LedgerException(ErrorCode.HOLD_CAPTURED, "hold " + cmd.holdId() + " is captured");
        }
        // §9: a repeat binds its content as a call's does; another result code or time is not a repeat
        if (!first.sameContentAs(new MeterCall(account.accountId(), cmd.requestId(), hold.service(),
                cmd.occurredAt(), cmd.resultCode(), cmd.recordedAt()))) {
            throw new LedgerException(ErrorCode.REQUEST_ID_CONFLICT, "hold " + cmd.holdId()
                    + " was captured as " + first.describe() + "; a repeat must carry the same occurredAt"
                    + " and resultCode");
        }
        return first.outcome().asDuplicate();
    }

    HoldReceipt voidHold(AccountFacts account, VoidHold cmd, Decided decided, CallTrace trace) {
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
        apply(new HoldVoided(account.accountId(), cmd.holdId(), cmd.at()), senderOf(trace));
        Hold voided = hold.with(HoldStatus.VOIDED, null);
        decided.holds.put(cmd.holdId(), voided);
        return new HoldReceipt(voided, false);
    }

    void expire(AccountFacts account, ExpireHold cmd) {
        Hold hold = open.get(cmd.holdId());
        if (hold == null) {
            return; // captured, voided or already expired: nothing to do
        }
        if (cmd.at().isBefore(hold.expiresAt())) {
            throw new LedgerException(ErrorCode.NOT_DUE, "hold " + cmd.holdId() + " expires at " + hold.expiresAt());
        }
        apply(new HoldExpired(account.accountId(), cmd.holdId(), hold.expiresAt()));
    }

    /** Every hold past its expiry at {@code at}, expired; answers the next expiry of a hold still held, or null. */
    Instant expireAll(AccountFacts account, ExpireHolds cmd) {
        require(cmd.at() != null, "at is required");
        List<Hold> due = open.values().stream().filter(h -> !cmd.at().isBefore(h.expiresAt()))
                .sorted(Comparator.comparing(Hold::expiresAt)).toList();
        for (Hold h : due) {
            apply(new HoldExpired(account.accountId(), h.holdId(), h.expiresAt()));
        }
        return open.values().stream().map(Hold::expiresAt).min(Instant::compareTo).orElse(null);
    }

    /**
     * What one unit of work knows of holds and requestIds. The registries are written when the unit commits, so
     * a hold or call decided earlier in the same unit (group commit) is answered from here first; a hold still
     * held is the aggregate's own.
     */
    final class Decided {
        final Map<String, Hold> holds = new HashMap<>();
        final Map<String, MeteredCall> calls = new HashMap<>();
        private final String accountId;
        private final HoldRegistry holdRegistry;
        private final MeteredRequests requestRegistry;

        Decided(String accountId, HoldRegistry holdRegistry, MeteredRequests requestRegistry) {
            this.accountId = accountId;
            this.holdRegistry = holdRegistry;
            this.requestRegistry = requestRegistry;
        }

        Hold hold(String holdId) {
            Hold held = open.get(holdId);
            if (held != null) {
                return held;
            }
            Hold here = holds.get(holdId);
            return here != null ? here : holdRegistry.find(accountId, holdId).orElse(null);
        }

        MeteredCall call(String requestId) {
            MeteredCall here = calls.get(requestId);
            return here != null ? here : requestRegistry.find(accountId, requestId).orElse(null);
        }
    }

    // ------------------------------------------------------------------ its events

    void on(HoldPlaced e) {
        if (e.status() == HoldStatus.HELD) {
            open.put(e.holdId(), Hold.of(e));
        }
    }

    void removed(String holdId) { // captured, voided or expired
        open.remove(holdId);
    }
}
