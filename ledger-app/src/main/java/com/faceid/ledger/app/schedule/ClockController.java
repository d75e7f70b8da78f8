package com.faceid.ledger.app.schedule;

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
public record ClockController(ClockService clocks) {
    public record MoveClock(@NotNull OffsetDateTime now) {
    }

    @GetMapping
    @Operation(operationId = "getClock", summary = "The ledger's current time")
    @ApiResponse(responseCode = "200", description = "The ledger time")
    public ClockService.ClockView get() {
        return clocks.now();
    }

    @PostMapping
    @Operation(operationId = "moveClock",
            summary = "Move a simulated clock forward; every step due on the way happens, in time order")
    @ApiResponse(responseCode = "200", description = "Moved; every step due on the way has run")
    @ApiResponse(responseCode = "409", description = "CLOCK_NOT_SIMULATED or CLOCK_BACKWARDS")
    public ClockService.ClockView move(@Valid @RequestBody MoveClock req) {
        return clocks.moveTo(req.now());
    }
}
