package com.faceid.ledger.pricing;

import com.faceid.ledger.event.Service;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** billing-rules.md §6: volume tiers, both bound conventions, every service, exact to the fen. */
class TierPricerTest {
    /** The page's postpaid table, transcribed here independently of the catalog file. */
    static final Map<Service, String[]> PAGE = Map.of(
            Service.WECHAT_LIVENESS_VERIFICATION, new String[]{"1.2", "1", "0.85", "0.75"},
            Service.WECHAT_LIVENESS_COMPARISON, new String[]{"0.60", "0.55", "0.50", "0.45"},
            Service.LIVENESS_VERIFICATION, new String[]{"1", "0.85", "0.75", "0.68"},
            Service.PHOTO_VERIFICATION, new String[]{"1", "0.85", "0.75", "0.68"},
            Service.LIVENESS_COMPARISON, new String[]{"0.15", "0.13", "0.11", "0.11"},
            Service.WECHAT_CUSTOM_LIBRARY, new String[]{"0.8", "0.7", "0.6", "0.5"},
            Service.ID_VERIFICATION, new String[]{"0.3", "0.3", "0.28", "0.26"},
            Service.BANK_CARD_VERIFICATION, new String[]{"0.4", "0.38", "0.36", "0.34"},
            Service.PHONE_VERIFICATION, new String[]{"0.4", "0.38", "0.36", "0.36"},
            Service.BANK_CARD_BASIC_QUERY, new String[]{"0.3", "0.3", "0.3", "0.2"});

    static final long[] COUNTS = {1000, 1001, 10000, 10001, 100000, 100001, 200000, 200001};
    static final int[] UPPER_TIERS = {1, 2, 2, 3, 3, 4, 4, 5};
    static final int[] LOWER_TIERS = {2, 2, 3, 3, 4, 4, 5, 5};

    final Catalog catalog = CatalogBook.standard().inForceOn(java.time.LocalDate.of(2026, 3, 1));

    @ParameterizedTest
    @EnumSource(Service.class)
    void upperInclusiveTiersForEveryService(Service service) {
        check(service, new TierPricer(TierConvention.UPPER_INCLUSIVE), UPPER_TIERS);
    }

    @ParameterizedTest
    @EnumSource(Service.class)
    void lowerInclusiveTiersForEveryService(Service service) {
        check(service, new TierPricer(TierConvention.LOWER_INCLUSIVE), LOWER_TIERS);
    }

    private void check(Service service, TierPricer pricer, int[] tiers) {
        for (int i = 0; i < COUNTS.length; i++) {
            TierQuote q = pricer.quote(catalog.postpaid(service), COUNTS[i], null);
            assertThat(q.tier()).as("%s at %d", service, COUNTS[i]).isEqualTo(tiers[i]);
            if (tiers[i] == 5) {
                assertThat(q.awaitingPrice()).isTrue();
                assertThat(q.amount()).isNull();
            } else {
                BigDecimal unit = new BigDecimal(PAGE.get(service)[tiers[i] - 1]);
                assertThat(q.unitPrice()).isEqualByComparingTo(unit);
                assertThat(q.amount()).isEqualTo(unit.multiply(BigDecimal.valueOf(COUNTS[i])).setScale(2));
                assertThat(q.amount().scale()).isEqualTo(2);
            }
        }
    }

    @Test
    void amountsExactToTheFen() {
        TierPricer upper = new TierPricer(TierConvention.UPPER_INCLUSIVE);
        assertThat(upper.quote(catalog.postpaid(Service.LIVENESS_COMPARISON), 10001, null).amount())
                .isEqualTo(new BigDecimal("1100.11"));
        assertThat(upper.quote(catalog.postpaid(Service.WECHAT_LIVENESS_VERIFICATION), 999, null).amount())
                .isEqualTo(new BigDecimal("1198.80"));
        assertThat(upper.quote(catalog.postpaid(Service.ID_VERIFICATION), 1, null).amount())
                .isEqualTo(new BigDecimal("0.30"));
        assertThat(upper.quote(catalog.postpaid(Service.PHOTO_VERIFICATION), 0, null).amount())
                .isEqualTo(new BigDecimal("0.00"));
    }

