package com.faceid.ledger.app.metrics;

import com.faceid.ledger.app.LedgerProperties;
import com.faceid.ledger.app.axon.ReadModels;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health component "readModelsLag", part of the readiness group only (application.yml): DOWN while the
 * read models are more than {@code ledger.readiness-max-lag-events} events behind the store, so a load
 * balancer sends queries elsewhere while a node catches up (a replay, a restart after a long stop).
 * Liveness never includes it: a node that is behind is not broken.
 */
@Component("readModelsLagHealthIndicator")
public class ReadModelsReadiness implements HealthIndicator {
    private final ReadModels readModels;
    private final long maxLag;

    public ReadModelsReadiness(ReadModels readModels, LedgerProperties props) {
        this.readModels = readModels;
        this.maxLag = props.readinessMaxLagEvents();
    }

    /** A store that cannot be read is DOWN here, as in the db component, never an error of the health endpoint. */
    @Override
    public Health health() {
        long lag;
        try {
            lag = readModels.lag();
        } catch (RuntimeException e) {
            return Health.down().withDetail("error", e.getClass().getSimpleName()).build();
        }
        return (lag > maxLag ? Health.down() : Health.up()).withDetail("lagEvents", lag)
                .withDetail("maxLagEvents", maxLag).build();
    }
}
