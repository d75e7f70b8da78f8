package com.faceid.ledger.app.statement;

import com.faceid.ledger.account.BillingCalendar;
import com.faceid.ledger.app.account.AccountQueries;
import com.faceid.ledger.app.account.ClosedMonths;
import com.faceid.ledger.app.axon.SerializationConfig;
import com.faceid.ledger.app.prepaid.PackageQueries;
import com.faceid.ledger.event.AdjustmentLine;
import com.faceid.ledger.event.Money;
import com.faceid.ledger.event.PurchaseLine;
import com.faceid.ledger.event.Service;
import com.faceid.ledger.event.StatementLine;
import com.faceid.ledger.pricing.BillingPolicy;
import com.faceid.ledger.statement.NegotiatedPrices;
import com.faceid.ledger.statement.ServiceUsage;
import com.faceid.ledger.statement.StatementCalculator;
import com.faceid.ledger.statement.StatementFigures;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A month's statement: a closed month is exactly what its StatementClosed event said; an open month is
 * computed from the running counters with the same {@link StatementCalculator} the aggregate closes with,
 * so the estimate and the final bill can differ only by what happens before the close.
 */
@Component
public record StatementQueries(JdbcTemplate jdbc, PackageQueries packages, BillingPolicy policy, Clock clock,
        ChainLinks chain) implements ClosedMonths {
    @Schema(name = "StatementStatus")
    public enum Status { OPEN, AWAITING_PRICE, CLOSED }

    public record Statement(String accountId, YearMonth month, Status status, Instant closedAt,
                            StatementFigures figures) {
    }

    private static final ObjectMapper JSON = SerializationConfig.storageMapper();

    /** The month's statement as the events and the ledger clock have it now. */
    public Statement of(AccountQueries.AccountRow account, YearMonth month) {
        Optional<Statement> closed = closed(account.accountId(), month);
        if (closed.isPresent()) {
            return closed.get();
        }
        Statement running = running(account.accountId(), month);
        return month.isAfter(closedThrough(account)) ? running : closedByTheClock(running, account.zone(), policy);
    }

    /**
     * Every month up to this one is closed, by the events or by the clock: the months after the last recorded
     * close that are past their close deadline are closed in effect (they accept nothing more, billing-rules
     * §9) unless one awaits a negotiated price, which holds it and every later month open, as the close would.
     * So an account and its statements read the same before and after the scheduler records the close.
     */
    @Override
    public YearMonth closedThrough(AccountQueries.AccountRow account) {
        return closedThrough(account.closedThrough(), account.openedAt(), account.zone(), policy, clock.instant(),
                m -> running(account.accountId(), m).status() != Status.OPEN);
    }

    /**
     * The rule of {@link #closedThrough(AccountQueries.AccountRow)}, for the read models and for a fold of the
     * events (as-of answers): from the last recorded close, each next month past its deadline at {@code now}
     * counts as closed until one awaits a price.
     */
    public static YearMonth closedThrough(YearMonth recorded, Instant openedAt, ZoneId zone,
                                          BillingPolicy policy, Instant now,
                                          Predicate<YearMonth> awaitsPrice) {
        BillingCalendar cal = new BillingCalendar(zone);
        YearMonth m = recorded != null ? recorded : cal.monthOf(openedAt).minusMonths(1);
        while (!now.isBefore(cal.closeDeadline(m.plusMonths(1), policy.closeGrace())) && !awaitsPrice.test(m.plusMonths(1))) {
            m = m.plusMonths(1);
        }
        return m;
    }

    /** An open month past its deadline, shown as the close will record it: closed at its deadline. */
    public static Statement closedByTheClock(Statement running, ZoneId zone, BillingPolicy policy) {
        return new Statement(running.accountId(), running.month(), Status.CLOSED,
                new BillingCalendar(zone).closeDeadline(running.month(), policy.closeGrace()),
                running.figures());
    }

    private static final String CLOSED = "SELECT billing_month, closed_at, catalog_version, tier_convention,"
            + " lines_json, purchases_json, prepaid_spend, postpaid_amount, adjustment_total, total_spend,"
            + " adjustments_json FROM statement_view WHERE account_id = ?";

    /** A row of statement_view, whose columns are read here only. */
    private Statement closedRow(String accountId, ResultSet rs) throws SQLException {
        YearMonth month = YearMonth.parse(rs.getString(1));
        try {
            List<StatementLine> lines = JSON.readValue(rs.getString(5), new TypeReference<>() { });
            List<PurchaseLine> purchases = JSON.readValue(rs.getString(6), new TypeReference<>() { });
            List<AdjustmentLine> adjustments = rs.getString(11) == null ? List.of()
                    : JSON.readValue(rs.getString(11), new TypeReference<>() { });
            return new Statement(accountId, month, Status.CLOSED, rs.getTimestamp(2).toInstant(),
                    new StatementFigures(month, rs.getString(3), rs.getString(4), lines, purchases, adjustments,
                            Money.of(rs.getBigDecimal(7)), Money.of(rs.getBigDecimal(8)),
                            Money.of(rs.getBigDecimal(9)), Money.of(rs.getBigDecimal(10))));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("unreadable statement_view row " + accountId + " " + month, e);
        }
    }

    private Optional<Statement> closed(String accountId, YearMonth month) {
        return jdbc.query(CLOSED + " AND billing_month = ?", (rs, i) -> closedRow(accountId, rs), accountId,
                month.toString()).stream().findFirst();
    }

    /** Every closed statement of the account as statement_view holds it, by month (verify reads them). */
    public Map<YearMonth, Statement> closedStatements(String accountId) {
        Map<YearMonth, Statement> all = new TreeMap<>();
        jdbc.query(CLOSED, (rs, i) -> closedRow(accountId, rs), accountId).forEach(st -> all.put(st.month(), st));
        return all;
    }

    /**
     * A closed statement's digest: the link of its StatementClosed event, the head of the account's hash chain
     * when the close was recorded (docs/audit.md). It certifies the recorded close, so a month closed by the
     * clock whose close is not recorded yet has none: the one part of an answer that waits for the step.
     */
    public StatementView.StatementDigest digest(Statement s) {
        if (s.status() != Status.CLOSED) {
            return null;
        }
        List<Object[]> rows = jdbc.query("SELECT close_sequence, close_hash FROM statement_view WHERE account_id = ?"
                        + " AND billing_month = ? AND close_sequence IS NOT NULL",
                (rs, i) -> new Object[]{rs.getLong(1), rs.getString(2)}, s.accountId(), s.month().toString());
        if (rows.isEmpty()) {
            return null;
        }
        long sequence = (Long) rows.get(0)[0];
        String hash = (String) rows.get(0)[1];
        if (hash == null) { // closed before the chain existed: its link is in the backfill
            hash = chain.hashAt(s.accountId(), sequence).orElse(null);
        }
        return hash == null ? null : new StatementView.StatementDigest(sequence, hash);
    }

    /**
     * The monthly usage counters of an account (usage_view), by month and service, of one month or (null) all:
     * the view's columns are read here only.
     */
    public Map<YearMonth, Map<Service, ServiceUsage>> usage(String accountId, YearMonth month) {
        Map<YearMonth, Map<Service, ServiceUsage>> usage = new TreeMap<>();
        jdbc.query("SELECT billing_month, service, calls, billable, paid_by_free, paid_by_purchased, postpaid, refused"
                + " FROM usage_view WHERE account_id = ?" + (month == null ? "" : " AND billing_month = ?"), rs -> {
            ServiceUsage u = new ServiceUsage();
            u.calls = rs.getLong(3);
            u.billable = rs.getLong(4);
            u.paidByFree = rs.getLong(5);
            u.paidByPurchased = rs.getLong(6);
            u.postpaid = rs.getLong(7);
            u.refused = rs.getLong(8);
            usage.computeIfAbsent(YearMonth.parse(rs.getString(1)), m -> new EnumMap<>(Service.class))
                    .put(Service.valueOf(rs.getString(2)), u);
        }, month == null ? new Object[]{accountId} : new Object[]{accountId, month.toString()});
        return usage;
    }

    private Statement running(String accountId, YearMonth month) {
        Map<Service, ServiceUsage> usage = usage(accountId, month).getOrDefault(month, new EnumMap<>(Service.class));
        List<PurchaseLine> purchases = packages.purchasedIn(accountId, month).stream()
                .map(p -> new PurchaseLine(p.packageId(), p.service(), p.size(), p.price(), p.effectiveFrom()))
                .sorted(Comparator.comparing(PurchaseLine::purchasedAt).thenComparing(PurchaseLine::packageId))
                .toList();
        NegotiatedPrices prices = negotiatedPrices(accountId);
        StatementFigures f = StatementCalculator.compute(month, usage, purchases, policy.catalogs().inForceFor(month),
                policy.pricer(), s -> prices.priceFor(s, month), adjustments(accountId, month));
        return new Statement(accountId, month, f.awaitingPrice() ? Status.AWAITING_PRICE : Status.OPEN, null, f);
    }

    /** An adjustment with the month it landed on: a row of adjustment_view, whose columns are read here only. */
    public record Citing(YearMonth month, AdjustmentLine adjustment) {
    }

    private static final String ADJUSTMENTS = "SELECT billing_month, adjustment_id, corrects_month, amount, reason,"
            + " request_id, actor, recorded_at FROM adjustment_view WHERE account_id = ?";

    private static Citing adjustment(ResultSet rs, int row) throws SQLException {
        return new Citing(YearMonth.parse(rs.getString(1)), new AdjustmentLine(rs.getString(2),
                YearMonth.parse(rs.getString(3)), rs.getBigDecimal(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getTimestamp(8) == null ? null : rs.getTimestamp(8).toInstant()));
    }

    /** The adjustments that name a call (their requestId), oldest first. */
    public List<Citing> adjustmentsCiting(String accountId, String requestId) {
        return jdbc.query(ADJUSTMENTS + " AND request_id = ? ORDER BY recorded_at", StatementQueries::adjustment,
                accountId, requestId);
    }

    /** Every adjustment of the account, by id (verify compares them with the events). */
    public List<Citing> adjustmentsOf(String accountId) {
        return jdbc.query(ADJUSTMENTS + " ORDER BY adjustment_id", StatementQueries::adjustment, accountId);
    }

    /** Whether the adjustment view holds an adjustment (read-your-writes after recording one). */
    public boolean adjustmentRecorded(String accountId, String adjustmentId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM adjustment_view WHERE account_id = ? AND adjustment_id = ?",
                Integer.class, accountId, adjustmentId) > 0;
    }

    private List<AdjustmentLine> adjustments(String accountId, YearMonth month) {
        return jdbc.query(ADJUSTMENTS + " AND billing_month = ? ORDER BY recorded_at, adjustment_id",
                StatementQueries::adjustment, accountId, month.toString()).stream().map(Citing::adjustment).toList();
    }

    /** The account's agreed prices; which one a month pays is the domain's rule ({@link NegotiatedPrices}). */
    private NegotiatedPrices negotiatedPrices(String accountId) {
        NegotiatedPrices prices = new NegotiatedPrices();
        jdbc.query("SELECT service, effective_from, unit_price FROM negotiated_price_view WHERE account_id = ?",
                rs -> {
                    prices.agree(Service.valueOf(rs.getString(1)), YearMonth.parse(rs.getString(2)),
                            rs.getBigDecimal(3));
                }, accountId);
        return prices;
    }
}
