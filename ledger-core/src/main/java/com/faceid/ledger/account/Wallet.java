package com.faceid.ledger.account;

import com.faceid.ledger.error.ErrorCode;
import com.faceid.ledger.error.LedgerException;
import com.faceid.ledger.event.CallMetered;
import com.faceid.ledger.event.ChargedTo;
import com.faceid.ledger.event.FreeGrantActivated;
import com.faceid.ledger.event.FreeGrantIssued;
import com.faceid.ledger.event.Money;
import com.faceid.ledger.event.PackageExpired;
import com.faceid.ledger.event.PackageExpiryReminded;
import com.faceid.ledger.event.PackagePurchased;
import com.faceid.ledger.event.PackageUsageReminded;
import com.faceid.ledger.prepaid.ActivateGrant;
import com.faceid.ledger.prepaid.BuyPackage;
import com.faceid.ledger.prepaid.ExpirePackage;
import com.faceid.ledger.prepaid.LedgerPackage;
import com.faceid.ledger.prepaid.PackageKind;
import com.faceid.ledger.prepaid.PackageReceipt;
import com.faceid.ledger.prepaid.RemindExpiry;
import com.faceid.ledger.pricing.BillingPolicy;
import com.faceid.ledger.pricing.Catalog;
import org.axonframework.messaging.MetaData;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

import static com.faceid.ledger.account.Account.require;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The account's packages, free grants and purchases alike (billing-rules §2, §3): buying one, its expiry, a
 * grant becoming usable, the expiry and usage reminders, and what each package can pay now. A part of
 * {@link Account}: it decides with the account's facts and keeps its own state, changed only by its events.
 */
final class Wallet {
    private Map<String, LedgerPackage> packages = new LinkedHashMap<>();
    private Map<String, String> packageByPurchaseId = new HashMap<>();
    private int purchaseCount;
    /**
     * The highest usage threshold (50/70/90 %) reminded per package: held units count as used, and a voided
     * hold gives its unit back, so use can fall below a threshold and cross it again; it is reminded once.
     */
    private Map<String, Integer> usageReminded = new HashMap<>();

    LedgerPackage get(String packageId) {
        return packages.get(packageId);
    }

    Collection<LedgerPackage> all() {
        return packages.values();
    }

    /** A repeated purchase id answers the package it bought; a new one is priced from the catalog and recorded. */
    PackageReceipt buy(AccountFacts account, BuyPackage cmd, YearMonth month, BillingPolicy policy) {
        String known = packageByPurchaseId.get(cmd.purchaseId());
        if (known != null) {
            LedgerPackage p = packages.get(known);
            if (p.service() != cmd.service() || p.size() != cmd.size()) {
                throw new LedgerException(ErrorCode.PURCHASE_ID_CONFLICT, "purchaseId " + cmd.purchaseId()
                        + " was used for " + p.size() + " x " + p.service() + " (package " + p.packageId() + ")");
            }
            return PackageReceipt.repeated(p);
        }
        BillingCalendar cal = account.calendar();
        Catalog catalog = policy.catalogs().inForceOn(cal.dayOf(cmd.purchasedAt()));
        BigDecimal price = catalog.packagePrice(cmd.service(), cmd.size()).orElseThrow(() -> new LedgerException(
                ErrorCode.PACKAGE_SIZE_NOT_SOLD, cmd.service() + " is not sold in packages of " + cmd.size()
                + (catalog.sellsPackages(cmd.service()) ? "; sizes sold: " + catalog.sizesSold(cmd.service())
                : "; it is postpaid only")));
        String packageId = String.format("PKG-%06d", purchaseCount + 1);
        apply(new PackagePurchased(account.accountId(), packageId, cmd.purchaseId(), cmd.service(), cmd.size(),
                price, cmd.purchasedAt(), cal.oneYearAfter(cmd.purchasedAt()), month, catalog.version()));
        return PackageReceipt.newPurchase(packages.get(packageId));
    }

    /** Whether {@code purchaseId} bought a package already (a repeat is answered before the month is checked). */
    boolean bought(String purchaseId) {
        return packageByPurchaseId.containsKey(purchaseId);
    }

    void expire(AccountFacts account, ExpirePackage cmd) {
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
        apply(new PackageExpired(account.accountId(), p.packageId(), p.expiresAt(), p.remaining()));
    }

    void activate(AccountFacts account, ActivateGrant cmd) {
        LedgerPackage p = require(cmd.packageId());
        if (p.activated() || p.kind() != PackageKind.FREE) {
            return;
        }
        if (cmd.at().isBefore(p.effectiveFrom())) {
            throw new LedgerException(ErrorCode.NOT_DUE, p.packageId() + " becomes usable at " + p.effectiveFrom());
        }
        apply(new FreeGrantActivated(account.accountId(), p.packageId(), p.effectiveFrom()));
    }

