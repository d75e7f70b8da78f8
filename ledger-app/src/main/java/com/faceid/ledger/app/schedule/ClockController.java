package com.faceid.ledger.app.schedule;

import com.faceid.ledger.app.time.LedgerClock;
import io.swagger.v3.oas.annotations.media.Schema;
import com.faceid.ledger.app.web.HttpError;
import com.faceid.ledger.app.web.ApiException;
import com.faceid.ledger.app.web.Json;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.OffsetDateTime;

@RestController
@RequestMapping("/api/v1/admin/clock")
@Tag(name = "Simulated time")
public class ClockController {
    public record MoveClock(@NotNull OffsetDateTime now) {
    }

    public record ClockView(
            OffsetDateTime now,
            @Schema(allowableValues = {"simulated", "system"}) String mode,
            @Schema(nullable = true) Integer stepsRun) {
    }

    private final LedgerClock clock;
    private final StepRunner runner;
    private final com.faceid.ledger.app.axon.ReadModels readModels;

    public ClockController(LedgerClock clock, StepRunner runner, com.faceid.ledger.app.axon.ReadModels readModels) {
        this.clock = clock;
        this.runner = runner;
        this.readModels = readModels;
    }

    @GetMapping
    @Operation(operationId = "getClock", summary = "The ledger's current time")
    @ApiResponse(responseCode = "200", description = "The ledger time")
    public ClockView get() {
        return new ClockView(Json.time(clock.instant(), clock.getZone()), mode(), null);
    }

    @PostMapping
    @Operation(operationId = "moveClock",
            summary = "Move a simulated clock forward; every step due on the way happens, in time order")
    @ApiResponse(responseCode = "200", description = "Moved; every step due on the way has run")
    @ApiResponse(responseCode = "409", description = "CLOCK_NOT_SIMULATED or CLOCK_BACKWARDS")
    public ClockView move(@Valid @RequestBody MoveClock req) {
        if (!clock.isSimulated()) {
            throw new ApiException(HttpError.CLOCK_NOT_SIMULATED,
                    "the ledger runs on the system clock (ledger.clock=system); it cannot be moved");
        }
        com.faceid.ledger.app.web.Requests.instant("now", req.now());
        if (req.now().toInstant().isBefore(clock.instant())) {
            throw new ApiException(HttpError.CLOCK_BACKWARDS, "a simulated clock never goes back: it"
                    + " stands at " + Json.time(clock.instant(), clock.getZone()));
        }
        int ran = runner.advanceTo(req.now().toInstant());
        readModels.awaitAll(); // so the caller sees what the steps did in every read model
        return new ClockView(Json.time(clock.instant(), clock.getZone()), mode(), ran);
    }

    private String mode() {
        return clock.isSimulated() ? "simulated" : "system";
    }
}
