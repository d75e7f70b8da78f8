package com.faceid.ledger.metering;

import com.faceid.ledger.account.OpenAccount;
import com.faceid.ledger.error.ErrorCode;
import com.faceid.ledger.event.CallMetered;
import com.faceid.ledger.event.ChargedTo;
import com.faceid.ledger.event.Service;
import com.faceid.ledger.prepaid.BuyPackage;
import com.faceid.ledger.statement.CloseStatement;
import com.faceid.ledger.support.LedgerHarness;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import static com.faceid.ledger.support.Times.t;
import static org.assertj.core.api.Assertions.assertThat;

/** A batch of calls in one unit of work settles exactly as the same calls one by one. */
class MeterCallsTest {
    static final Service[] SERVICES = {Service.PHOTO_VERIFICATION, Service.WECHAT_LIVENESS_VERIFICATION,
            Service.BANK_CARD_VERIFICATION, Service.LIVENESS_COMPARISON};

    static List<MeterCall> calls(String account) {
        List<MeterCall> calls = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            if (i % 50 == 49) { // some repeats: the same call again, sent later
                MeterCall earlier = calls.get(i - 7);
                calls.add(new MeterCall(account, earlier.requestId(), earlier.service(), earlier.occurredAt(),
                        earlier.resultCode(), t("2026-03-12T10:00").plusSeconds(i * 37L)));
                continue;
            }
            Instant at = t("2026-03-12T10:00").plusSeconds(i * 37L);
            calls.add(new MeterCall(account, "r-" + i, SERVICES[i % SERVICES.length], at,
                    i % 11 == 0 ? "NoFaceDetected" : "Success", at));
        }
        return calls;
    }

    static void setUp(LedgerHarness h, String a) {
        h.send(new OpenAccount(a, t("2026-03-10T15:00"), "Asia/Shanghai", true));
        h.send(new BuyPackage(a, "po", Service.WECHAT_LIVENESS_VERIFICATION, 100, t("2026-03-11T09:00")));
    }

    @Test
    void batchesDecideExactlyAsSingleCalls() {
        try (LedgerHarness single = LedgerHarness.plain(); LedgerHarness batched = LedgerHarness.plain()) {
            setUp(single, "a");
            setUp(batched, "a");
            List<CallOutcome> one = new ArrayList<>();
            for (MeterCall c : calls("a")) {
                one.add(single.send(c));
            }
            List<CallOutcome> many = new ArrayList<>();
            List<MeterCall> all = calls("a");
            for (int from = 0; from < all.size(); from += 64) {
                List<MeteringResult> results = batched.send(new MeterCalls("a",
                        all.subList(from, Math.min(all.size(), from + 64))));
                results.forEach(r -> many.add(r.outcome()));
            }
            assertThat(many).isEqualTo(one);
            assertThat(many).filteredOn(CallOutcome::duplicate).hasSize(8);
            assertThat(batched.events("a")).isEqualTo(single.events("a"));
        }
    }

    @Test
    void aRepeatInsideOneBatchIsADuplicateAndARefusedCallFailsAlone() {
        try (LedgerHarness h = LedgerHarness.plain()) {
            setUp(h, "b");
            h.send(new CloseStatement("b", YearMonth.of(2026, 3), t("2026-04-03T00:00"), "test"));
            Instant april = t("2026-04-05T10:00");
            List<MeteringResult> r = h.send(new MeterCalls("b", List.of(
                    new MeterCall("b", "x", Service.PHOTO_VERIFICATION, april, null, april),
                    new MeterCall("b", "late", Service.PHOTO_VERIFICATION, t("2026-03-31T10:00"), null, april),
                    new MeterCall("b", "x", Service.PHOTO_VERIFICATION, april, null, april))));
            assertThat(r.get(0).outcome().chargedTo()).isEqualTo(ChargedTo.FREE);
            assertThat(r.get(1).error()).isEqualTo(ErrorCode.PERIOD_CLOSED);
            assertThat(r.get(1).outcome()).isNull();
            assertThat(r.get(2).outcome().duplicate()).isTrue();
            assertThat(r.get(2).outcome().packageId()).isEqualTo("FREE-PHOTO_VERIFICATION");
            assertThat(h.events("b")).filteredOn(CallMetered.class::isInstance).hasSize(1);
        }
    }
}
