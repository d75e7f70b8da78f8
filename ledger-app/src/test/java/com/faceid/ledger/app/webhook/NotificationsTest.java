package com.faceid.ledger.app.webhook;

import com.faceid.ledger.event.AdjustmentRecorded;
import com.faceid.ledger.event.CallMetered;
import com.faceid.ledger.event.ChargedTo;
import com.faceid.ledger.event.PackageExpired;
import com.faceid.ledger.event.PackageExpiryReminded;
import com.faceid.ledger.event.PackageUsageReminded;
import com.faceid.ledger.event.Service;
import com.faceid.ledger.event.StatementClosed;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What each event notifies, as the receiver reads it (docs/webhooks.md "Event types"). */
class NotificationsTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    final Notifications notifications = new Notifications(SHANGHAI);

    static JsonNode body(Notification n) throws Exception {
        return new ObjectMapper().readTree(n.body());
    }

    @Test
    void anExpiryReminderIsPackageExpiringWithDaysLeftAndWhatRemains() throws Exception {
        var e = new PackageExpiryReminded("acme", "PKG-000001", 7, Instant.parse("2027-01-10T02:00:00Z"), 40,
                Instant.parse("2027-01-03T02:00:00Z"));
        JsonNode b = body(notifications.of(e, "e-1", "PHOTO_VERIFICATION"));
        assertThat(b.path("id").asText()).isEqualTo("evt_e-1");
        assertThat(b.path("type").asText()).isEqualTo("package.expiring");
        assertThat(b.path("accountId").asText()).isEqualTo("acme");
        assertThat(b.path("occurredAt").asText()).isEqualTo("2027-01-03T10:00:00+08:00");
        JsonNode d = b.path("data");
        assertThat(d.path("packageId").asText()).isEqualTo("PKG-000001");
        assertThat(d.path("service").asText()).isEqualTo("PHOTO_VERIFICATION");
        assertThat(d.path("expiresAt").asText()).isEqualTo("2027-01-10T10:00:00+08:00");
        assertThat(d.path("daysLeft").asInt()).isEqualTo(7);
        assertThat(d.path("remaining").asInt()).isEqualTo(40);
    }

    @Test
    void aDigestIsOneADayAndCarriesTheAccountItsHeadAndTheDayThatEnded() throws Exception {
        JsonNode b = body(notifications.digest("acme", java.time.LocalDate.parse("2026-12-06"), 41, "ab".repeat(32),
                Instant.parse("2026-12-06T09:30:00Z"), Instant.parse("2026-12-06T16:00:01Z")));
        assertThat(b.path("id").asText()).isEqualTo("digest_acme_2026-12-06");
        assertThat(b.path("type").asText()).isEqualTo("ledger.digest");
        assertThat(b.path("occurredAt").asText()).isEqualTo("2026-12-07T00:00:01+08:00");
        JsonNode d = b.path("data");
        assertThat(d.path("accountId").asText()).isEqualTo("acme");
        assertThat(d.path("day").asText()).isEqualTo("2026-12-06");
        assertThat(d.path("sequence").asLong()).isEqualTo(41);
        assertThat(d.path("hash").asText()).isEqualTo("ab".repeat(32));
        assertThat(d.path("at").asText()).isEqualTo("2026-12-06T17:30:00+08:00");
    }

    @Test
    void anExpiryIsPackageExpiredWithTheForfeitedCount() throws Exception {
        var e = new PackageExpired("acme", "PKG-000001", Instant.parse("2027-01-10T02:00:00Z"), 37);
        JsonNode b = body(notifications.of(e, "e-2", "PHOTO_VERIFICATION"));
        assertThat(b.path("type").asText()).isEqualTo("package.expired");
        assertThat(b.path("data").path("forfeited").asInt()).isEqualTo(37);
        assertThat(b.path("data").path("service").asText()).isEqualTo("PHOTO_VERIFICATION");
    }

    @Test
    void aUsageReminderIsAThresholdAndADepletionIsItsOwnType() throws Exception {
        var at = Instant.parse("2026-03-15T02:00:00Z");
        JsonNode seventy = body(notifications.of(new PackageUsageReminded("acme", "PKG-000001", 70, 70, 100, "r-70",
                at), "e-3", "LIVENESS_VERIFICATION"));
        assertThat(seventy.path("type").asText()).isEqualTo("usage.threshold");
        assertThat(seventy.path("data").path("percent").asInt()).isEqualTo(70);
        assertThat(seventy.path("data").path("service").asText()).isEqualTo("LIVENESS_VERIFICATION");
        JsonNode depleted = body(notifications.of(new PackageUsageReminded("acme", "PKG-000001", 100, 100, 100,
                "r-100", at), "e-4", "LIVENESS_VERIFICATION"));
        assertThat(depleted.path("type").asText()).isEqualTo("package.depleted");
        assertThat(depleted.path("data").path("packageId").asText()).isEqualTo("PKG-000001");
    }

    @Test
    void aCloseCarriesTheMonthsTotalsAsMoneyStrings() throws Exception {
        var e = new StatementClosed("acme", YearMonth.of(2026, 3), Instant.parse("2026-04-02T16:00:00Z"), "2026-01",
                "UPPER_INCLUSIVE", List.of(), List.of(), List.of(), new BigDecimal("240000"), new BigDecimal("8500"),
                new BigDecimal("-12.5"), new BigDecimal("248487.5"), "scheduler");
        JsonNode d = body(notifications.of(e, "e-5")).path("data");
        assertThat(d.path("month").asText()).isEqualTo("2026-03");
        assertThat(d.path("totalSpend").asText()).isEqualTo("248487.50");
        assertThat(d.path("postpaidAmount").asText()).isEqualTo("8500.00");
        assertThat(d.path("prepaidSpend").asText()).isEqualTo("240000.00");
        assertThat(d.path("adjustmentTotal").asText()).isEqualTo("-12.50");
    }

    @Test
    void anAdjustmentCitesItsCall() throws Exception {
        var e = new AdjustmentRecorded("acme", "adj-1", YearMonth.of(2026, 4), YearMonth.of(2026, 3),
                new BigDecimal("-1.5"), "duplicate charge", "r-9", "test-operator", Instant.parse("2026-04-01T04:00:00Z"));
        JsonNode d = body(notifications.of(e, "e-6")).path("data");
        assertThat(d.path("amount").asText()).isEqualTo("-1.50");
        assertThat(d.path("requestId").asText()).isEqualTo("r-9");
        assertThat(d.path("correctsMonth").asText()).isEqualTo("2026-03");
    }

    @Test
    void refusedCallsNotifyOncePerAccountAndBillingDay() {
        // 15:59 UTC is 23:59 in Shanghai; 16:01 UTC is the next day there
        Notification late = notifications.refused(refused("r-1", "2026-03-10T15:59:00Z"));
        Notification sameDay = notifications.refused(refused("r-2", "2026-03-10T02:00:00Z"));
        Notification nextDay = notifications.refused(refused("r-3", "2026-03-10T16:01:00Z"));
        assertThat(late.id()).isEqualTo("refused_acme_2026-03-10").isEqualTo(sameDay.id());
        assertThat(nextDay.id()).isEqualTo("refused_acme_2026-03-11");
        assertThat(late.type()).isEqualTo(WebhookEventType.CALLS_REFUSED);
        assertThat(late.data()).containsEntry("requestId", "r-1").containsEntry("day", "2026-03-10");
    }

    static CallMetered refused(String requestId, String at) {
        Instant t = Instant.parse(at);
        return new CallMetered("acme", requestId, Service.PHOTO_VERIFICATION, t, t, "Success", true, ChargedTo.REFUSED,
                null, null, YearMonth.of(2026, 3), 0);
    }

    @Test
    void theBodyIsTheSameBytesEveryTime() {
        var e = new PackageExpired("acme", "PKG-000001", Instant.parse("2027-01-10T02:00:00Z"), 37);
        assertThat(notifications.of(e, "e-2", "PHOTO_VERIFICATION").body())
                .isEqualTo(notifications.of(e, "e-2", "PHOTO_VERIFICATION").body())
                .startsWith("{\"id\":\"evt_e-2\",\"type\":\"package.expired\",\"accountId\":\"acme\",\"occurredAt\":");
    }

    @Test
    void aSignatureIsHmacSha256OfTimestampDotBody() {
        // the same as: printf '%s' '1700000000.{"a":1}' | openssl dgst -sha256 -hmac whsec_test
        assertThat(Signature.header("whsec_test", 1700000000L, "{\"a\":1}"))
                .isEqualTo("t=1700000000,v1=38877139021993b830af32feea6e18a8da83eb2f6e49ee50bd9e4cf4ca4d3789");
    }
}
