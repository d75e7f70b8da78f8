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

import java.util.Arrays;
import java.util.List;
import java.util.Comparator;

/**
 * Every event of an {@code Account}. Code that branches on the kind of event does it through a
 * {@link Visitor}, which has one method per event type: a new event type is a compile error in every
 * consumer until it handles it (Java 17 has no exhaustive pattern switch, and the events live in several
 * packages, which a sealed interface of the unnamed module cannot span). The visitor's methods are also the
 * list of event types ({@link #TYPES}) that the golden-event corpus and docs/events.md are checked against.
 * <p>
 * Which method an event goes to is decided once, in {@link Visitor#visit}, rather than by an {@code accept}
 * method spelled again in every event record. What the compiler no longer checks there, two tests do:
 * {@code EventDispatchTest} finds every class of ledger-core that implements this interface and requires it in
 * {@link #TYPES}, and sends one event of each type through {@link #accept} to the method of its own type.
 */
public interface AccountEvent {
    String accountId();

    /** This event, handed to the visitor's method for its type. */
    default <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }

    /** One method per event type. */
    interface Visitor<R> {
        R on(AccountOpened e);

        R on(PostpaidSwitched e);

        R on(FreeGrantIssued e);

        R on(FreeGrantActivated e);

        R on(PackagePurchased e);

        R on(PackageExpired e);

        R on(PackageExpiryReminded e);

        R on(PackageUsageReminded e);

        R on(CallMetered e);

        R on(NegotiatedPriceAgreed e);

        R on(AdjustmentRecorded e);

        R on(StatementClosed e);

        R on(HoldPlaced e);

        R on(HoldCaptured e);

        R on(HoldVoided e);

        R on(HoldExpired e);

        /**
         * The one place that maps an event to its method. The types are disjoint, so the order decides nothing but
         * speed: CallMetered, nearly every event of a long history (a what-if or an as-of fold reads a million),
         * is looked for first.
         */
        default R visit(AccountEvent e) {
            if (e instanceof CallMetered x) {
                return on(x);
            }
            if (e instanceof AccountOpened x) {
                return on(x);
            }
            if (e instanceof PostpaidSwitched x) {
                return on(x);
            }
            if (e instanceof FreeGrantIssued x) {
                return on(x);
            }
            if (e instanceof FreeGrantActivated x) {
                return on(x);
            }
            if (e instanceof PackagePurchased x) {
                return on(x);
            }
            if (e instanceof PackageExpired x) {
                return on(x);
            }
            if (e instanceof PackageExpiryReminded x) {
                return on(x);
            }
            if (e instanceof PackageUsageReminded x) {
                return on(x);
            }
            if (e instanceof NegotiatedPriceAgreed x) {
                return on(x);
            }
            if (e instanceof AdjustmentRecorded x) {
                return on(x);
            }
            if (e instanceof StatementClosed x) {
                return on(x);
            }
            if (e instanceof HoldPlaced x) {
                return on(x);
            }
            if (e instanceof HoldCaptured x) {
                return on(x);
            }
            if (e instanceof HoldVoided x) {
                return on(x);
            }
            if (e instanceof HoldExpired x) {
                return on(x);
            }
            throw new IllegalArgumentException("no visitor method for " + e.getClass().getName()
                    + " (add it to AccountEvent.Visitor)");
        }
    }

    /** Every event type, from the visitor's methods (one place defines the list). */
    List<Class<?>> TYPES = Arrays.stream(Visitor.class.getDeclaredMethods()).filter(m -> m.getName().equals("on"))
            .<Class<?>>map(m -> m.getParameterTypes()[0]).distinct()
            .sorted(Comparator.comparing(Class::getSimpleName)).toList();
}
