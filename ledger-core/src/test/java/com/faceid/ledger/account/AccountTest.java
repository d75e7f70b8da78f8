package com.faceid.ledger.account;

import com.faceid.ledger.error.ErrorCode;
import com.faceid.ledger.event.AccountOpened;
import com.faceid.ledger.event.CallMetered;
import com.faceid.ledger.event.ChargedTo;
import com.faceid.ledger.event.FreeGrantIssued;
import com.faceid.ledger.event.PackageExpired;
import com.faceid.ledger.event.PackagePurchased;
import com.faceid.ledger.event.Service;
import com.faceid.ledger.metering.CallOutcome;
import com.faceid.ledger.metering.MeterCall;
import com.faceid.ledger.metering.MeteredCall;
import com.faceid.ledger.prepaid.BuyPackage;
import com.faceid.ledger.prepaid.ExpirePackage;
import com.faceid.ledger.prepaid.PackageKind;
import com.faceid.ledger.prepaid.PackageReceipt;
import com.faceid.ledger.prepaid.RequestRefund;
import com.faceid.ledger.pricing.BillingPolicy;
import com.faceid.ledger.support.InMemoryMeteredRequests;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.ResultValidator;
import org.hamcrest.BaseMatcher;
import org.hamcrest.Description;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;

import static com.faceid.ledger.event.Service.LIVENESS_COMPARISON;
import static com.faceid.ledger.event.Service.LIVENESS_VERIFICATION;
import static com.faceid.ledger.event.Service.PHOTO_VERIFICATION;
import static com.faceid.ledger.event.Service.WECHAT_LIVENESS_VERIFICATION;
import static com.faceid.ledger.support.LedgerMatchers.code;
import static com.faceid.ledger.support.Times.t;
import static org.assertj.core.api.Assertions.assertThat;

/** The rules of billing-rules.md §2–§5, one at a time, on the aggregate alone. */
class AccountTest {
    static final String ACME = "acme";
    static final Instant OPENED = t("2026-03-10T15:00");

