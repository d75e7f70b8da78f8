package com.faceid.ledger.app.audit;

import com.faceid.ledger.app.web.HttpError;
import com.faceid.ledger.app.web.ApiException;
import com.faceid.ledger.app.axon.ReadModels;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Audit")
public record AdminAuditController(ReplayService replays, ReadModelVerifier verifier, ReadModels readModels) {
    @PostMapping("/api/v1/admin/replay")
    @Operation(operationId = "startReplay",
            summary = "Rebuild every read model from the event store (follow it with GET)")
    @ApiResponse(responseCode = "202", description = "Started: follow it with GET /api/v1/admin/replay")
    @ApiResponse(responseCode = "409", description = "REPLAY_RUNNING: a replay is already running;"
            + " READ_MODELS_CLAIMED: another live node holds read-model segments")
    public ResponseEntity<ReplayService.Progress> replay() {
        if (!replays.start()) {
            throw new ApiException(HttpError.REPLAY_RUNNING, "a replay is already running");
        }
        return ResponseEntity.accepted().body(replays.progress());
    }

    @GetMapping("/api/v1/admin/replay")
    @Operation(operationId = "getReplayProgress",
            summary = "Progress of the last replay: each processor's position against the event store's head")
    @ApiResponse(responseCode = "200", description = "The last replay's progress")
    public ReplayService.Progress replayProgress() {
        return replays.progress();
    }

    @GetMapping("/api/v1/admin/verify")
    @Operation(operationId = "verifyReadModels",
            summary = "Rebuild every account's read models aside from its events and report every difference")
    @ApiResponse(responseCode = "200",
            description = "The differences found (none when the read models match the events)")
    public ReadModelVerifier.Report verify() {
        boolean caughtUp = readModels.awaitAll();
        return verifier.verify(caughtUp);
    }
}
