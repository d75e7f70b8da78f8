package com.faceid.ledger.account;

import com.faceid.ledger.event.Service;
import com.faceid.ledger.metering.MeterCall;
import com.faceid.ledger.prepaid.BuyPackage;
import com.faceid.ledger.pricing.BillingPolicy;
import com.faceid.ledger.statement.CloseStatement;
import com.faceid.ledger.support.LedgerHarness;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.YearMonth;

import static com.faceid.ledger.support.Times.t;
import static org.assertj.core.api.Assertions.assertThat;

/** Acceptance 5 of the core issue: snapshots restore the same account; the state does not grow per call. */
class SnapshotTest {

    static void traffic(LedgerHarness h, String id, int calls) {
        h.send(new OpenAccount(id, t("2026-01-10T10:00"), "Asia/Shanghai", true));
        h.send(new BuyPackage(id, "po-1", Service.LIVENESS_VERIFICATION, 100, t("2026-01-12T10:00")));
        Service[] services = {Service.LIVENESS_VERIFICATION, Service.PHOTO_VERIFICATION, Service.BANK_CARD_VERIFICATION};
        for (int i = 0; i < calls; i++) {
            Instant at = t("2026-01-12T10:00").plusSeconds(i);
            h.send(new MeterCall(id, "r-" + i, services[i % 3], at, i % 10 == 0 ? "NoFaceDetected" : "Success", at));
        }
    }

    @Test
    void restoredFromASnapshotPlusLaterEventsEqualsReplayedFromTheStart() {
        try (LedgerHarness plain = new LedgerHarness(BillingPolicy.standard(), 0, false);
             LedgerHarness snap = new LedgerHarness(BillingPolicy.standard(), 50, false)) {
            traffic(plain, "a", 437);
            traffic(snap, "a", 437);
            var snapshot = snap.storageEngine().readSnapshot("a");
            assertThat(snapshot).isPresent();
            for (LedgerHarness h : new LedgerHarness[]{plain, snap}) { // a few events after the last snapshot
                for (int i = 0; i < 3; i++) {
                    h.send(new MeterCall("a", "late-" + i, Service.PHOTO_VERIFICATION, t("2026-01-20T10:00"), null,
                            t("2026-01-20T10:00")));
                }
            }
            // the snapshot is taken after a multiple of 50 loaded events, so later events were replayed on top
            assertThat(snapshot.get().getSequenceNumber()).isLessThan(snap.events("a").size() - 1L);
            assertThat(snap.stateJson("a")).isEqualTo(plain.stateJson("a"));
            assertThat(snap.events("a")).isEqualTo(plain.events("a"));
        }
    }

    /**
     * A snapshot stored before the state was split into parts (revision 3: one flat object) is upcast to revision
     * 4 and reads as the very state the events give, so no account rebuilds from its events after the upgrade.
     */
    @Test
    void aSnapshotOfTheFlatStateReadsAsTheStateInParts() throws Exception {
        try (LedgerHarness h = new LedgerHarness(BillingPolicy.standard(), 0, false)) {
            traffic(h, "a", 120);
            h.send(new com.faceid.ledger.hold.PlaceHold("a", "h-1", Service.PHOTO_VERIFICATION, null,
                    t("2026-01-12T12:00")));
            com.fasterxml.jackson.databind.ObjectMapper json = com.faceid.ledger.support.LedgerJson.mapper();
            String current = h.stateJson("a");
            var exact = new com.fasterxml.jackson.databind.ObjectMapper().setNodeFactory(
                    com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true)).enable(
                    com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
            var parts = (com.fasterxml.jackson.databind.node.ObjectNode) exact.readTree(current);
            assertThat(parts.path("holds").path("open").size()).as("the hold is in the state").isEqualTo(1);
            // the same state as revision 3 stored it: every part's fields at the top
            var flat = parts.deepCopy();
            for (String part : java.util.List.of("wallet", "months")) {
                flat.setAll((com.fasterxml.jackson.databind.node.ObjectNode) flat.remove(part));
            }
            flat.set("openHolds", flat.remove("holds").path("open"));
            var entry = new org.axonframework.eventhandling.GenericDomainEventEntry<>("Account", "a", 0L, "snap",
                    "2026-03-01T00:00:00Z", Account.class.getName(), "3", exact.writeValueAsBytes(flat),
                    "{}".getBytes());
            var serializer = org.axonframework.serialization.json.JacksonSerializer.builder().objectMapper(json)
                    .build();
            var upcast = EventUpcasters.chain().upcast(java.util.stream.Stream.of(
                    new org.axonframework.serialization.upcasting.event.InitialEventRepresentation(entry,
                            serializer))).toList();
            assertThat(upcast).hasSize(1);
            assertThat(upcast.get(0).getType().getRevision()).isEqualTo("4");
            Account restored = serializer.deserialize(upcast.get(0).getData());
            assertThat(json.writeValueAsString(restored)).isEqualTo(current);
            assertThat(EventUpcasters.upcastsSnapshot(Account.class.getName(), "3")).isTrue();
            assertThat(EventUpcasters.upcastsSnapshot(Account.class.getName(), "2")).isFalse();
        }
    }

    @Test
    void stateDoesNotGrowWithCalls() throws Exception {
        try (LedgerHarness h = new LedgerHarness(BillingPolicy.standard(), 0, true)) {
            traffic(h, "small", 100);
            traffic(h, "large", 5000);
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            var small = json.readTree(h.stateJson("small"));
            var large = json.readTree(h.stateJson("large"));
            // the packages and their reminders are the wallet's part of the state
            var smallState = (com.fasterxml.jackson.databind.node.ObjectNode) small.path("wallet");
            var largeState = (com.fasterxml.jackson.databind.node.ObjectNode) large.path("wallet");
            // the usage reminders raised: at most one entry per package (its highest threshold), never per call
            for (var state : java.util.List.of(smallState, largeState)) {
                assertThat(state.path("usageReminded").size()).isLessThanOrEqualTo(state.path("packages").size());
            }
            assertThat(largeState.path("usageReminded").size()).isEqualTo(3); // two free grants and PKG-000001
            smallState.remove("usageReminded");
            largeState.remove("usageReminded");
            // the rest: only digits of the counters differ, and the instants at which packages were used up
            // (one timestamp instead of null per depleted package: a bounded number, not one per call)
            assertThat(large.toString().length() - small.toString().length()).isBetween(0, 80);
            h.send(new CloseStatement("large", YearMonth.of(2026, 1), t("2026-02-03T00:00"), "test"));
            assertThat(h.stateJson("large")).doesNotContain("\"2026-01\":{");
        }
    }
}
