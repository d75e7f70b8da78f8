package com.faceid.ledger.app.schedule;

import io.swagger.v3.oas.annotations.Operation;
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
    @Operation(operationId = "getClock")
    public ClockService.ClockView get() {
        return clocks.now();
    }

    @PostMapping
    @Operation(operationId = "moveClock")
    public ClockService.ClockView move(@Valid @RequestBody MoveClock req) {
        return clocks.moveTo(req.now());
    }
}
