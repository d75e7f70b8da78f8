package com.faceid.ledger.account;

import com.faceid.ledger.hold.HoldCaptured;
import com.faceid.ledger.hold.HoldExpired;
import com.faceid.ledger.hold.HoldPlaced;
import com.faceid.ledger.hold.HoldVoided;
import com.faceid.ledger.metering.CallMetered;
import com.faceid.ledger.prepaid.FreeGrantActivated;
import com.faceid.ledger.prepaid.FreeGrantIssued;
import com.faceid.ledger.prepaid.PackageExpired;
import com.faceid.ledger.prepaid.PackageExpiryReminded;
import com.faceid.ledger.prepaid.PackagePurchased;
import com.faceid.ledger.prepaid.PackageUsageReminded;
import com.faceid.ledger.statement.AdjustmentRecorded;
import com.faceid.ledger.statement.NegotiatedPriceAgreed;
import com.faceid.ledger.statement.StatementClosed;

/**
 * Which part of an {@link Account} each event changes: the account's own identity, its {@link Wallet}, its
 * {@link Holds} or its {@link Months} (a purchase and a call change two). The only path by which an account's
 * state changes, used by its one event-sourcing handler, whether a command just applied the event or the
 * account is being rebuilt from the store. A new event type does not compile until it is routed here.
 */
record Sourcing(Account account, Wallet wallet, Holds holds, Months months) implements AccountEvent.Visitor<Void> {
    @Override
    public Void on(AccountOpened e) {
        account.opened(e);
        return null;
    }

    @Override
    public Void on(PostpaidSwitched e) {
        account.switched(e);
        return null;
    }

    @Override
    public Void on(FreeGrantIssued e) {
        wallet.on(e);
        return null;
    }

    @Override
    public Void on(FreeGrantActivated e) {
        wallet.on(e);
        return null;
    }

    @Override
    public Void on(PackagePurchased e) {
        wallet.on(e);
        months.on(e);
        return null;
    }

    @Override
    public Void on(PackageExpired e) {
        wallet.on(e);
        return null;
    }

    @Override
    public Void on(PackageExpiryReminded e) {
        wallet.on(e);
        return null;
    }

    @Override
    public Void on(PackageUsageReminded e) {
        wallet.on(e);
        return null;
    }

    @Override
    public Void on(CallMetered e) {
        wallet.on(e);
        months.on(e);
        return null;
    }

    @Override
    public Void on(NegotiatedPriceAgreed e) {
        months.on(e);
        return null;
    }

    @Override
    public Void on(AdjustmentRecorded e) {
        months.on(e);
        return null;
    }

    @Override
    public Void on(StatementClosed e) {
        months.on(e);
        return null;
    }

    @Override
    public Void on(HoldPlaced e) {
        holds.on(e);
        return null;
    }

    @Override
    public Void on(HoldCaptured e) {
        holds.removed(e.holdId());
        return null;
    }

    @Override
    public Void on(HoldVoided e) {
        holds.removed(e.holdId());
        return null;
    }

    @Override
    public Void on(HoldExpired e) {
        holds.removed(e.holdId());
        return null;
    }
}