    void remindExpiry(AccountFacts account, RemindExpiry cmd) {
        LedgerPackage p = require(cmd.packageId());
        Instant due = account.calendar().daysBefore(p.expiresAt(), cmd.daysBefore());
        if (cmd.at().isBefore(due)) {
            throw new LedgerException(ErrorCode.NOT_DUE, "reminder " + cmd.daysBefore() + " days before "
                    + p.expiresAt() + " is not due");
        }
        // decided as of the instant it fell due, however late the scheduler runs it
        if (p.depletedBy(due) || p.expiryRemindedWithin(cmd.daysBefore())) {
            return; // nothing was left to lose then, or a reminder this close was already raised
        }
        apply(new PackageExpiryReminded(account.accountId(), p.packageId(), cmd.daysBefore(), p.expiresAt(),
                p.remaining(), due)); // raised as of its due instant: the same reminder however late the scheduler is
    }

    /**
     * The packages as they can pay at {@code now}: each one's remaining less the units that holds still alive
     * at {@code now} reserve (§9 "Holds": a held unit pays for nothing else while the hold lives).
     */
    Collection<LedgerPackage> available(ToIntFunction<String> heldOn) {
        List<LedgerPackage> out = new ArrayList<>(packages.size());
        for (LedgerPackage p : packages.values()) {
            int held = heldOn.applyAsInt(p.packageId());
            out.add(held == 0 ? p : p.withRemaining(Math.max(0, p.remaining() - held), p.depletedAt()));
        }
        return out;
    }

    /** FREE or PURCHASED: who pays when this package does. */
    static ChargedTo chargedTo(LedgerPackage payer) {
        return payer.kind() == PackageKind.FREE ? ChargedTo.FREE : ChargedTo.PURCHASED;
    }

    /**
     * Records the usage reminders a change of a package crosses. The 50/70/90 % thresholds count held units as
     * used (what is left to use is what the customer must plan with); depletion (100) counts only calls paid,
     * since a voided hold gives its unit back and a depleted package is one that can pay for nothing any more.
     *
     * @param usedAfter  calls paid after the change; {@code heldAfter} units held after it
     * @param requestId  the call that made the change (null: a hold)
     */
    void remindUsage(AccountFacts account, BillingPolicy policy, LedgerPackage p, int usedBefore, int usedAfter,
                     int heldBefore, int heldAfter, String requestId, Instant at, MetaData sender) {
        int reminded = usageReminded.getOrDefault(p.packageId(), 0);
        for (int percent : policy.reminders().crossed(p.size(), usedBefore + heldBefore, usedAfter + heldAfter)) {
            if (percent != 100 && percent > reminded) {
                apply(new PackageUsageReminded(account.accountId(), p.packageId(), percent, usedAfter + heldAfter,
                        p.size(), requestId, at), sender);
            }
        }
        if (policy.reminders().crossed(p.size(), usedBefore, usedAfter).contains(100)) {
            apply(new PackageUsageReminded(account.accountId(), p.packageId(), 100, usedAfter, p.size(), requestId,
                    at), sender);
        }
    }

    private LedgerPackage require(String packageId) {
        LedgerPackage p = packages.get(packageId);
        if (p == null) {
            throw new LedgerException(ErrorCode.PACKAGE_NOT_FOUND, "no package " + packageId);
        }
        return p;
    }

    // ------------------------------------------------------------------ its events

    void on(FreeGrantIssued e) {
        packages.put(e.packageId(), new LedgerPackage(e.packageId(), PackageKind.FREE, null, e.service(), e.size(),
                Money.ZERO, e.effectiveFrom(), e.expiresAt(), e.size(), false));
    }

    void on(PackagePurchased e) {
        purchaseCount++;
        packages.put(e.packageId(), new LedgerPackage(e.packageId(), PackageKind.PURCHASED, e.purchaseId(),
                e.service(), e.size(), e.price(), e.purchasedAt(), e.expiresAt(), e.size(), false));
        packageByPurchaseId.put(e.purchaseId(), e.packageId());
    }

    void on(PackageExpired e) {
        packages.computeIfPresent(e.packageId(), (id, p) -> p.asExpired());
    }

    void on(CallMetered e) {
        if (e.packageId() != null) {
            packages.computeIfPresent(e.packageId(), (id, p) -> p.withRemaining(e.packageRemainingAfter(),
                    e.recordedAt() == null ? e.occurredAt() : e.recordedAt()));
        }
    }

    void on(FreeGrantActivated e) {
        packages.computeIfPresent(e.packageId(), (id, p) -> p.asActivated());
    }

    void on(PackageUsageReminded e) {
        if (!e.depleted()) {
            usageReminded.merge(e.packageId(), e.percent(), Math::max);
        }
    }

    void on(PackageExpiryReminded e) {
        packages.computeIfPresent(e.packageId(), (id, p) -> p.remindedOfExpiry(e.daysBefore()));
    }
}
