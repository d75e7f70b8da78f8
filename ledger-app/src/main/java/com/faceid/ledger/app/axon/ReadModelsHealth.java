package com.faceid.ledger.app.axon;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component "readModels": DOWN while a read model cannot take an event (with that
 * event: id, type, account, sequence, error, attempts), UP otherwise. Metering does not depend on it.
 */
@Component("readModelsHealthIndicator")
public record ReadModelsHealth(ProjectionFailures failures, ReadModels readModels) implements HealthIndicator {
    /** A store that cannot be read is DOWN here, as in the db component, never an error of the health endpoint. */
    @Override
    public Health health() {
        try {
            return check();
        } catch (RuntimeException e) {
            return Health.down().withDetail("error", e.getClass().getSimpleName()).build();
        }
    }

    private Health check() {
        ProjectionFailures.Failure f = failures.current(readModels::caughtUpTo);
        if (f == null) {
            return Health.up().withDetail("handlerErrors", failures.total()).build();
        }
        return Health.down().withDetail("failingEvent", f).withDetail("handlerErrors", failures.total()).build();
    }
}
