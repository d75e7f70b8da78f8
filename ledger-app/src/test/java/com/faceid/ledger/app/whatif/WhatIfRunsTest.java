package com.faceid.ledger.app.whatif;

import com.faceid.ledger.app.web.ApiException;
import com.faceid.ledger.app.web.HttpError;
import com.faceid.ledger.whatif.Scenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The runs' own rules, around a what-if that waits to be let go: progress, the limits, what is kept. */
class WhatIfRunsTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-04-01T04:00:00Z"), ZoneId.of("Asia/Shanghai"));
    final CountDownLatch go = new CountDownLatch(1);
    final WhatIfView answer = new WhatIfView("a", "2026-03", "2026-03", List.of(), "0.00", "0.00", "0.00", List.of());

    /** A what-if of 30,000 events that runs {@code body} once it has read its first 10,000. */
    static WhatIfRuns.WhatIfs whatIf(java.util.function.Supplier<WhatIfView> body) {
        return new WhatIfRuns.WhatIfs() {
            @Override
            public long check(String accountId, YearMonth from, YearMonth to) {
                return 30_000;
            }

            @Override
            public WhatIfView whatIf(String accountId, YearMonth from, YearMonth to, Scenario scenario,
                                     WhatIfService.Progress progress) {
                progress.read(10_000, 30_000);
                return body.get();
            }
        };
    }

    /** Waits for {@link #go}, then answers. */
    final WhatIfRuns.WhatIfs waiting = whatIf(() -> {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return answer;
    });
    final WhatIfRuns runs = new WhatIfRuns(waiting, CLOCK);

    @AfterEach
    void stop() {
        go.countDown();
        runs.destroy();
    }

    @Test
    void aRunSaysHowFarItHasReadAndOthersWaitTheirTurn() {
        WhatIfRuns.Run first = runs.start("a", null, null, Scenario.none());
        WhatIfRuns.Run second = runs.start("a", null, null, Scenario.none());
        await().atMost(Duration.ofSeconds(5)).until(() -> first.read.get() == 10_000);
        assertThat(first.status).isEqualTo(WhatIfRuns.RunStatus.RUNNING);
        assertThat(first.total).isEqualTo(30_000);
        assertThat(second.status).as("one run at a time").isEqualTo(WhatIfRuns.RunStatus.QUEUED);
        assertThat(WhatIfRunView.of(first, CLOCK.getZone()).result()).isNull();

        go.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> second.status == WhatIfRuns.RunStatus.DONE);
        WhatIfRunView done = WhatIfRunView.of(first, CLOCK.getZone());
        assertThat(done.status()).isEqualTo("DONE");
        assertThat(done.eventsRead()).isEqualTo(30_000);
        assertThat(done.result()).isSameAs(answer);
        assertThat(done.startedAt()).hasToString("2026-04-01T12:00+08:00");
        assertThat(runs.get("a", first.id())).isSameAs(first);
    }

    /** Starts a run as a key would (the key that asked is part of the run's share). */
    WhatIfRuns.Run startAs(String key, String account) {
        return com.faceid.ledger.app.security.RequestContext.runAs(key, "c", () ->
                runs.start(account, null, null, Scenario.none()));
    }

    @Test
    void atMostSixteenRunsWaitOrRunAndARunIsKeptToItsAccount() {
        List<WhatIfRuns.Run> started = new ArrayList<>();
        for (int i = 0; i < WhatIfRuns.UNFINISHED_MAX; i++) {
            started.add(startAs("key-" + i, "a" + i));
        }
        assertThatThrownBy(() -> startAs("key-x", "x"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(HttpError.TOO_MANY_RUNS));
        assertThatThrownBy(() -> runs.get("b", started.get(0).id()))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(HttpError.NOT_FOUND));
        go.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> started.stream().allMatch(
                r -> r.status == WhatIfRuns.RunStatus.DONE));
        assertThat(startAs("key-x", "x")).isNotNull();
    }

    @Test
    void oneAccountOrOneKeyHoldsAtMostFourWaitingRunsSoOthersStillStart() {
        for (int i = 0; i < WhatIfRuns.UNFINISHED_PER_ACCOUNT_OR_KEY; i++) {
            startAs("key-" + i, "busy"); // four keys on one account
        }
        assertThatThrownBy(() -> startAs("key-9", "busy"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(HttpError.TOO_MANY_RUNS));
        for (int i = 0; i < WhatIfRuns.UNFINISHED_PER_ACCOUNT_OR_KEY; i++) {
            startAs("greedy", "other-" + i); // one key on four accounts
        }
        assertThatThrownBy(() -> startAs("greedy", "other-9"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(HttpError.TOO_MANY_RUNS));
        // another account's customer is not refused for them
        assertThat(startAs("customer", "mine")).isNotNull();
        go.countDown();
    }

    @Test
    void theOldestFinishedRunsGoFirstPastAHundred() {
        go.countDown();
        List<WhatIfRuns.Run> started = new ArrayList<>();
        for (int i = 0; i <= WhatIfRuns.FINISHED_MAX; i++) {
            WhatIfRuns.Run r = runs.start("a", null, null, Scenario.none());
            await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2)).atMost(Duration.ofSeconds(5))
                    .until(() -> r.status == WhatIfRuns.RunStatus.DONE);
            started.add(r);
        }
        runs.get("a", started.get(WhatIfRuns.FINISHED_MAX).id()); // a look forgets what is past the limit
        assertThatThrownBy(() -> runs.get("a", started.get(0).id())).isInstanceOf(ApiException.class);
        assertThat(runs.get("a", started.get(1).id())).isSameAs(started.get(1));
    }

    @Test
    void aFailureOfTheLedgerIsAFailedRunWithItsProblemNotALostOne() {
        WhatIfRuns broken = new WhatIfRuns(whatIf(() -> {
            throw new IllegalStateException("disk on fire");
        }), CLOCK);
        try {
            WhatIfRuns.Run r = broken.start("a", null, null, Scenario.none());
            await().atMost(Duration.ofSeconds(5)).until(() -> r.status == WhatIfRuns.RunStatus.FAILED);
            assertThat(r.failure.status()).isEqualTo(500);
            assertThat(r.failure.code()).isEqualTo("INTERNAL_ERROR");
            assertThat(r.failure.detail()).contains(r.id()).doesNotContain("disk on fire");
        } finally {
            broken.destroy();
        }
    }
}
