package com.faceid.ledger.app.limits;

import com.faceid.ledger.app.security.RequestContext;
import com.faceid.ledger.app.web.ApiException;
import com.faceid.ledger.app.web.HttpError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Expensive reads share a node: one at a time a key and an account, a bounded number a node. */
class FairShareTest {
    final CountDownLatch release = new CountDownLatch(1);
    final FairShare share = new FairShare(2);

    /** Starts a read as {@code key} on {@code account} that holds its place until {@link #release}. */
    CompletableFuture<String> holding(String key, String account) {
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<String> f = CompletableFuture.supplyAsync(() -> RequestContext.runAs(key, "c",
                () -> share.run("a what-if", account, () -> {
                    started.countDown();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return key;
                })));
        try {
            assertThat(started.await(5, TimeUnit.SECONDS)).as("the read of " + key + " started").isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return f;
    }

    static void refused(String key, String account, FairShare share) {
        assertThatThrownBy(() -> RequestContext.runAs(key, "c", () -> share.run("verify", account, () -> "ran")))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.code()).isEqualTo(HttpError.TOO_MANY_REQUESTS));
    }

    @AfterEach
    void letGo() {
        release.countDown();
    }

    @Test
    void aKeyAndAnAccountRunOneAtATime() {
        holding("k1", "acme");
        refused("k1", "other", share); // the same key, another account
        refused("k2", "acme", share); // another key, the same account
        // another key on another account still runs (the node has two places)
        assertThat(RequestContext.runAs("k3", "c", () -> share.run("advice", "third", () -> "ran"))).isEqualTo("ran");
    }

    @Test
    void aReadThatFindsTheNodesPlacesTakenWaitsThenIsRefusedAndThePlacesComeBack() {
        CompletableFuture<String> a = holding("k1", "a");
        CompletableFuture<String> b = holding("k2", "b");
        long t0 = System.nanoTime();
        refused("k3", "c", share);
        assertThat((System.nanoTime() - t0) / 1_000_000).as("waited for a place").isGreaterThanOrEqualTo(1_900);
        release.countDown();
        await().atMost(java.time.Duration.ofSeconds(5)).until(() -> a.isDone() && b.isDone());
        // every share is free again: the same key, account and node take a read at once
        assertThat(RequestContext.runAs("k1", "c", () -> share.run("verify", "a", () -> "ran"))).isEqualTo("ran");
        assertThat(RequestContext.runAs("k3", "c", () -> share.run("verify", null, () -> "ran"))).isEqualTo("ran");
    }

    @Test
    void aFailedReadGivesItsPlacesBack() {
        assertThatThrownBy(() -> RequestContext.runAs("k1", "c", () -> share.run("verify", "a", () -> {
            throw new IllegalStateException("boom");
        }))).hasMessage("boom");
        assertThat(RequestContext.runAs("k1", "c", () -> share.run("verify", "a", () -> "ran"))).isEqualTo("ran");
    }
}
