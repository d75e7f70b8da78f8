package com.faceid.ledger.app.schedule;

import com.faceid.ledger.app.axon.ReadModels;
import com.faceid.ledger.app.time.LedgerClock;
import com.faceid.ledger.app.web.ApiException;
import com.faceid.ledger.app.web.HttpError;
import com.faceid.ledger.app.web.Json;
import com.faceid.ledger.app.web.Requests;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.time.OffsetDateTime;
import java.time.ZoneId;

/** Where the ledger clock stands, and moving a simulated one forward (for the API and the console). */
@Component
public record ClockService(LedgerClock clock, StepRunner runner, ReadModels readModels,
        ObjectProvider<SimulatedTraffic> traffic) {
    public record ClockView(
            OffsetDateTime now,
            @Schema(allowableValues = {"simulated", "system"}) String mode,
            @Schema(nullable = true) Integer stepsRun) {
    }

    public ClockView now() {
        return new ClockView(Json.time(clock.instant(), clock.getZone()), mode(), null);
    }

    /** Moves a simulated clock to {@code now}; every step due on the way runs, in time order. */
    public ClockView moveTo(OffsetDateTime now) {
        if (!clock.isSimulated()) {
            throw new ApiException(HttpError.CLOCK_NOT_SIMULATED,
                    "the ledger runs on the system clock (ledger.clock=system); it cannot be moved");
        }
        Requests.instant("now", now);
        if (now.toInstant().isBefore(clock.instant())) {
            throw new ApiException(HttpError.CLOCK_BACKWARDS, "a simulated clock never goes back: it"
                    + " stands at " + Json.time(clock.instant(), clock.getZone()));
        }
        SimulatedTraffic follower = traffic.getIfAvailable(); // the demo's traffic, which follows the clock
        int ran = follower == null ? runner.advanceTo(now.toInstant()) : follower.advanceTo(now.toInstant());
        readModels.awaitAll(); // so the caller sees what the steps did in every read model
        return new ClockView(Json.time(clock.instant(), clock.getZone()), mode(), ran);
    }

    /** The billing zone the clock reads in. */
    public ZoneId zone() {
        return clock.getZone();
    }

    public boolean simulated() {
        return clock.isSimulated();
    }

    private String mode() {
        return clock.isSimulated() ? "simulated" : "system";
    }
}
