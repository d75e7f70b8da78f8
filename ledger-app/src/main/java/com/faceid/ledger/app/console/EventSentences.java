package com.faceid.ledger.app.console;

import com.faceid.ledger.app.security.Caller;
import com.faceid.ledger.event.AccountEvent;
import com.faceid.ledger.event.AccountOpened;
import com.faceid.ledger.event.AdjustmentRecorded;
import com.faceid.ledger.event.CallMetered;
import com.faceid.ledger.event.FreeGrantActivated;
import com.faceid.ledger.event.FreeGrantIssued;
import com.faceid.ledger.event.HoldCaptured;
import com.faceid.ledger.event.HoldExpired;
import com.faceid.ledger.event.HoldPlaced;
import com.faceid.ledger.event.HoldStatus;
import com.faceid.ledger.event.HoldVoided;
import com.faceid.ledger.event.NegotiatedPriceAgreed;
import com.faceid.ledger.event.PackageExpired;
import com.faceid.ledger.event.PackageExpiryReminded;
import com.faceid.ledger.event.PackagePurchased;
import com.faceid.ledger.event.PackageUsageReminded;
import com.faceid.ledger.event.PostpaidSwitched;
import com.faceid.ledger.event.StatementClosed;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Each event of the history as one English sentence for the timeline ("Call r-1 paid by package PKG-000001,
 * 9,120 left"). Times are in the account's billing zone with its offset, as on every console page; a customer
 * reads who acted by role, never by key id. One method per event type (the visitor makes a new type a compile
 * error here until it has its sentence).
 */
record EventSentences(ZoneId zone, boolean customer) implements AccountEvent.Visitor<String> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx", Locale.ROOT);

    String of(AccountEvent event) {
        return event.accept(this);
    }

    @Override
    public String on(AccountOpened e) {
        return "Account opened, billing zone " + e.zone() + ", postpaid " + (e.postpaidEnabled() ? "on" : "off") + ".";
    }

    @Override
    public String on(PostpaidSwitched e) {
        return "Postpaid switched " + (e.enabled() ? "on" : "off") + " by " + actor(e.actor()) + ".";
    }

    @Override
    public String on(FreeGrantIssued e) {
        return "Free package " + e.packageId() + " of " + count(e.size()) + " " + e.service().englishName()
                + " calls granted, usable from " + time(e.effectiveFrom()) + " until " + time(e.expiresAt()) + ".";
    }

    @Override
    public String on(FreeGrantActivated e) {
        return "Free package " + e.packageId() + " became usable.";
    }

    @Override
    public String on(PackagePurchased e) {
        return "Package " + e.packageId() + " bought: " + count(e.size()) + " " + e.service().englishName()
                + " calls for " + money(e.price()) + ", valid until " + time(e.expiresAt()) + ".";
    }

    @Override
    public String on(PackageExpired e) {
        return "Package " + e.packageId() + " expired, " + count(e.forfeited()) + " forfeited.";
    }

    @Override
    public String on(PackageExpiryReminded e) {
        return "Reminder sent: package " + e.packageId() + " expires in " + e.daysBefore() + " days ("
                + time(e.expiresAt()) + "), " + count(e.remaining()) + " left.";
    }

    @Override
    public String on(PackageUsageReminded e) {
        return "Reminder sent: package " + e.packageId() + " is " + e.percent() + " % used (" + count(e.used())
                + " of " + count(e.size()) + ").";
    }

    @Override
    public String on(CallMetered e) {
        String call = "Call " + e.requestId() + " (" + e.service().englishName() + ") ";
        return call + switch (e.chargedTo()) {
            case FREE -> "paid by free package " + e.packageId() + ", " + left(e) + ".";
            case PURCHASED -> "paid by package " + e.packageId() + ", " + left(e) + ".";
            case POSTPAID -> "charged postpaid: call " + count(e.monthPostpaidCount()) + " of " + e.month()
                    + ", priced when the month closes.";
            case NONE -> "not billable (result " + e.resultCode() + "): nothing charged.";
            case REFUSED -> "refused: no package could pay and postpaid was off; nothing charged.";
        };
    }

    @Override
    public String on(NegotiatedPriceAgreed e) {
        return "Negotiated price agreed for " + e.service().englishName() + ": " + money(e.unitPrice())
                + " a call from " + e.effectiveFrom() + ", by " + e.agreedBy() + ".";
    }

    @Override
    public String on(AdjustmentRecorded e) {
        return "Adjustment " + e.adjustmentId() + " of " + money(e.amount()) + " on " + e.month()
                + (e.correctsMonth() == null ? "" : " (corrects " + e.correctsMonth() + ")")
                + (e.requestId() == null ? "" : " for call " + e.requestId()) + " by " + actor(e.actor()) + ": "
                + e.reason();
    }

    @Override
    public String on(StatementClosed e) {
        return "Statement of " + e.month() + " closed: " + money(e.totalSpend()) + " in all (packages "
                + money(e.prepaidSpend()) + ", postpaid " + money(e.postpaidAmount()) + ", adjustments "
                + money(e.adjustmentTotal()) + ").";
    }

    @Override
    public String on(HoldPlaced e) {
        String hold = "Hold " + e.holdId() + " for a " + e.service().englishName() + " call ";
        if (e.status() == HoldStatus.REFUSED) {
            return hold + "refused: no package could cover it and postpaid was off.";
        }
        return hold + (e.packageId() == null ? "placed (postpaid: nothing reserved)" : "placed on package "
                + e.packageId() + ", one call reserved") + ", released unless captured by " + time(e.expiresAt()) + ".";
    }

    @Override
    public String on(HoldCaptured e) {
        return "Hold " + e.holdId() + " captured as call " + e.requestId() + ".";
    }

    @Override
    public String on(HoldVoided e) {
        return "Hold " + e.holdId() + " voided: nothing charged.";
    }

    @Override
    public String on(HoldExpired e) {
        return "Hold " + e.holdId() + " expired uncaptured: nothing charged.";
    }

    private String left(CallMetered e) {
        return e.packageRemainingAfter() == null ? "its balance not recorded"
                : count(e.packageRemainingAfter()) + " left";
    }

    private String actor(String actor) {
        String shown = customer ? Caller.actorShownToCustomer(actor) : actor;
        return shown == null ? "an unrecorded actor" : shown;
    }

    private String time(Instant t) {
        return TIME.format(t.atZone(zone));
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** "¥9,000.00", "-¥1.00": exact (a BigDecimal is formatted digit for digit). */
    static String money(BigDecimal amount) {
        return (amount.signum() < 0 ? "-" : "") + String.format(Locale.ROOT, "¥%,.2f", amount.abs());
    }
}
