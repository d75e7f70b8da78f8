package com.faceid.ledger.metering;

import com.faceid.ledger.account.OpenAccount;
import com.faceid.ledger.event.ChargedTo;
import com.faceid.ledger.event.Money;
import com.faceid.ledger.event.Service;
import com.faceid.ledger.prepaid.BuyPackage;
import com.faceid.ledger.prepaid.LedgerPackage;
import com.faceid.ledger.prepaid.PackageKind;
import com.faceid.ledger.support.LedgerHarness;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static com.faceid.ledger.event.Service.LIVENESS_VERIFICATION;
import static com.faceid.ledger.event.Service.PHOTO_VERIFICATION;
import static com.faceid.ledger.support.Times.t;
import static org.assertj.core.api.Assertions.assertThat;

/** §4: free first, then the purchased package that expires first, then postpaid. */
class SettlementTest {

    static LedgerPackage purchased(String id, Instant from, Instant to, int remaining) {
        return new LedgerPackage(id, PackageKind.PURCHASED, "po-" + id, LIVENESS_VERIFICATION, 100,
                Money.of("99.00"), from, to, remaining, false);
    }

    @Test
    void equalExpiriesGoToTheEarlierPurchaseThenTheLowerId() {
        // bought on 28 and 29 February 2028: both expire at 2029-02-28 10:00 (a year after 29 Feb clamps)
        LedgerPackage feb28 = purchased("PKG-000002", t("2028-02-28T10:00"), t("2029-02-28T10:00"), 5);
        LedgerPackage feb29 = purchased("PKG-000001", t("2028-02-29T10:00"), t("2029-02-28T10:00"), 5);
        assertThat(Settlement.payer(List.of(feb29, feb28), LIVENESS_VERIFICATION, t("2028-03-01T00:00"), t("2028-03-01T00:00")))
                .contains(feb28);
        LedgerPackage twinB = purchased("PKG-000004", t("2028-03-01T10:00"), t("2029-03-01T10:00"), 5);
        LedgerPackage twinA = purchased("PKG-000003", t("2028-03-01T10:00"), t("2029-03-01T10:00"), 5);
        assertThat(Settlement.payer(List.of(twinB, twinA), LIVENESS_VERIFICATION, t("2028-03-02T00:00"), t("2028-03-02T00:00")))
                .contains(twinA);
    }

    @Test
    void emptyOrForeignPackagesNeverPay() {
        LedgerPackage empty = purchased("PKG-000001", t("2028-01-01T10:00"), t("2029-01-01T10:00"), 0);
        assertThat(Settlement.payer(List.of(empty), LIVENESS_VERIFICATION, t("2028-03-01T00:00"), t("2028-03-01T00:00"))).isEmpty();
        LedgerPackage full = purchased("PKG-000002", t("2028-01-01T10:00"), t("2029-01-01T10:00"), 9);
        assertThat(Settlement.payer(List.of(full), PHOTO_VERIFICATION, t("2028-03-01T00:00"), t("2028-03-01T00:00"))).isEmpty();
    }

    @Test
    void severalFreeAndPurchasedPackagesAreConsumedInOrder() {
        try (LedgerHarness ledger = LedgerHarness.plain()) {
            String a = "order";
            ledger.send(new OpenAccount(a, t("2025-01-01T10:00"), "Asia/Shanghai", true)); // grant 01-02 → 2026-01-02
            ledger.send(new BuyPackage(a, "later-expiry", LIVENESS_VERIFICATION, 100, t("2025-06-01T10:00")));
            ledger.send(new BuyPackage(a, "earlier-expiry", LIVENESS_VERIFICATION, 100, t("2025-03-01T10:00")));
            ledger.send(new BuyPackage(a, "photo", PHOTO_VERIFICATION, 100, t("2025-02-01T10:00")));
            int[] n = {0};
            java.util.function.BiFunction<Service, String, CallOutcome> call = (s, at) ->
                    ledger.send(new MeterCall(a, "r" + (n[0]++), s, t(at), "Success", t(at)));

            for (int i = 0; i < 50; i++) {
                assertThat(call.apply(LIVENESS_VERIFICATION, "2025-07-01T10:00").packageId())
                        .isEqualTo("FREE-LIVENESS_VERIFICATION");
            }
            // grant used up: the package expiring first (bought later in the list, earlier in time) pays
            for (int i = 0; i < 100; i++) {
                assertThat(call.apply(LIVENESS_VERIFICATION, "2025-07-02T10:00").packageId())
                        .isEqualTo("PKG-000002");
            }
            assertThat(call.apply(LIVENESS_VERIFICATION, "2025-07-03T10:00").packageId()).isEqualTo("PKG-000001");
            // PHOTO calls use the PHOTO grant, then the PHOTO package, never a LIVENESS one
            for (int i = 0; i < 50; i++) {
                call.apply(PHOTO_VERIFICATION, "2025-07-04T10:00");
            }
            assertThat(call.apply(PHOTO_VERIFICATION, "2025-07-04T10:00").packageId()).isEqualTo("PKG-000003");
            // after the earlier package's expiry instant only the later one can pay
            CallOutcome afterExpiry = call.apply(LIVENESS_VERIFICATION, "2026-03-01T10:00");
            assertThat(afterExpiry.packageId()).isEqualTo("PKG-000001");
            for (int i = 0; i < 98; i++) {
                call.apply(LIVENESS_VERIFICATION, "2026-03-02T10:00");
            }
            assertThat(call.apply(LIVENESS_VERIFICATION, "2026-03-03T10:00").chargedTo()).isEqualTo(ChargedTo.POSTPAID);
        }
    }

    @Test
    void aStillValidGrantPaysBeforePurchasesEvenWhenTheyExpireSooner() {
        try (LedgerHarness ledger = LedgerHarness.plain()) {
            String a = "grant-first";
            ledger.send(new OpenAccount(a, t("2025-01-01T10:00"), "Asia/Shanghai", true));
            ledger.send(new BuyPackage(a, "po", LIVENESS_VERIFICATION, 100, t("2025-01-01T11:00")));
            CallOutcome o = ledger.send(new MeterCall(a, "r", LIVENESS_VERIFICATION, t("2025-01-02T00:00"), null,
                    t("2025-01-02T00:00")));
            assertThat(o.chargedTo()).isEqualTo(ChargedTo.FREE);
            // before the grant is usable (opening day) the purchase pays
            CallOutcome early = ledger.send(new MeterCall(a, "r0", LIVENESS_VERIFICATION, t("2025-01-01T12:00"),
                    null, t("2025-01-01T12:00")));
            assertThat(early.chargedTo()).isEqualTo(ChargedTo.PURCHASED);
        }
    }
}
