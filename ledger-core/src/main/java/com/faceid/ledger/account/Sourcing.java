package com.faceid.ledger.account;

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
