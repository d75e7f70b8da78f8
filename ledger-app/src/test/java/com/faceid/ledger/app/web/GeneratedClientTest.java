package com.faceid.ledger.app.web;

import org.junit.jupiter.api.Tag;
import com.faceid.ledger.app.support.Http;
import com.faceid.ledger.client.ApiClient;
import com.faceid.ledger.client.ApiException;
import com.faceid.ledger.client.api.AccountsApi;
import com.faceid.ledger.client.api.AuditApi;
import com.faceid.ledger.client.api.BalancesApi;
import com.faceid.ledger.client.api.MeteringApi;
import com.faceid.ledger.client.api.PackagesApi;
import com.faceid.ledger.client.api.StatementsApi;
import com.faceid.ledger.client.model.AccountView;
import com.faceid.ledger.client.model.BatchCall;
import com.faceid.ledger.client.model.BatchRequest;
import com.faceid.ledger.client.model.BatchResponse;
import com.faceid.ledger.client.model.BuyPackageRequest;
import com.faceid.ledger.client.model.CallOutcome;
import com.faceid.ledger.client.model.ChargedTo;
import com.faceid.ledger.client.model.Explanation;
import com.faceid.ledger.client.model.MeterCallRequest;
import com.faceid.ledger.client.model.OpenAccountRequest;
import com.faceid.ledger.client.model.PackageKind;
import com.faceid.ledger.client.model.PurchaseView;
import com.faceid.ledger.client.model.QuotaView;
import com.faceid.ledger.client.model.Service;
import com.faceid.ledger.client.model.ServiceQuota;
import com.faceid.ledger.client.model.StatementStatus;
import com.faceid.ledger.client.model.StatementView;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The walk-through driven by a typed Java client that the build generates from the committed API document
 * (docs/openapi.json, kept equal to the served one by {@link ApiDocumentTest}): open, buy, meter, batch,
 * quota, statement, explanation. A document that lies about a status, a null or a field's shape fails here
 * the way it fails an integrator.
 */
@Tag("service") // starts the service: left out of the fast build (-Pfast)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class GeneratedClientTest {
    @LocalServerPort
    int port;
    ApiClient client;
    String acme;

    @BeforeEach
    void setUp() {
        client = new ApiClient();
        client.updateBaseUri("http://127.0.0.1:" + port);
        client.setRequestInterceptor(b -> b.header("Authorization", "Bearer " + Http.OPERATOR));
        acme = "gen-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void theWalkThroughWithTheGeneratedClient() throws Exception {
        AccountView opened = new AccountsApi(client).openAccount(new OpenAccountRequest().accountId(acme)
                .openedAt(OffsetDateTime.parse("2026-03-10T15:00:00+08:00")));
        assertThat(opened.getAccountId()).isEqualTo(acme);
        assertThat(opened.getClosedThrough()).isNull(); // nothing closed yet: null, as the document says
        assertThat(opened.getServices()).hasSize(3).allSatisfy(s -> assertThat(s.getPackages()).isEqualTo(1));

        PackagesApi packages = new PackagesApi(client);
        BuyPackageRequest buy = new BuyPackageRequest().purchaseId("po-17").service(Service.LIVENESS_VERIFICATION)
                .size(10_000).purchasedAt(OffsetDateTime.parse("2026-03-11T09:00:00+08:00"));
        PurchaseView bought = packages.buyPackage(acme, buy);
        assertThat(bought.getKind()).isEqualTo(PackageKind.PURCHASED);
        assertThat(bought.getPrice()).isEqualTo("8500.00");
        assertThat(packages.buyPackageWithHttpInfo(acme, buy).getStatusCode()).isEqualTo(200); // a repeat

        MeteringApi metering = new MeteringApi(client);
        CallOutcome free = metering.meterCall(acme, new MeterCallRequest().requestId("r-1")
                .service(Service.PHOTO_VERIFICATION).occurredAt(OffsetDateTime.parse("2026-03-12T10:00:00+08:00"))
                .resultCode("Success"));
        assertThat(free.getChargedTo()).isEqualTo(ChargedTo.FREE);
        assertThat(free.getPackageId()).isNotNull();
        CallOutcome paid = metering.meterCall(acme, new MeterCallRequest().requestId("r-2")
                .service(Service.LIVENESS_VERIFICATION)
                .occurredAt(OffsetDateTime.parse("2026-03-12T10:05:00+08:00")).resultCode("Failed"));
        assertThat(paid.getBillable()).isFalse();
        assertThat(paid.getPackageId()).isNull(); // not billable: no package, null as the document says

        BatchResponse batch = metering.meterCalls(new BatchRequest().calls(List.of(
                new BatchCall().accountId(acme).requestId("b-1").service(Service.BANK_CARD_VERIFICATION)
                        .occurredAt(OffsetDateTime.parse("2026-03-12T11:00:00+08:00")),
                new BatchCall().accountId(acme + "-nobody").requestId("b-2").service(Service.ID_VERIFICATION))));
        assertThat(batch.getResults()).hasSize(2);
        assertThat(batch.getResults().get(0).getStatus()).isEqualTo(201);
        assertThat(batch.getResults().get(1).getStatus()).isEqualTo(404);
        assertThat(batch.getResults().get(1).getCode()).isEqualTo("ACCOUNT_NOT_FOUND");

        QuotaView quota = new BalancesApi(client).getQuota(acme, null);
        ServiceQuota liveness = quota.getServices().stream()
                .filter(s -> s.getService() == Service.LIVENESS_VERIFICATION).findFirst().orElseThrow();
        assertThat(liveness.getRemaining()).isEqualTo(50 + 10_000);
        assertThat(liveness.getPackages()).hasSize(2);

        StatementView march = new StatementsApi(client).getStatement(acme, "2026-03", null, null);
        assertThat(march.getStatus()).isEqualTo(StatementStatus.OPEN);
        assertThat(march.getPrepaidSpend()).isEqualTo("8500.00");
        assertThat(march.getClosedAt()).isNull();

        Explanation why = new AuditApi(client).explainCall(acme, "r-1");
        assertThat(why.getChargedTo()).isEqualTo(ChargedTo.FREE);
        assertThat(why.getPaidBy().getRemainingAfter()).isEqualTo(49);
    }

    @Test
    void aRefusalArrivesAsTheDocumentedProblem() throws Exception {
        AccountsApi accounts = new AccountsApi(client);
        accounts.openAccount(new OpenAccountRequest().accountId(acme));
        assertThatThrownBy(() -> accounts.openAccount(new OpenAccountRequest().accountId(acme)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(409);
                    assertThat(e.getResponseBody()).contains("\"code\":\"ACCOUNT_EXISTS\"");
                });
    }
}
