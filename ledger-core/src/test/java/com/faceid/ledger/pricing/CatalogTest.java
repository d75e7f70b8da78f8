package com.faceid.ledger.pricing;

import com.faceid.ledger.event.Service;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CatalogTest {
    final Catalog c = CatalogBook.standard().inForceOn(LocalDate.of(2026, 1, 1));

    @Test
    void packageTableMatchesThePage() {
        assertThat(c.version()).isEqualTo("faceid-2026-01");
        assertThat(c.packagePrice(Service.LIVENESS_VERIFICATION, 100_000)).contains(new BigDecimal("80000.00"));
        assertThat(c.packagePrice(Service.LIVENESS_VERIFICATION, 10_000)).contains(new BigDecimal("8500.00"));
        assertThat(c.packagePrice(Service.WECHAT_LIVENESS_VERIFICATION, 100)).contains(new BigDecimal("120.00"));
        assertThat(c.packagePrice(Service.WECHAT_LIVENESS_COMPARISON, 1_000_000)).contains(new BigDecimal("400000.00"));
        assertThat(c.packagePrice(Service.ID_VERIFICATION, 1000)).contains(new BigDecimal("300.00"));
        assertThat(c.packagePrice(Service.LIVENESS_COMPARISON, 500_000)).contains(new BigDecimal("55000.00"));
    }

    @Test
    void sizesNotSoldAreAbsent() {
        assertThat(c.packagePrice(Service.LIVENESS_COMPARISON, 100)).isEmpty();
        assertThat(c.packagePrice(Service.ID_VERIFICATION, 100)).isEmpty();
        assertThat(c.packagePrice(Service.ID_VERIFICATION, 5000)).isEmpty();
        assertThat(c.packagePrice(Service.LIVENESS_VERIFICATION, 7)).isEmpty();
        for (Service s : new Service[]{Service.WECHAT_CUSTOM_LIBRARY, Service.BANK_CARD_VERIFICATION,
                Service.PHONE_VERIFICATION, Service.BANK_CARD_BASIC_QUERY}) {
            assertThat(c.sellsPackages(s)).as(s.name()).isFalse();
        }
    }

    @Test
    void freeGrant() {
        assertThat(c.freeGrantSize()).isEqualTo(50);
        assertThat(c.freeGrantServices()).containsExactly(Service.LIVENESS_VERIFICATION,
                Service.PHOTO_VERIFICATION, Service.LIVENESS_COMPARISON);
    }

    @Test
    void malformedCatalogFailsWithItsLine() {
        assertThatThrownBy(() -> CatalogLoader.parse("bad", "version: x\neffective-from: 2026-01-01\nnonsense"))
                .hasMessageContaining("bad:3");
    }

    @Test
    void laterVersionTakesOverOnItsDate() {
        String text = "version: v2\neffective-from: 2027-01-01\ntier-bounds: 1000 10000 100000 200000\n"
                + "free-grant: 50 LIVENESS_VERIFICATION\n"
                + "package-sizes: 100\npackage LIVENESS_VERIFICATION: 50\n"
                + java.util.Arrays.stream(Service.values())
                .map(s -> "postpaid " + s + ": 1 1 1 1 negotiated\n").reduce("", String::concat);
        CatalogBook book = new CatalogBook(java.util.List.of(c, CatalogLoader.parse("v2", text)));
        assertThat(book.inForceOn(LocalDate.of(2026, 12, 31)).version()).isEqualTo("faceid-2026-01");
        assertThat(book.inForceOn(LocalDate.of(2027, 1, 1)).version()).isEqualTo("v2");
    }
}
