package com.faceid.ledger.app.replay;

import com.faceid.ledger.app.axon.ReadModels;
import com.faceid.ledger.app.web.ApiException;
import com.faceid.ledger.app.web.HttpError;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Audit")
public record AdminAuditController(ReplayService replays, ReadModelVerifier verifier, ReadModels readModels) {
    @PostMapping("/api/v1/admin/replay")
    @Operation(operationId = "startReplay")
    public ResponseEntity<ReplayService.Progress> replay() {
        if (!replays.start()) {
            throw new ApiException(HttpError.REPLAY_RUNNING, "a replay is already running");
        }
        return ResponseEntity.accepted().body(replays.progress());
    }

    @GetMapping("/api/v1/admin/replay")
    @Operation(operationId = "getReplayProgress")
    public ReplayService.Progress replayProgress() {
        return replays.progress();
    }

    @GetMapping("/api/v1/admin/verify")
    @Operation(operationId = "verifyReadModels")
    public ReadModelVerifier.Report verify() {
        boolean caughtUp = readModels.awaitAll();
        return verifier.verify(caughtUp);
    }
}