    @Test
    void topTierUsesOnlyTheNegotiatedPrice() {
        TierPricer upper = new TierPricer(TierConvention.UPPER_INCLUSIVE);
        PostpaidTariff t = catalog.postpaid(Service.LIVENESS_VERIFICATION);
        TierQuote without = upper.quote(t, 250_000, null);
        assertThat(without.tier()).isEqualTo(5);
        assertThat(without.awaitingPrice()).isTrue();
        TierQuote with = upper.quote(t, 250_000, new BigDecimal("0.60"));
        assertThat(with.negotiated()).isTrue();
        assertThat(with.amount()).isEqualTo(new BigDecimal("150000.00"));
        // a negotiated price never touches the listed tiers
        TierQuote listed = upper.quote(t, 200_000, new BigDecimal("0.60"));
        assertThat(listed.negotiated()).isFalse();
        assertThat(listed.amount()).isEqualTo(new BigDecimal("136000.00"));
        // a 4-decimal negotiated price is rounded half-up once, on the line amount
        assertThat(upper.quote(t, 200_001, new BigDecimal("0.6125")).amount()).isEqualTo(new BigDecimal("122500.61"));
    }

    @Test
    void tierRangesSayWhichSideIsIncluded() {
        PostpaidTariff t = catalog.postpaid(Service.PHOTO_VERIFICATION);
        assertThat(new TierPricer(TierConvention.UPPER_INCLUSIVE).quote(t, 3000, null).tierRange())
                .isEqualTo("(1000, 10000]");
        assertThat(new TierPricer(TierConvention.LOWER_INCLUSIVE).quote(t, 3000, null).tierRange())
                .isEqualTo("[1000, 10000)");
        assertThat(new TierPricer(TierConvention.UPPER_INCLUSIVE).quote(t, 300000, null).tierRange())
                .isEqualTo("(200000, ∞)");
    }

    @Test
    void theNextTierIsOneCallPastTheBoundWhenBoundsBelongBelow() {
        TierPricer upper = new TierPricer(TierConvention.UPPER_INCLUSIVE);
        PostpaidTariff liveness = catalog.postpaid(Service.LIVENESS_VERIFICATION);
        // 1,000 calls are still tier 1 (the worked example): the 1,001st enters tier 2 at 0.85
        TierPricer.NextTier next = upper.nextTier(liveness, 1000).orElseThrow();
        assertThat(next.tier()).isEqualTo(2);
        assertThat(next.reachedAtCount()).isEqualTo(1001);
        assertThat(next.callsToGo()).isEqualTo(1);
        assertThat(next.unitPrice()).isEqualByComparingTo("0.85");
        assertThat(upper.nextTier(liveness, 0).orElseThrow().callsToGo()).isEqualTo(1001);
        // from tier 4 the next is the negotiated top tier: no list price
        TierPricer.NextTier top = upper.nextTier(liveness, 150_000).orElseThrow();
        assertThat(top.tier()).isEqualTo(5);
        assertThat(top.callsToGo()).isEqualTo(50_001);
        assertThat(top.unitPrice()).isNull();
        assertThat(upper.nextTier(liveness, 200_001)).isEmpty();
    }

    @Test
    void theNextTierStartsAtTheBoundWhenBoundsBelongAbove() {
        TierPricer lower = new TierPricer(TierConvention.LOWER_INCLUSIVE);
        PostpaidTariff liveness = catalog.postpaid(Service.LIVENESS_VERIFICATION);
        TierPricer.NextTier next = lower.nextTier(liveness, 999).orElseThrow();
        assertThat(next.tier()).isEqualTo(2);
        assertThat(next.reachedAtCount()).isEqualTo(1000);
        assertThat(next.callsToGo()).isEqualTo(1);
        assertThat(lower.nextTier(liveness, 1000).orElseThrow().tier()).isEqualTo(3);
    }
}
