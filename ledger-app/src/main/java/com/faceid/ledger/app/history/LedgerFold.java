package com.faceid.ledger.app.history;

import com.faceid.ledger.app.axon.SerializationConfig;
import com.faceid.ledger.app.prepaid.PackageQueries.PackageRow;
import com.faceid.ledger.app.statement.StatementQueries;
import com.faceid.ledger.app.store.EventStoreReader;
import com.faceid.ledger.event.AccountEvent;
import com.faceid.ledger.event.AccountOpened;
import com.faceid.ledger.event.AdjustmentLine;
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
import com.faceid.ledger.event.PurchaseLine;
import com.faceid.ledger.event.Service;
import com.faceid.ledger.event.StatementClosed;
import com.faceid.ledger.hold.Hold;
import com.faceid.ledger.prepaid.PackageKind;
import com.faceid.ledger.pricing.BillingPolicy;
import com.faceid.ledger.pricing.TierConvention;
import com.faceid.ledger.pricing.TierPricer;
import com.faceid.ledger.statement.NegotiatedPrices;
import com.faceid.ledger.statement.ServiceUsage;
import com.faceid.ledger.statement.StatementCalculator;
import com.faceid.ledger.statement.StatementFigures;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One account's read models rebuilt "aside" from its recorded events alone: what account_view, package_view,
 * usage_view, statement_view, adjustment_view and alert_view should hold. Used by verify (compared with the
 * live tables) and by the as-of queries (events recorded up to an instant).
 */
public final class LedgerFold {
    private static final ObjectMapper JSON = SerializationConfig.storageMapper();

    public Instant openedAt;
    public String zone;
    public boolean postpaidEnabled;
    public YearMonth closedThrough;
    public final Map<String, PackageRow> packages = new LinkedHashMap<>();
    public final Map<YearMonth, Map<Service, ServiceUsage>> usage = new TreeMap<>();
    public final Map<YearMonth, StatementClosed> closed = new TreeMap<>();
    public final Map<YearMonth, List<PurchaseLine>> purchases = new TreeMap<>();
    public final Map<String, AdjustmentRecorded> adjustments = new LinkedHashMap<>();
    public final NegotiatedPrices negotiated;
    /** packageId|kind|threshold → how many alerts */
    public final Map<String, Integer> alerts = new TreeMap<>();
    /** Holds placed and not yet captured, voided or recorded as expired (the clock decides if they still hold). */
    public final Map<String, Hold> holds = new LinkedHashMap<>();
    private final String accountId;

    public LedgerFold(String accountId) {
        this(accountId, new NegotiatedPrices());
    }

    private LedgerFold(String accountId, NegotiatedPrices negotiated) {
        this.accountId = accountId;
        this.negotiated = negotiated;
    }

    /** The checkpoint format ({@link FoldCheckpoints}): raise it when the fold's state changes shape. */
    public static final int FORMAT = 2; // 2: the holds

    /** The fold's state as stored in a checkpoint: plain lists and maps, restored into the typed ones. */
    record State(Instant openedAt, String zone, boolean postpaidEnabled, YearMonth closedThrough,
                 List<PackageRow> packages, Map<YearMonth, Map<Service, ServiceUsage>> usage,
                 List<StatementClosed> closed, Map<YearMonth, List<PurchaseLine>> purchases,
                 List<AdjustmentRecorded> adjustments, NegotiatedPrices negotiated, Map<String, Integer> alerts,
                 List<Hold> holds) {
    }

