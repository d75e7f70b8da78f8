package com.faceid.ledger.statement;

import com.faceid.ledger.account.OpenAccount;
import com.faceid.ledger.event.Service;
import com.faceid.ledger.event.StatementClosed;
import com.faceid.ledger.event.StatementLine;
import com.faceid.ledger.metering.MeterCall;
import com.faceid.ledger.prepaid.BuyPackage;
import com.faceid.ledger.pricing.BillingPolicy;
import com.faceid.ledger.support.LedgerHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

import static com.faceid.ledger.support.Times.t;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page's five worked examples (billing-rules.md §8), each through commands on a real Axon pipeline,
 * read off the StatementClosed event. The account was opened long before, so its grant has expired.
 */
class WorkedExamplesTest {
    static LedgerHarness ledger;
    static final YearMonth MARCH = YearMonth.of(2026, 3);
    static final Instant AFTER_MARCH = t("2026-04-02T00:00");

    @BeforeAll
    static void start() {
        ledger = new LedgerHarness(BillingPolicy.standard(), 0, true);
    }

    @AfterAll
    static void stop() {
        ledger.close();
    }

    static String openLongAgo(String id) {
        ledger.send(new OpenAccount(id, t("2024-01-05T10:00"), "Asia/Shanghai", true));
        return id;
    }

    static void calls(String account, Service service, int n) {
        Instant start = t("2026-03-02T08:00");
        for (int i = 0; i < n; i++) {
            Instant at = start.plusSeconds(i * 60L);
            ledger.send(new MeterCall(account, "r-" + i, service, at, "Success", at));
        }
    }

    static StatementClosed close(String account) {
        List<YearMonth> closed = ledger.send(new CloseStatement(account, MARCH, AFTER_MARCH, "test"));
        assertThat(closed).last().isEqualTo(MARCH);
        return ledger.events(account).stream().filter(StatementClosed.class::isInstance)
                .map(StatementClosed.class::cast).filter(s -> s.month().equals(MARCH)).findFirst().orElseThrow();
    }

    /** The month's statement, after checking that the what-if engine re-rates the history to it exactly (§9). */
    static StatementClosed closeAndRerate(String account) {
        StatementClosed s = close(account);
        assertThat(com.faceid.ledger.support.ReratingIdentity.assertReproducesEveryStatement(ledger.events(account),
                BillingPolicy.standard(), AFTER_MARCH)).isPositive();
        return s;
    }

    @Test
    void p1_threePackagesOf100k() {
        String a = openLongAgo("p1");
        for (int i = 1; i <= 3; i++) {
            ledger.send(new BuyPackage(a, "po-" + i, Service.LIVENESS_VERIFICATION, 100_000, t("2026-03-03T10:00")));
        }
        StatementClosed s = closeAndRerate(a);
        assertThat(s.purchases()).hasSize(3);
        assertThat(s.prepaidSpend()).isEqualTo(new BigDecimal("240000.00"));
        assertThat(s.postpaidAmount()).isEqualTo(new BigDecimal("0.00"));
        assertThat(s.totalSpend()).isEqualTo(new BigDecimal("240000.00"));
    }

    @Test
    void p2_oneTenThousandPackageAndFifteenThousandCalls() {
        String a = openLongAgo("p2");
        ledger.send(new BuyPackage(a, "po-1", Service.LIVENESS_VERIFICATION, 10_000, t("2026-03-01T09:00")));
        calls(a, Service.LIVENESS_VERIFICATION, 15_000);
        StatementClosed s = closeAndRerate(a);
        StatementLine line = s.lines().get(0);
        assertThat(line.calls()).isEqualTo(15_000);
        assertThat(line.paidByPurchased()).isEqualTo(10_000);
        assertThat(line.paidByFree()).isZero();
        assertThat(line.postpaidCount()).isEqualTo(5_000);
        assertThat(line.tier()).isEqualTo(2);
        assertThat(line.unitPrice()).isEqualTo(new BigDecimal("0.85"));
        assertThat(line.amount()).isEqualTo(new BigDecimal("4250.00"));
        assertThat(s.prepaidSpend()).isEqualTo(new BigDecimal("8500.00"));
        assertThat(s.totalSpend()).isEqualTo(new BigDecimal("12750.00"));
    }

    @Test
    void q1_thousandLivenessCallsAtTheFirstTier() {
        String a = openLongAgo("q1");
        calls(a, Service.LIVENESS_VERIFICATION, 1_000);
        StatementClosed s = closeAndRerate(a);
        assertThat(s.lines().get(0).tier()).isEqualTo(1);
        assertThat(s.totalSpend()).isEqualTo(new BigDecimal("1000.00"));
    }

    @Test
    void q2_threeThousandPhotoCalls() {
        String a = openLongAgo("q2");
        calls(a, Service.PHOTO_VERIFICATION, 3_000);
        assertThat(closeAndRerate(a).totalSpend()).isEqualTo(new BigDecimal("2550.00"));
    }

    @Test
    void q3_twentyThousandComparisonCalls() {
        String a = openLongAgo("q3");
        calls(a, Service.LIVENESS_COMPARISON, 20_000);
        StatementClosed s = closeAndRerate(a);
        assertThat(s.lines().get(0).unitPrice()).isEqualTo(new BigDecimal("0.11"));
        assertThat(s.totalSpend()).isEqualTo(new BigDecimal("2200.00"));
    }

    @Test
    void costAdvisorFigureFromThePage() {
        String a = openLongAgo("p1-cheaper");
        ledger.send(new BuyPackage(a, "po-1", Service.LIVENESS_VERIFICATION, 200_000, t("2026-03-03T10:00")));
        ledger.send(new BuyPackage(a, "po-2", Service.LIVENESS_VERIFICATION, 100_000, t("2026-03-03T10:00")));
        assertThat(closeAndRerate(a).totalSpend()).isEqualTo(new BigDecimal("230000.00"));
    }
}
