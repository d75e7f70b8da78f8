package com.faceid.ledger.event;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Every event of an {@code Account}: a sealed interface that permits exactly the event records of this package.
 * This package is the ledger's vocabulary of facts and the values they carry (services, money, statement lines);
 * it depends on no other package of the core, so every other package may read it and none is read by it
 * ({@code CoreBoundariesTest}).
 * <p>
 * Code that branches on the kind of event does it through a {@link Visitor}, which has one method per event
 * type: a new event type is a compile error in every consumer until it handles it (Java 17 has no exhaustive
 * pattern switch). The visitor's methods are also the list of event types ({@link #TYPES}) that the golden-event
 * corpus and docs/events.md are checked against; {@code EventDispatchTest} checks that list against the permitted
 * subclasses and sends one event of each type through {@link #accept} to the method of its own type.
 */
public sealed interface AccountEvent permits AccountOpened, PostpaidSwitched, FreeGrantIssued, FreeGrantActivated,
        PackagePurchased, PackageExpired, PackageExpiryReminded, PackageUsageReminded, CallMetered,
        NegotiatedPriceAgreed, AdjustmentRecorded, StatementClosed, HoldPlaced, HoldCaptured, HoldVoided,
        HoldExpired {
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
