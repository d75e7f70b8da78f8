package com.faceid.ledger.app.security;

import com.faceid.ledger.app.console.ConsoleClient;
import com.faceid.ledger.app.support.Http;
import com.faceid.ledger.app.support.Ledger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A customer is told who acted on its account by role, never by the ledger's key ids: the adjustments on its
 * statement and on a call's explanation, over the API and in the console. Operators and auditors still see the
 * key that acted.
 */
@Tag("service")
// a context of its own: the customer key's account "own-account" is opened by other classes' contexts too
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "ledger.test.context=roles")
@ActiveProfiles("test")
class CustomerSeesRolesTest {
    static final String CUSTOMER = "test-customer-secret"; // bound to the account "own-account"

    @LocalServerPort
    int port;

    @Test
    void adjustmentsNameTheRoleThatRecordedThemNotTheKey() throws Exception {
        Http operator = new Http(port);
        Ledger ledger = new Ledger(operator);
        int opened = operator.post("/api/v1/accounts", "{\"accountId\":\"own-account\",\"openedAt\":"
                + "\"2026-03-01T09:00:00+08:00\"}").status();
        assertThat(opened).isEqualTo(201);
        assertThat(ledger.call("own-account", "roles-1", "BANK_CARD_VERIFICATION", "2026-03-12T10:00:00+08:00")
                .status()).isIn(200, 201);
        Http.Response adj = operator.post("/api/v1/accounts/own-account/adjustments", "{\"adjustmentId\":\"adj-roles\","
                + "\"month\":\"2026-03\",\"amount\":\"-0.40\",\"reason\":\"goodwill\",\"requestId\":\"roles-1\"}");
        assertThat(adj.status()).as(adj.text()).isIn(200, 201);

        Http customer = new Http(port, CUSTOMER);
        String statement = customer.get("/api/v1/accounts/own-account/statements/2026-03").text();
        String call = customer.get("/api/v1/accounts/own-account/calls/roles-1").text();
        for (String answer : new String[]{statement, call}) {
            assertThat(answer).contains("\"adjustmentId\":\"adj-roles\"").contains("\"actor\":\"operator\"")
                    .doesNotContain("test-operator");
        }
        assertThat(operator.get("/api/v1/accounts/own-account/statements/2026-03").text())
                .contains("\"actor\":\"test-operator\"");
        assertThat(operator.get("/api/v1/accounts/own-account/calls/roles-1").text())
                .contains("\"actor\":\"test-operator\"");

        ConsoleClient console = new ConsoleClient(port);
        console.signIn(CUSTOMER);
        for (String page : new String[]{"/console/accounts/own-account/statements/2026-03",
                "/console/accounts/own-account/calls/roles-1", "/console/accounts/own-account/events"}) {
            String body = console.get(page).body();
            assertThat(body).as(page).contains("adj-roles").doesNotContain("test-operator");
        }
    }
}
