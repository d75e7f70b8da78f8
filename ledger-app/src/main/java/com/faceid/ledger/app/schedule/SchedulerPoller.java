package com.faceid.ledger.app.schedule;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs due steps in the background, every {@code ledger.scheduler-poll} (on by default), and publishes the chain
 * digests of a billing day once it is over.
 */
@Component
@EnableScheduling
@ConditionalOnProperty(name = "ledger.scheduler-enabled", havingValue = "true", matchIfMissing = true)
public record SchedulerPoller(StepRunner runner, DailyDigests digests) {
    @Scheduled(fixedDelayString = "${ledger.scheduler-poll:PT1S}", initialDelayString = "PT2S")
    void poll() {
        runner.runDue();
        digests.publishDue();
    }
}