    public String toCheckpoint() {
        try {
            return JSON.writeValueAsString(new State(openedAt, zone, postpaidEnabled, closedThrough,
                    List.copyOf(packages.values()), usage, List.copyOf(closed.values()), purchases,
                    List.copyOf(adjustments.values()), negotiated, alerts, List.copyOf(holds.values())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("fold of " + accountId + " cannot be stored", e);
        }
    }

    public static LedgerFold fromCheckpoint(String accountId, String json) {
        State s;
        try {
            s = JSON.readValue(json, State.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable checkpoint of " + accountId, e);
        }
        LedgerFold f = new LedgerFold(accountId, s.negotiated());
        f.openedAt = s.openedAt();
        f.zone = s.zone();
        f.postpaidEnabled = s.postpaidEnabled();
        f.closedThrough = s.closedThrough();
        s.packages().forEach(p -> f.packages.put(p.packageId(), p));
        s.usage().forEach((month, byService) -> {
            Map<Service, ServiceUsage> m = new EnumMap<>(Service.class);
            m.putAll(byService);
            f.usage.put(month, m);
        });
        s.closed().forEach(c -> f.closed.put(c.month(), c));
        s.purchases().forEach((month, lines) -> f.purchases.put(month, new ArrayList<>(lines)));
        s.adjustments().forEach(a -> f.adjustments.put(a.adjustmentId(), a));
        f.alerts.putAll(s.alerts());
        s.holds().forEach(h -> f.holds.put(h.holdId(), h));
        return f;
    }

    public static LedgerFold of(String accountId, List<EventStoreReader.StoredEvent> events) {
        LedgerFold f = new LedgerFold(accountId);
        events.forEach(f::apply);
        return f;
    }

    public void apply(EventStoreReader.StoredEvent stored) {
        stored.event().accept(applier);
    }

    /** What each event does to the fold: one method per event type (a new type will not compile without it). */
    private final AccountEvent.Visitor<Void> applier = new AccountEvent.Visitor<>() {
        @Override
        public Void on(AccountOpened o) {
            openedAt = o.openedAt();
            zone = o.zone();
            postpaidEnabled = o.postpaidEnabled();
            return null;
        }

        @Override
        public Void on(PostpaidSwitched p) {
            postpaidEnabled = p.enabled();
            return null;
        }

        @Override
        public Void on(FreeGrantIssued g) {
            packages.put(g.packageId(), new PackageRow(accountId, g.packageId(), PackageKind.FREE, null,
                    g.service(), g.size(), 0, g.size(), 0, BigDecimal.ZERO.setScale(2), g.effectiveFrom(),
                    g.expiresAt(), false, null, g.catalogVersion()));
            return null;
        }

        @Override
        public Void on(FreeGrantActivated e) {
            return null; // no read-model row of its own
        }

        @Override
        public Void on(PackagePurchased p) {
            packages.put(p.packageId(), new PackageRow(accountId, p.packageId(), PackageKind.PURCHASED,
                    p.purchaseId(), p.service(), p.size(), 0, p.size(), 0, p.price(), p.purchasedAt(),
                    p.expiresAt(), false, p.month(), p.catalogVersion()));
            purchases.computeIfAbsent(p.month(), m -> new ArrayList<>())
                    .add(new PurchaseLine(p.packageId(), p.service(), p.size(), p.price(), p.purchasedAt()));
            return null;
        }

        @Override
        public Void on(PackageExpired x) {
            PackageRow r = packages.get(x.packageId());
            packages.put(r.packageId(), with(r, r.used(), 0, x.forfeited(), true));
            return null;
        }

        @Override
        public Void on(PackageExpiryReminded r) {
            alerts.merge(r.packageId() + "|EXPIRING|" + r.daysBefore(), 1, Integer::sum);
            return null;
        }

        @Override
        public Void on(PackageUsageReminded r) {
            alerts.merge(r.packageId() + "|" + (r.depleted() ? "DEPLETED" : "USAGE") + "|" + r.percent(), 1,
                    Integer::sum);
            return null;
        }

        @Override
        public Void on(CallMetered c) {
            if (c.packageId() != null) {
                PackageRow r = packages.get(c.packageId());
                packages.put(r.packageId(), with(r, r.size() - c.packageRemainingAfter(),
                        c.packageRemainingAfter(), r.forfeited(), r.expired()));
            }
            usage.computeIfAbsent(c.month(), m -> new EnumMap<>(Service.class))
                    .computeIfAbsent(c.service(), s -> new ServiceUsage()).count(c.billable(), c.chargedTo());
            return null;
        }

        @Override
        public Void on(NegotiatedPriceAgreed n) {
            negotiated.record(n);
            return null;
        }

        @Override
        public Void on(AdjustmentRecorded a) {
            adjustments.put(a.adjustmentId(), a);
            return null;
        }

        @Override
        public Void on(StatementClosed c) {
            closed.put(c.month(), c);
            closedThrough = c.month();
            return null;
        }

        // Holds reserve units while they live (a captured hold's charge is its CallMetered): the fold keeps the
        // ones placed and not finished, so an as-of quota shows what they held then.
        @Override
        public Void on(HoldPlaced e) {
            if (e.status() == HoldStatus.HELD) {
                holds.put(e.holdId(), Hold.of(e));
            }
            return null;
        }

        @Override
        public Void on(HoldCaptured e) {
            holds.remove(e.holdId());
            return null;
        }

        @Override
        public Void on(HoldVoided e) {
            holds.remove(e.holdId());
            return null;
        }

        @Override
        public Void on(HoldExpired e) {
            holds.remove(e.holdId());
            return null;
        }
    };

    /** Units reserved at {@code at} by package: holds placed by then, not finished, not past their expiry. */
    public Map<String, Integer> heldByPackage(Instant at) {
        Map<String, Integer> out = new HashMap<>();
        holds.values().stream().filter(h -> h.packageId() != null && h.reserves(h.packageId(), at))
                .forEach(h -> out.merge(h.packageId(), 1, Integer::sum));
        return out;
    }

    /** A month's statement from these events: the closing event if it is closed, else the running figures. */
    public StatementFigures figures(YearMonth month, BillingPolicy policy) {
        StatementClosed s = closed.get(month);
        if (s != null) {
            return new StatementFigures(month, s.catalogVersion(), s.tierConvention(), s.lines(), s.purchases(),
                    s.adjustments(), s.prepaidSpend(), s.postpaidAmount(), s.adjustmentTotal(), s.totalSpend());
        }
        return recompute(month, policy);
    }

    /**
     * The month's statement as these events and the clock at {@code now} have it: a month past its deadline is
     * closed in effect, as {@link StatementQueries#of} shows it.
     */
    public StatementQueries.Statement statement(YearMonth month, BillingPolicy policy,
                                                                               Instant now) {
        var s = statement(month, policy);
        if (s.status() == StatementQueries.Status.CLOSED || openedAt == null) {
            return s;
        }
        ZoneId z = ZoneId.of(zone);
        YearMonth through = StatementQueries.closedThrough(closedThrough, openedAt, z,
                policy, now, m -> statement(m, policy).status()
                        != StatementQueries.Status.OPEN);
        return month.isAfter(through) ? s
                : StatementQueries.closedByTheClock(s, z, policy);
    }

    /** The month's statement (status, closing instant, figures) as these events have it. */
    public StatementQueries.Statement statement(YearMonth month, BillingPolicy policy) {
        StatementFigures f = figures(month, policy);
        StatementClosed s = closed.get(month);
        var status = s != null ? StatementQueries.Status.CLOSED
                : f.awaitingPrice() ? StatementQueries.Status.AWAITING_PRICE
                : StatementQueries.Status.OPEN;
        return new StatementQueries.Statement(accountId, month, status,
                s == null ? null : s.closedAt(), f);
    }

    /** A month recomputed from its calls, purchases and adjustments, whatever its closing event says. */
    public StatementFigures recompute(YearMonth month, BillingPolicy policy) {
        List<AdjustmentLine> adj = adjustments.values().stream().filter(a -> a.month().equals(month))
                .map(AdjustmentLine::of).toList();
        StatementClosed s = closed.get(month);
        return StatementCalculator.compute(month, usage.getOrDefault(month, Map.of()),
                purchases.getOrDefault(month, List.of()),
                s != null ? policy.catalogs().version(s.catalogVersion()).orElse(policy.catalogs().inForceFor(month))
                        : policy.catalogs().inForceFor(month),
                s != null ? new TierPricer(
                        TierConvention.valueOf(s.tierConvention())) : policy.pricer(),
                svc -> negotiated.priceFor(svc, month), adj);
    }

    private static PackageRow with(PackageRow r, int used, int remaining, int forfeited, boolean expired) {
        return new PackageRow(r.accountId(), r.packageId(), r.kind(), r.purchaseId(), r.service(), r.size(), used,
                remaining, forfeited, r.price(), r.effectiveFrom(), r.expiresAt(), expired, r.month(),
                r.catalogVersion());
    }
}
