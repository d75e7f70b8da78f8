package com.faceid.ledger.app.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The ledger's API in test vocabulary, on top of {@link Http}. */
public class Ledger {
    public final Http http;

    public Ledger(Http http) {
        this.http = http;
    }

    public JsonNode open(String account, String openedAt) {
        Http.Response r = http.post("/api/v1/accounts",
                "{\"accountId\":\"" + account + "\",\"openedAt\":\"" + openedAt + "\"}");
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json();
    }

    public Http.Response buy(String account, String purchaseId, String service, int size, String at) {
        return http.post("/api/v1/accounts/" + account + "/packages", "{\"purchaseId\":\"" + purchaseId
                + "\",\"service\":\"" + service + "\",\"size\":" + size + ",\"purchasedAt\":\"" + at + "\"}");
    }

    public Http.Response call(String account, String requestId, String service, String at, String resultCode) {
        return http.post("/api/v1/accounts/" + account + "/calls", "{\"requestId\":\"" + requestId
                + "\",\"service\":\"" + service + "\",\"occurredAt\":\"" + at + "\""
                + (resultCode == null ? "" : ",\"resultCode\":\"" + resultCode + "\"") + "}");
    }

    public Http.Response call(String account, String requestId, String service, String at) {
        return call(account, requestId, service, at, "Success");
    }

    /** Meters n Success calls in batches of 1000 at the same instant; every call must be accepted. */
    public void calls(String account, String service, int n, String at, String idPrefix) {
        for (int start = 0; start < n; start += 1000) {
            List<String> calls = new ArrayList<>();
            for (int i = start; i < Math.min(n, start + 1000); i++) {
                calls.add("{\"accountId\":\"" + account + "\",\"requestId\":\"" + idPrefix + i + "\",\"service\":\""
                        + service + "\",\"occurredAt\":\"" + at + "\",\"resultCode\":\"Success\"}");
            }
            Http.Response r = http.post("/api/v1/calls:batch", "{\"calls\":[" + String.join(",", calls) + "]}");
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            for (JsonNode result : r.json().path("results")) {
                assertThat(result.path("status").asInt()).as(result.toString()).isEqualTo(201);
            }
        }
    }

    public JsonNode statement(String account, String month) {
        Http.Response r = http.get("/api/v1/accounts/" + account + "/statements/" + month);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json();
    }

    public JsonNode account(String account) {
        Http.Response r = http.get("/api/v1/accounts/" + account);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json();
    }

    public JsonNode packages(String account) {
        Http.Response r = http.get("/api/v1/accounts/" + account + "/packages");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json();
    }

    /** The account's events, counted a page of 1,000 at a time. */
    public long eventCount(String account) {
        long count = 0;
        long after = -1;
        while (true) {
            JsonNode events = http.get("/api/v1/accounts/" + account + "/events?size=1000"
                    + (after < 0 ? "" : "&after=" + after)).json().path("events");
            count += events.size();
            if (events.size() < 1000) {
                return count;
            }
            after = events.get(events.size() - 1).path("sequenceNumber").asLong();
        }
    }
}
