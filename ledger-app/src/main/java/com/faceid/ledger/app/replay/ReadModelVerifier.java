package com.faceid.ledger.app.replay;

import com.faceid.ledger.app.account.AccountQueries;
import com.faceid.ledger.app.alert.AlertQueries;
import com.faceid.ledger.app.history.FoldCheckpoints;
import com.faceid.ledger.app.history.LedgerFold;
import com.faceid.ledger.app.integrity.HashChain;
import com.faceid.ledger.app.limits.FairShare;
import com.faceid.ledger.app.prepaid.PackageQueries;
import com.faceid.ledger.app.statement.StatementQueries;
import com.faceid.ledger.app.store.EventStoreReader;
import com.faceid.ledger.event.AccountEvent;
import com.faceid.ledger.event.AccountOpened;
import com.faceid.ledger.event.AdjustmentLine;
import com.faceid.ledger.event.AdjustmentRecorded;
import com.faceid.ledger.event.CallMetered;
import com.faceid.ledger.event.Service;
import com.faceid.ledger.event.StatementClosed;
import com.faceid.ledger.pricing.BillingPolicy;
import com.faceid.ledger.statement.ServiceUsage;
import com.faceid.ledger.statement.StatementFigures;
import com.faceid.ledger.whatif.Rerating;
import com.faceid.ledger.whatif.Scenario;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Rebuilds every account's read models aside, from its events alone ({@link LedgerFold}), and reports each
 * difference from the live tables, field by field. Also re-derives every closed month from its calls,
 * purchases and adjustments and checks it equals its StatementClosed event.
 */
