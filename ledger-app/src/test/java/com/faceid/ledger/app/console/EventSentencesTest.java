package com.faceid.ledger.app.console;

import com.faceid.ledger.app.audit.AuditService;
import com.faceid.ledger.app.axon.SerializationConfig;
import com.faceid.ledger.event.AccountEvent;
import com.faceid.ledger.event.AdjustmentRecorded;
import com.faceid.ledger.event.CallMetered;
import com.faceid.ledger.event.ChargedTo;
import com.faceid.ledger.event.PackageExpired;
import com.faceid.ledger.event.Service;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The timeline's sentences: the words of each kind of call, and one sentence for every event type ever stored. */
class EventSentencesTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    final EventSentences operator = new EventSentences(SHANGHAI, false);
    final EventSentences customer = new EventSentences(SHANGHAI, true);

    static CallMetered call(ChargedTo to, String packageId, Integer left, long postpaidCount) {
        Instant at = Instant.parse("2026-03-12T02:00:00Z");
        return new CallMetered("acme", "r-1", Service.PHOTO_VERIFICATION, at, at,
                to == ChargedTo.NONE ? "NoFace" : "Success", to != ChargedTo.NONE, to, packageId, left,
                YearMonth.of(2026, 3), postpaidCount);
    }

    @Test
    void aCallSaysWhoPaidAndWhatIsLeft() {
        assertThat(operator.of(call(ChargedTo.PURCHASED, "PKG-000001", 9120, 0)))
                .isEqualTo("Call r-1 (Photo verification) paid by package PKG-000001, 9,120 left.");
        assertThat(operator.of(call(ChargedTo.FREE, "FREE-PHOTO_VERIFICATION", 49, 0)))
                .isEqualTo("Call r-1 (Photo verification) paid by free package FREE-PHOTO_VERIFICATION, 49 left.");
        assertThat(operator.of(call(ChargedTo.POSTPAID, null, null, 1001)))
                .isEqualTo("Call r-1 (Photo verification) charged postpaid: call 1,001 of 2026-03, priced when the"
                        + " month closes.");
        assertThat(operator.of(call(ChargedTo.NONE, null, null, 0)))
                .isEqualTo("Call r-1 (Photo verification) not billable (result NoFace): nothing charged.");
        assertThat(operator.of(call(ChargedTo.REFUSED, null, null, 0))).contains("refused").contains("nothing charged");
    }

    @Test
    void anExpiryCountsWhatWasForfeitedAndACustomerSeesRolesNotKeys() {
        assertThat(operator.of(new PackageExpired("acme", "PKG-000002", Instant.parse("2027-03-12T02:00:00Z"), 30)))
                .isEqualTo("Package PKG-000002 expired, 30 forfeited.");
        AdjustmentRecorded credit = new AdjustmentRecorded("acme", "adj-1", YearMonth.of(2026, 4),
                YearMonth.of(2026, 3), new BigDecimal("-1234.50"), "test traffic", "r-9", "key-ops-7",
                Instant.parse("2026-04-05T02:00:00Z"));
        assertThat(operator.of(credit)).isEqualTo("Adjustment adj-1 of -¥1,234.50 on 2026-04 (corrects 2026-03) for"
                + " call r-9 by key-ops-7: test traffic");
        assertThat(customer.of(credit)).contains("by operator:").doesNotContain("key-ops-7");
    }

    /** Every event type and revision the store has ever held (ledger-core's golden corpus) reads as a sentence. */
    @Test
    void everyStoredEventTypeHasASentenceWithoutGaps() throws Exception {
        ObjectMapper storage = SerializationConfig.storageMapper();
        Path corpus = Path.of("../ledger-core/src/test/resources/golden-events");
        List<Path> current;
        try (Stream<Path> files = Files.list(corpus)) {
            current = files.filter(f -> f.getFileName().toString().endsWith(".rev-1.json")).sorted().toList();
        }
        assertThat(current.stream().map(f -> f.getFileName().toString().replace(".rev-1.json", "")))
                .containsExactlyInAnyOrderElementsOf(AuditService.EVENT_TYPES);
        for (Path file : current) {
            JsonNode doc = storage.readTree(file.toFile());
            String type = file.getFileName().toString().replace(".rev-1.json", ""); // stored under its former name
            AccountEvent event = (AccountEvent) storage.treeToValue(doc.path("payload"),
                    Class.forName(AccountEvent.class.getPackageName() + "." + type));
            String sentence = operator.of(event);
            // no gap, no instant in UTC: every time of day is followed by the billing zone's offset
            assertThat(sentence).as(file.getFileName().toString()).isNotBlank().doesNotContain("null")
                    .doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}T").doesNotContainPattern("(?<!\\+)\\d{2}:\\d{2}(?! \\+08:00)");
        }
    }
}
