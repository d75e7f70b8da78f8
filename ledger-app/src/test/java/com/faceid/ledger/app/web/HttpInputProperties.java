package com.faceid.ledger.app.web;

import com.faceid.ledger.app.support.Http;
import com.faceid.ledger.app.support.Ledger;
import com.faceid.ledger.app.support.StartedLedger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two classes of input the third hardening round found holes in, over generated members (issue "Hardening round 3"):
 * every paged endpoint answers any page and size with a page of at most that size or {@code 400 VALIDATION_FAILED},
 * never a 500; every JSON body with a key given twice or anything after the document is
 * {@code 400 MALFORMED_REQUEST} whose detail names no internal class, and writes nothing. Runs on H2, and on
 * PostgreSQL with LEDGER_TEST_DB=postgres (the context's H2 URL is mapped).
 */
@net.jqwik.api.Tag("service") // starts the service: left out of the fast build (-Pfast)
class HttpInputProperties {
    static ConfigurableApplicationContext ctx;
    static Http http;
    static JdbcTemplate jdbc;
    static String webhookId;

    /** A paged endpoint: its path before the query, the list's field in the answer, its largest size. */
    record Pager(String path, String list, int maxSize) {
    }

    @BeforeContainer
    static void start() {
        ctx = StartedLedger.start("inputs", "--ledger.webhooks.allow-private=true",
                "--ledger.webhooks.sender-enabled=false");
        http = StartedLedger.http(ctx);
        jdbc = ctx.getBean(JdbcTemplate.class);
        Ledger ledger = new Ledger(http);
        ledger.open("pg", "2026-03-10T15:00:00+08:00");
        ledger.calls("pg", "PHOTO_VERIFICATION", 30, "2026-03-12T10:00:00+08:00", "pg-");
        Http.Response hook = http.post("/api/v1/webhooks", "{\"url\":\"http://127.0.0.1:9/h\",\"events\":"
                + "[\"calls.refused\"],\"accountId\":\"pg\"}");
        assertThat(hook.status()).as(hook.text()).isEqualTo(201);
        webhookId = hook.json().path("webhookId").asText();
    }

    @AfterContainer
    static void stop() {
        ctx.close();
    }

    @Provide
    Arbitrary<Pager> pagers() {
        return Arbitraries.of(new Pager("/api/v1/accounts", "items", 100),
                new Pager("/api/v1/accounts/pg/events", "events", 1000),
                new Pager("/api/v1/webhooks/{hook}/deliveries", "deliveries", 1000));
    }

    @Provide
    Arbitrary<String> numbers() {
        return Arbitraries.oneOf(Arbitraries.integers().between(-3, 3).map(String::valueOf),
                Arbitraries.integers().between(0, 2000).map(String::valueOf),
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.of("2147483647", "2147483648", "-2147483648", "1073741824", "1.5", "1e3", "abc", "0x10",
                        "%20", "+1", "99999999999999999999"));
    }

    /** What the pager's rule says of a page and size: null when valid, else why not. */
    static boolean valid(String page, String size, int maxSize) {
        Integer p = parse(page);
        Integer s = parse(size);
        return p != null && s != null && p >= 0 && s >= 1 && s <= maxSize && (long) p * s <= Integer.MAX_VALUE;
    }

    static Integer parse(String n) {
        if (!n.matches("-?[0-9]+|\\+[0-9]+")) {
            return null;
        }
        try {
            return Integer.parseInt(n);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Property(tries = 300)
    void everyPagerAnswersAPageOfAtMostItsSizeOrA400(@ForAll("pagers") Pager pager, @ForAll("numbers") String page,
                                                     @ForAll("numbers") String size) {
        String path = pager.path().replace("{hook}", webhookId) + "?page=" + page + "&size=" + size;
        Http.Response r = http.get(path);
        if (valid(page, size, pager.maxSize())) {
            assertThat(r.status()).as(path + " -> " + r.text()).isEqualTo(200);
            assertThat(r.json().path(pager.list()).size()).as(path).isLessThanOrEqualTo(Integer.parseInt(size));
        } else {
            assertThat(r.status()).as(path + " -> " + r.text()).isEqualTo(400);
            assertThat(r.code()).as(path).isEqualTo("VALIDATION_FAILED");
        }
    }

    /** A valid body for a writing endpoint, as its fields: path, then key-value pairs already in JSON. */
    record Body(String path, List<String> fields) {
        String json() {
            return "{" + String.join(",", fields) + "}";
        }
    }

    @Provide
    Arbitrary<Body> bodies() {
        String id = "x-" + UUID.randomUUID().toString().substring(0, 8);
        return Arbitraries.of(
                new Body("/api/v1/accounts/pg/calls", List.of("\"requestId\":\"" + id + "\"",
                        "\"service\":\"PHOTO_VERIFICATION\"", "\"occurredAt\":\"2026-03-12T11:00:00+08:00\"",
                        "\"resultCode\":\"Success\"")),
                new Body("/api/v1/accounts/pg/packages", List.of("\"purchaseId\":\"" + id + "\"",
                        "\"service\":\"PHOTO_VERIFICATION\"", "\"size\":930")),
                new Body("/api/v1/accounts/pg/holds", List.of("\"holdId\":\"" + id + "\"",
                        "\"service\":\"PHOTO_VERIFICATION\"")),
                new Body("/api/v1/accounts/pg/adjustments", List.of("\"adjustmentId\":\"" + id + "\"",
                        "\"month\":\"2026-03\"", "\"amount\":\"-0.10\"", "\"reason\":\"goodwill\"")),
                new Body("/api/v1/accounts", List.of("\"accountId\":\"" + id + "\"",
                        "\"openedAt\":\"2026-03-10T15:00:00+08:00\"")),
                new Body("/api/v1/calls:batch", List.of("\"calls\":[{\"accountId\":\"pg\",\"requestId\":\"" + id
                        + "\",\"service\":\"PHOTO_VERIFICATION\"}]")),
                // malformed already: an item's account given twice (last-wins once switched the account charged)
                new Body("/api/v1/calls:batch", List.of("\"calls\":[{\"accountId\":\"pg\",\"requestId\":\"" + id
                        + "\",\"service\":\"PHOTO_VERIFICATION\",\"accountId\":\"other\"}]")));
    }

    @Property(tries = 200)
    void aKeyGivenTwiceOrContentAfterTheDocumentIsMalformedAndWritesNothing(
            @ForAll("bodies") Body body, @ForAll("mutations") String mutation, @ForAll("positions") int at) {
        List<String> fields = new ArrayList<>(body.fields());
        String json;
        if (mutation.startsWith("trailing:")) {
            json = body.json() + mutation.substring("trailing:".length());
        } else {
            String repeated = fields.get(at % fields.size());
            String key = repeated.substring(0, repeated.indexOf(':') + 1);
            fields.add(Math.min(at % (fields.size() + 1), fields.size()), key + mutation);
            json = "{" + String.join(",", fields) + "}";
        }
        long events = jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry", Long.class);
        Http.Response r = http.post(body.path(), json);
        assertThat(r.status()).as(body.path() + " " + json + " -> " + r.text()).isEqualTo(400);
        assertThat(r.code()).as(json).isEqualTo("MALFORMED_REQUEST");
        assertThat(r.json().path("detail").asText()).doesNotContain("com.", "java.", "Exception");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry", Long.class)).as(json)
                .isEqualTo(events);
    }

    @Provide
    Arbitrary<String> mutations() {
        return Arbitraries.oneOf(
                Arbitraries.of("\"other\"", "\"PHOTO_VERIFICATION\"", "1", "null", "[]", "{}", "\"2026-04\""),
                Arbitraries.of("trailing:{}", "trailing: x", "trailing:]", "trailing:\"a\"", "trailing:1",
                        "trailing:{\"a\":1}", "trailing:null"));
    }

    @Provide
    Arbitrary<Integer> positions() {
        return Arbitraries.integers().between(0, 20);
    }

}