    AggregateTestFixture<Account> fixture;
    InMemoryMeteredRequests requests;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Account.class);
        requests = new InMemoryMeteredRequests();
        fixture.registerInjectableResource(BillingPolicy.standard());
        fixture.registerInjectableResource(requests);
        fixture.registerInjectableResource(new com.faceid.ledger.support.InMemoryHoldRegistry());
    }

    static OpenAccount open(Instant at, boolean postpaid) {
        return new OpenAccount(ACME, at, "Asia/Shanghai", postpaid);
    }

    static MeterCall call(String id, Service s, Instant at) {
        return new MeterCall(ACME, id, s, at, "Success", at);
    }

    static MeterCall call(String id, Service s, Instant at, String result) {
        return new MeterCall(ACME, id, s, at, result, at);
    }


    /** Asserts who paid for the call the validator's command metered. */
    static void charged(ResultValidator<Account> v, ChargedTo expected) {
        v.expectSuccessfulHandlerExecution().expectResultMessagePayloadMatching(new BaseMatcher<>() {
            @Override
            public boolean matches(Object o) {
                return o instanceof CallOutcome c && c.chargedTo() == expected && !c.duplicate();
            }

            @Override
            public void describeTo(Description d) {
                d.appendText("a call charged to " + expected);
            }
        });
    }

    @Nested
    class FreeGrant {
        @Test
        void openingGrantsFiftyCallsOfThreeServicesFromMidnightAfter() {
            Instant from = t("2026-03-11T00:00");
            Instant to = t("2027-03-11T00:00");
            fixture.givenNoPriorActivity()
                    .when(open(OPENED, true))
                    .expectEvents(new AccountOpened(ACME, OPENED, "Asia/Shanghai", true),
                            new FreeGrantIssued(ACME, "FREE-LIVENESS_VERIFICATION", LIVENESS_VERIFICATION, 50, from,
                                    to, "faceid-2026-01"),
                            new FreeGrantIssued(ACME, "FREE-PHOTO_VERIFICATION", PHOTO_VERIFICATION, 50, from, to,
                                    "faceid-2026-01"),
                            new FreeGrantIssued(ACME, "FREE-LIVENESS_COMPARISON", LIVENESS_COMPARISON, 50, from, to,
                                    "faceid-2026-01"));
        }

        @Test
        void midnightIsShanghaiMidnight() {
            // 23:30 in Shanghai is 15:30 UTC the same day: the grant starts 30 minutes later, not a day later.
            Instant lateEvening = t("2026-03-10T23:30");
            fixture.givenNoPriorActivity().when(open(lateEvening, true))
                    .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(
                            org.axonframework.test.matchers.Matchers.listWithAnyOf(
                                    org.axonframework.test.matchers.Matchers.equalTo(new FreeGrantIssued(ACME,
                                            "FREE-PHOTO_VERIFICATION", PHOTO_VERIFICATION, 50,
                                            t("2026-03-11T00:00"), t("2027-03-11T00:00"), "faceid-2026-01")))));
        }

        @Test
        void notUsableOnTheOpeningDay() {
            charged(fixture.givenCommands(open(OPENED, true))
                    .when(call("r1", PHOTO_VERIFICATION, t("2026-03-10T23:59:59"))), ChargedTo.POSTPAID);
        }

        @Test
        void usableAtMidnightAfterOpening() {
            charged(fixture.givenCommands(open(OPENED, true))
                    .when(call("r1", PHOTO_VERIFICATION, t("2026-03-11T00:00"))), ChargedTo.FREE);
        }

        @Test
        void lastUsableInstantIsJustBeforeOneYearLater() {
            charged(fixture.givenCommands(open(OPENED, true))
                    .when(call("r1", PHOTO_VERIFICATION, t("2027-03-10T23:59:59"))), ChargedTo.FREE);
        }

        @Test
        void goneOneYearLater() {
            charged(fixture.givenCommands(open(OPENED, true))
                    .when(call("r1", PHOTO_VERIFICATION, t("2027-03-11T00:00"))), ChargedTo.POSTPAID);
        }

        @Test
        void onlyTheThreeGrantedServices() {
            charged(fixture.givenCommands(open(OPENED, true))
                    .when(call("r1", WECHAT_LIVENESS_VERIFICATION, t("2026-03-12T10:00"))), ChargedTo.POSTPAID);
        }

        @Test
        void openingTwiceIsRefusedAndNeverGrantsAgain() {
            fixture.givenCommands(open(OPENED, true))
                    .when(open(t("2026-04-01T10:00"), true))
                    .expectException(code(ErrorCode.ACCOUNT_EXISTS))
                    .expectNoEvents();
        }
    }

    @Nested
    class Purchases {
        @Test
        void purchaseRecordsPriceAndExactExpiry() {
            Instant at = t("2026-03-15T09:30");
            fixture.givenCommands(open(OPENED, true))
                    .when(new BuyPackage(ACME, "po-1", LIVENESS_VERIFICATION, 10_000, at))
                    .expectEvents(new PackagePurchased(ACME, "PKG-000001", "po-1", LIVENESS_VERIFICATION, 10_000,
                            new BigDecimal("8500.00"), at, t("2027-03-15T09:30"), YearMonth.of(2026, 3), "faceid-2026-01"))
                    .expectResultMessagePayload(new PackageReceipt("PKG-000001", PackageKind.PURCHASED,
                            LIVENESS_VERIFICATION, 10_000, new BigDecimal("8500.00"), at, t("2027-03-15T09:30"),
                            10_000, false));
        }

        @Test
        void purchaseOn29FebruaryExpiresOn28FebruaryNextYear() {
            Instant leap = t("2028-02-29T10:00");
            fixture.givenCommands(open(OPENED, true))
                    .when(new BuyPackage(ACME, "po-leap", PHOTO_VERIFICATION, 100, leap))
                    .expectEvents(new PackagePurchased(ACME, "PKG-000001", "po-leap", PHOTO_VERIFICATION, 100,
                            new BigDecimal("99.00"), leap, t("2029-02-28T10:00"), YearMonth.of(2028, 2),
                            "faceid-2026-01"));
        }

        @Test
        void repeatedPurchaseIdReturnsTheSamePackageAndBuysNothing() {
            Instant at = t("2026-03-15T09:30");
            fixture.givenCommands(open(OPENED, true),
                            new BuyPackage(ACME, "po-1", LIVENESS_VERIFICATION, 10_000, at))
                    .when(new BuyPackage(ACME, "po-1", LIVENESS_VERIFICATION, 10_000, at))
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(new BaseMatcher<>() {
                        @Override
                        public boolean matches(Object o) {
                            return o instanceof PackageReceipt r && r.duplicate()
                                    && r.packageId().equals("PKG-000001");
                        }

                        @Override
                        public void describeTo(Description d) {
                            d.appendText("a duplicate receipt of PKG-000001");
                        }
                    });
        }

        @Test
        void samePurchaseIdForAnotherPackageIsAConflict() {
            Instant at = t("2026-03-15T09:30");
            fixture.givenCommands(open(OPENED, true),
                            new BuyPackage(ACME, "po-1", LIVENESS_VERIFICATION, 10_000, at))
                    .when(new BuyPackage(ACME, "po-1", LIVENESS_VERIFICATION, 1000, at))
                    .expectException(code(ErrorCode.PURCHASE_ID_CONFLICT)).expectNoEvents();
        }

        @ParameterizedTest
        @CsvSource({"LIVENESS_COMPARISON,100", "ID_VERIFICATION,100", "ID_VERIFICATION,5000",
                "WECHAT_CUSTOM_LIBRARY,1000", "BANK_CARD_VERIFICATION,1000", "PHONE_VERIFICATION,10000",
                "BANK_CARD_BASIC_QUERY,100", "LIVENESS_VERIFICATION,2000", "PHOTO_VERIFICATION,0"})
        void sizesNotSoldAreRefused(Service service, int size) {
            fixture.givenCommands(open(OPENED, true))
                    .when(new BuyPackage(ACME, "po-x", service, size, t("2026-03-15T09:30")))
                    .expectException(code(ErrorCode.PACKAGE_SIZE_NOT_SOLD)).expectNoEvents();
        }

        @Test
        void refundIsAlwaysRefused() {
            fixture.givenCommands(open(OPENED, true),
                            new BuyPackage(ACME, "po-1", LIVENESS_VERIFICATION, 10_000, t("2026-03-15T09:30")))
                    .when(new RequestRefund(ACME, "PKG-000001"))
                    .expectException(code(ErrorCode.REFUND_NOT_ALLOWED)).expectNoEvents();
        }

        @Test
        void purchaseBeforeOpeningIsRefused() {
            fixture.givenCommands(open(OPENED, true))
                    .when(new BuyPackage(ACME, "po-1", LIVENESS_VERIFICATION, 1000, t("2026-03-01T09:30")))
                    .expectException(code(ErrorCode.BEFORE_ACCOUNT_OPENED)).expectNoEvents();
        }
    }

    @Nested
    class Validity {
        final Instant bought = t("2026-04-01T09:30:00");

        org.axonframework.test.aggregate.TestExecutor<Account> givenPackage() {
            return fixture.givenCommands(open(OPENED, true),
                    new BuyPackage(ACME, "po-1", WECHAT_LIVENESS_VERIFICATION, 100, bought));
        }

        @Test
        void notBeforePurchase() {
            givenPackage();
            charged(fixture.when(call("r", WECHAT_LIVENESS_VERIFICATION, bought.minusSeconds(1))), ChargedTo.POSTPAID);
        }

        @Test
        void fromThePurchaseInstant() {
            givenPackage();
            fixture.when(call("r", WECHAT_LIVENESS_VERIFICATION, bought))
                    .expectEvents(new CallMetered(ACME, "r", WECHAT_LIVENESS_VERIFICATION, bought, bought, "Success",
                            true, ChargedTo.PURCHASED, "PKG-000001", 99, YearMonth.of(2026, 4), 0));
        }

        @Test
        void notAtTheExpiryInstant() {
            givenPackage();
            charged(fixture.when(call("r", WECHAT_LIVENESS_VERIFICATION, t("2027-04-01T09:30"))), ChargedTo.POSTPAID);
        }

        @Test
        void justBeforeTheExpiryInstant() {
            givenPackage();
            charged(fixture.when(call("r", WECHAT_LIVENESS_VERIFICATION,
                    t("2027-04-01T09:29:59.999"))), ChargedTo.PURCHASED);
        }

        @Test
        void neverForAnotherService() {
            givenPackage();
            charged(fixture.when(call("r", Service.WECHAT_LIVENESS_COMPARISON, t("2026-04-02T10:00"))), ChargedTo.POSTPAID);
        }

        @Test
        void expiryForfeitsWhatIsLeftOnce() {
            givenPackage().andGivenCommands(call("r1", WECHAT_LIVENESS_VERIFICATION, t("2026-04-02T10:00")),
                            call("r2", WECHAT_LIVENESS_VERIFICATION, t("2026-04-02T10:01")))
                    .when(new ExpirePackage(ACME, "PKG-000001", t("2027-04-01T09:30")))
                    .expectEvents(new PackageExpired(ACME, "PKG-000001", t("2027-04-01T09:30"), 98));
        }

        @Test
        void expiringTwiceRecordsItOnce() {
            givenPackage().andGivenCommands(new ExpirePackage(ACME, "PKG-000001", t("2027-04-01T09:30")))
                    .when(new ExpirePackage(ACME, "PKG-000001", t("2027-04-01T10:00")))
                    .expectSuccessfulHandlerExecution().expectNoEvents();
        }

        @Test
        void expiryBeforeItsInstantIsRefused() {
            givenPackage();
            fixture.when(new ExpirePackage(ACME, "PKG-000001", t("2027-04-01T09:29:59")))
                    .expectException(code(ErrorCode.EXPIRY_NOT_DUE)).expectNoEvents();
        }

        @Test
        void anExpiredPackageNoLongerPaysEvenForALateCallFromBefore() {
            charged(givenPackage().andGivenCommands(new ExpirePackage(ACME, "PKG-000001", t("2027-04-01T09:30")))
                    .when(call("late", WECHAT_LIVENESS_VERIFICATION, t("2027-03-31T10:00"))), ChargedTo.POSTPAID);
        }
    }

    @Nested
    class Billability {
        @ParameterizedTest
        @ValueSource(strings = {"Success", "IdNameMisMatch", "CompareLowSimilarity"})
        void billableCodesAreCharged(String code) {
            charged(fixture.givenCommands(open(OPENED, true))
                    .when(call("r", PHOTO_VERIFICATION, t("2026-03-12T10:00"), code)), ChargedTo.FREE);
        }

        @Test
        void missingResultCodeCountsAsSuccess() {
            Instant at = t("2026-03-12T10:00");
            fixture.givenCommands(open(OPENED, true))
                    .when(new MeterCall(ACME, "r", PHOTO_VERIFICATION, at, null, at))
                    .expectEvents(new CallMetered(ACME, "r", PHOTO_VERIFICATION, at, at, "Success", true,
                            ChargedTo.FREE, "FREE-PHOTO_VERIFICATION", 49, YearMonth.of(2026, 3), 0));
        }

        @ParameterizedTest
        @ValueSource(strings = {"InvalidParameter", "FailedOperation.LivenessDetectFail", "ImageQualityError",
                "NoFaceDetected", "Arrears", "NotActivated", "RequestLimitExceeded", "success"})
        void otherCodesChargeNothingAndUseNoPackage(String code) {
            Instant at = t("2026-03-12T10:00");
            fixture.givenCommands(open(OPENED, false))
                    .when(call("r", PHOTO_VERIFICATION, at, code))
                    .expectEvents(new CallMetered(ACME, "r", PHOTO_VERIFICATION, at, at, code, false,
                            ChargedTo.NONE, null, null, YearMonth.of(2026, 3), 0));
        }
    }

    @Nested
    class PostpaidAndDuplicates {
        @Test
        void postpaidOffRefusesWhatNoPackageCanPay() {
            Instant at = t("2026-03-12T10:00");
            fixture.givenCommands(open(OPENED, false))
                    .when(call("r", WECHAT_LIVENESS_VERIFICATION, at))
                    .expectEvents(new CallMetered(ACME, "r", WECHAT_LIVENESS_VERIFICATION, at, at, "Success", true,
                            ChargedTo.REFUSED, null, null, YearMonth.of(2026, 3), 0));
        }

        @Test
        void switchingPostpaidOnChargesPostpaid() {
            Instant at = t("2026-03-12T10:00");
            fixture.givenCommands(open(OPENED, false), new SwitchPostpaid(ACME, true, at, "ops"))
                    .when(call("r", WECHAT_LIVENESS_VERIFICATION, at))
                    .expectEvents(new CallMetered(ACME, "r", WECHAT_LIVENESS_VERIFICATION, at, at, "Success", true,
                            ChargedTo.POSTPAID, null, null, YearMonth.of(2026, 3), 1));
        }

        @Test
        void switchingToTheCurrentSettingRecordsNothing() {
            fixture.givenCommands(open(OPENED, true))
                    .when(new SwitchPostpaid(ACME, true, OPENED, "ops"))
                    .expectSuccessfulHandlerExecution().expectNoEvents();
        }

        @Test
        void aRepeatedRequestIdChargesNothingAndAnswersTheOriginal() {
            Instant at = t("2026-03-12T10:00");
            requests.remember(ACME, new MeteredCall(new CallOutcome("r", true, ChargedTo.FREE,
                    "FREE-PHOTO_VERIFICATION", false), PHOTO_VERIFICATION, at, "Success"));
            fixture.givenCommands(open(OPENED, true))
                    .when(call("r", PHOTO_VERIFICATION, at))
                    .expectNoEvents()
                    .expectResultMessagePayload(
                            new CallOutcome("r", true, ChargedTo.FREE, "FREE-PHOTO_VERIFICATION", true));
        }

        @Test
        void callBeforeOpeningIsRefused() {
            fixture.givenCommands(open(OPENED, true))
                    .when(call("r", PHOTO_VERIFICATION, OPENED.minusSeconds(1)))
                    .expectException(code(ErrorCode.BEFORE_ACCOUNT_OPENED)).expectNoEvents();
        }
    }
}