@Component
public record ReadModelVerifier(JdbcTemplate jdbc, EventStoreReader events, BillingPolicy policy,
        FoldCheckpoints checkpoints, HashChain chain, PackageQueries packageQueries,
        StatementQueries statementQueries,
        AlertQueries alertQueries,
        AccountQueries accountQueries, FairShare fairShare) {
    /** One difference: which read model, which row (its key), which field, what the events say, what is there. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    @Schema(name = "ReadModelDifference")
    public record Difference(String readModel, String key, String field, String expected, String actual, String kind,
                             String accountId, Long sequence) {
        public Difference(String readModel, String key, String field, String expected, String actual) {
            this(readModel, key, field, expected, actual, null, null, null);
        }

        /** A link of an account's hash chain that does not hold (docs/audit.md). */
        static Difference chainBroken(HashChain.Break b) {
            return new Difference("event store", b.accountId() + "/" + b.sequence(), "chain", "each event hashes to"
                    + " its link", b.reason(), "CHAIN_BROKEN", b.accountId(), b.sequence());
        }
    }

    /**
     * @param caughtUp false when the read models were still behind the event store (just after a start, or
     *                 during a replay): differences may then only be lag; ask again
     */
    @Schema(name = "VerificationReport")
    public record Report(int accounts, long events, boolean caughtUp, List<Difference> differences) {
    }


    public Report verify() {
        return verify(true);
    }

    /** Every view against the events, within the caller's fair share of the node (it reads every event). */
    public Report verify(boolean caughtUp) {
        return fairShare.run("verify", null, () -> verifyNow(caughtUp));
    }

    private Report verifyNow(boolean caughtUp) {
        List<Difference> out = new ArrayList<>();
        List<String> accounts = events.accounts();
        long eventCount = 0;
        for (String account : accounts) {
            List<EventStoreReader.StoredEvent> history = events.all(account);
            eventCount += history.size();
            LedgerFold f = LedgerFold.of(account, history);
            accountRow(account, f, out);
            packages(account, f, out);
            usage(account, f, out);
            dailyUsage(account, f, history, out);
            statements(account, f, out);
            adjustments(account, f, out);
            alerts(account, f, out);
            negotiatedPrices(account, f, out);
            rerating(account, history, out);
            chain.verify(account, Long.MAX_VALUE).ifPresent(b -> out.add(Difference.chainBroken(b)));
            String fromCheckpoint = checkpoints.latest(account).toCheckpoint();
            if (!fromCheckpoint.equals(f.toCheckpoint())) {
                out.add(new Difference("fold_checkpoint", account, "state", "the fold of every event",
                        "the fold from the latest checkpoint differs"));
            }
        }
        Set<String> known = new HashSet<>(accounts);
        for (String live : jdbc.queryForList("SELECT account_id FROM account_view", String.class)) {
            if (!known.contains(live)) {
                out.add(new Difference("account_view", live, "row", "absent", "present"));
            }
        }
        return new Report(accounts.size(), eventCount, caughtUp, out);
    }

    /**
     * The what-if identity (billing-rules §9): the history re-rated with no change gives every closed statement
     * again, to the cent. A difference means the what-if engine and the ledger no longer agree on a rule.
     */
    private void rerating(String a, List<EventStoreReader.StoredEvent> history, List<Difference> out) {
        List<AccountEvent> events = history.stream()
                .map(EventStoreReader.StoredEvent::event).toList();
        if (events.isEmpty() || !(events.get(0) instanceof AccountOpened)) {
            return; // an account without its opening is reported by the other checks
        }
        Rerating.Rerated r;
        try {
            r = Rerating.rerate(events, Scenario.none(), policy,
                    history.get(history.size() - 1).timestamp());
        } catch (RuntimeException e) {
            out.add(new Difference("what-if", a, "re-rating", "the history re-rates", e.toString(),
                    "RERATE_MISMATCH", a, null));
            return;
        }
        r.notes().forEach(n -> out.add(new Difference("what-if", a, "re-rating", "nothing refused", n,
                "RERATE_MISMATCH", a, null)));
        for (AccountEvent e : events) {
            if (e instanceof StatementClosed s) {
                var m = r.month(s.month());
                StatementClosed again = m == null || !m.closed() ? null
                        : m.figures().closed(a, m.closedAt(), s.actor());
                if (!s.equals(again)) {
                    out.add(new Difference("what-if", a + "/" + s.month(), "statement", s.toString(),
                            String.valueOf(again), "RERATE_MISMATCH", a, null));
                }
            }
        }
    }

    private void accountRow(String a, LedgerFold f, List<Difference> out) {
        var row = accountQueries.find(a);
        if (row.isEmpty()) {
            out.add(new Difference("account_view", a, "row", "present", "absent"));
            return;
        }
        // the view keeps microseconds (H2's and PostgreSQL's timestamp precision)
        fieldByField(out, "account_view", a, new AccountQueries.AccountRow(a,
                f.openedAt.truncatedTo(ChronoUnit.MICROS), ZoneId.of(f.zone),
                f.postpaidEnabled, f.closedThrough), row.get());
    }

    /** The package rows as the events make them against the view's, as {@link PackageQueries} reads them. */
    private void packages(String a, LedgerFold f, List<Difference> out) {
        Map<String, PackageQueries.PackageRow> live = new HashMap<>();
        packageQueries.ofAccount(a).forEach(r -> live.put(r.packageId(), r));
        for (PackageQueries.PackageRow p : f.packages.values()) {
            String key = a + "/" + p.packageId();
            PackageQueries.PackageRow r = live.remove(p.packageId());
            if (r == null) {
                out.add(new Difference("package_view", key, "row", "present", "absent"));
                continue;
            }
            fieldByField(out, "package_view", key, p, r);
        }
        live.keySet().forEach(k -> out.add(new Difference("package_view", a + "/" + k, "row", "absent", "present")));
    }

    /** Every component of two rows of one record type (the row type the view's queries and the fold share). */
    private static void fieldByField(List<Difference> out, String model, String key, Record expected, Record actual) {
        for (RecordComponent c : expected.getClass().getRecordComponents()) {
            try {
                check(out, model, key, c.getName(), c.getAccessor().invoke(expected), c.getAccessor().invoke(actual));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("a record's accessor is public: " + c, e);
            }
        }
    }

    /** The monthly counters, as the statement queries read them, against the fold's: counter by counter. */
    private void usage(String a, LedgerFold f, List<Difference> out) {
        Map<YearMonth, Map<Service, ServiceUsage>> live = statementQueries.usage(a, null);
        Set<String> seen = new HashSet<>();
        for (Map.Entry<YearMonth, Map<Service, ServiceUsage>> m : f.usage.entrySet()) {
            for (Map.Entry<Service, ServiceUsage> s : m.getValue().entrySet()) {
                String key = a + "/" + m.getKey() + "/" + s.getKey();
                seen.add(key);
                ServiceUsage actual = live.getOrDefault(m.getKey(), Map.of()).get(s.getKey());
                if (actual == null) {
                    out.add(new Difference("usage_view", key, "row", "present", "absent"));
                    continue;
                }
                Map<String, Long> have = actual.counters();
                s.getValue().counters().forEach((name, expected) ->
                        check(out, "usage_view", key, name, expected, have.get(name)));
            }
        }
        live.forEach((month, services) -> services.keySet().stream().map(s -> a + "/" + month + "/" + s)
                .filter(k -> !seen.contains(k))
                .forEach(k -> out.add(new Difference("usage_view", k, "row", "absent", "present"))));
    }

    /** Calls per service, day (in the account's zone) and payer: the console's charts. */
    private void dailyUsage(String a, LedgerFold f, List<EventStoreReader.StoredEvent> history, List<Difference> out) {
        Map<String, Long> expected = new TreeMap<>();
        for (EventStoreReader.StoredEvent e : history) {
            if (e.event() instanceof CallMetered c) {
                String day = c.occurredAt().atZone(ZoneId.of(f.zone)).toLocalDate().toString();
                expected.merge(c.service() + "/" + day + "/" + c.chargedTo() + "/"
                        + (c.packageId() == null ? "" : c.packageId()), 1L, Long::sum);
            }
        }
        Map<String, Long> live = new HashMap<>();
        jdbc.query("SELECT service, usage_day, charged_to, package_id, calls FROM daily_usage_view WHERE account_id = ?",
                (ResultSet r) -> {
                    live.put(r.getString(1) + "/" + r.getString(2) + "/" + r.getString(3) + "/" + r.getString(4),
                            r.getLong(5));
                }, a);
        expected.forEach((k, n) -> {
            Long actual = live.remove(k);
            if (actual == null) {
                out.add(new Difference("daily_usage_view", a + "/" + k, "row", "present", "absent"));
            } else {
                check(out, "daily_usage_view", a + "/" + k, "calls", n, actual);
            }
        });
        live.keySet().forEach(k -> out.add(new Difference("daily_usage_view", a + "/" + k, "row", "absent", "present")));
    }

    /**
     * Each closing event against the month re-derived from its calls, purchases and adjustments, and against the
     * closed statement as the statement queries read it (statement_view), figure by figure.
     */
    private void statements(String a, LedgerFold f, List<Difference> out) {
        Map<YearMonth, StatementQueries.Statement> live;
        try {
            live = new HashMap<>(statementQueries.closedStatements(a));
        } catch (IllegalStateException unreadable) {
            out.add(new Difference("statement_view", a, "row", "readable", unreadable.getMessage()));
            live = new HashMap<>();
        }
        for (StatementClosed s : f.closed.values()) {
            String key = a + "/" + s.month();
            // the closing event against the same month re-derived from its calls, purchases and adjustments
            StatementFigures again = f.recompute(s.month(), policy);
            check(out, "StatementClosed", key, "lines", s.lines(), again.lines());
            check(out, "StatementClosed", key, "totalSpend", s.totalSpend(), again.totalSpend());
            check(out, "StatementClosed", key, "prepaidSpend", s.prepaidSpend(), again.prepaidSpend());
            check(out, "StatementClosed", key, "adjustmentTotal", s.adjustmentTotal(), again.adjustmentTotal());
            var r = live.remove(s.month());
            if (r == null) {
                out.add(new Difference("statement_view", key, "row", "present", "absent"));
                continue;
            }
            fieldByField(out, "statement_view", key, new StatementFigures(s.month(), s.catalogVersion(),
                    s.tierConvention(), s.lines(), s.purchases(), s.adjustments() == null ? List.of() : s.adjustments(),
                    s.prepaidSpend(), s.postpaidAmount(), s.adjustmentTotal(), s.totalSpend()), r.figures());
            // the view keeps microseconds (H2's and PostgreSQL's timestamp precision)
            check(out, "statement_view", key, "closedAt", s.closedAt().truncatedTo(ChronoUnit.MICROS),
                    r.closedAt());
        }
        live.keySet().forEach(k -> out.add(new Difference("statement_view", a + "/" + k, "row", "absent", "present")));
    }

    /** Each adjustment as the statement queries read it against its event: the month, then field by field. */
    private void adjustments(String a, LedgerFold f, List<Difference> out) {
        Map<String, StatementQueries.Citing> live = new HashMap<>();
        statementQueries.adjustmentsOf(a).forEach(c -> live.put(c.adjustment().adjustmentId(), c));
        for (AdjustmentRecorded e : f.adjustments.values()) {
            String key = a + "/" + e.adjustmentId();
            var r = live.remove(e.adjustmentId());
            if (r == null) {
                out.add(new Difference("adjustment_view", key, "row", "present", "absent"));
                continue;
            }
            check(out, "adjustment_view", key, "month", e.month(), r.month());
            // the view keeps microseconds (H2's and PostgreSQL's timestamp precision)
            fieldByField(out, "adjustment_view", key, new AdjustmentLine(e.adjustmentId(),
                    e.correctsMonth(), e.amount(), e.reason(), e.requestId(), e.actor(),
                    e.at() == null ? null : e.at().truncatedTo(ChronoUnit.MICROS)), r.adjustment());
        }
        live.keySet().forEach(k -> out.add(new Difference("adjustment_view", a + "/" + k, "row", "absent", "present")));
    }

    private void negotiatedPrices(String a, LedgerFold f, List<Difference> out) {
        Map<String, BigDecimal> live = new TreeMap<>();
        jdbc.queryForList("SELECT service, effective_from, unit_price FROM negotiated_price_view WHERE account_id = ?",
                a).forEach(r -> live.put(r.get("service") + "/" + r.get("effective_from"),
                (BigDecimal) r.get("unit_price")));
        Map<String, BigDecimal> expected = new TreeMap<>();
        f.negotiated.byService.forEach((service, prices) -> prices.forEach((month, price) ->
                expected.put(service + "/" + month, price)));
        expected.forEach((k, price) -> {
            BigDecimal row = live.remove(k);
            if (row == null) {
                out.add(new Difference("negotiated_price_view", a + "/" + k, "row", "present", "absent"));
            } else if (row.compareTo(price) != 0) {
                out.add(new Difference("negotiated_price_view", a + "/" + k, "unit_price", price.toPlainString(),
                        row.toPlainString()));
            }
        });
        live.keySet().forEach(k -> out.add(new Difference("negotiated_price_view", a + "/" + k, "row", "absent",
                "present")));
    }

    private void alerts(String a, LedgerFold f, List<Difference> out) {
        Map<String, Integer> live = new HashMap<>();
        alertQueries.recorded(a).forEach(r ->
                live.merge(r.packageId() + "|" + r.kind() + "|" + r.threshold(), 1, Integer::sum));
        Set<String> keys = new HashSet<>(f.alerts.keySet());
        keys.addAll(live.keySet());
        for (String k : keys) {
            check(out, "alert_view", a + "/" + k, "count", f.alerts.getOrDefault(k, 0), live.getOrDefault(k, 0));
        }
    }

    private static void check(List<Difference> out, String model, String key, String field, Object expected,
                              Object actual) {
        if (!same(expected, actual)) {
            out.add(new Difference(model, key, field, String.valueOf(expected), String.valueOf(actual)));
        }
    }

    private static boolean same(Object expected, Object actual) {
        if (expected instanceof BigDecimal e && actual instanceof BigDecimal a) {
            return e.compareTo(a) == 0;
        }
        if (expected instanceof Number e && actual instanceof Number a) {
            return e.longValue() == a.longValue();
        }
        return Objects.equals(expected, actual);
    }
}
