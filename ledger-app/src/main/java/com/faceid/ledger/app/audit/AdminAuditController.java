package com.faceid.ledger.app.audit;

import com.faceid.ledger.app.web.ApiException;
import com.faceid.ledger.app.web.ReadModels;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Audit")
public class AdminAuditController {
    private final ReplayService replay;
    private final ReadModelVerifier verifier;
    private final ReadModels readModels;

    public AdminAuditController(ReplayService replay, ReadModelVerifier verifier, ReadModels readModels) {
        this.replay = replay;
        this.verifier = verifier;
        this.readModels = readModels;
    }

    @PostMapping("/api/v1/admin/replay")
    @Operation(summary = "Rebuild every read model from the event store (follow it with GET)")
    public ResponseEntity<ReplayService.Progress> replay() {
        if (!replay.start()) {
            throw new ApiException(HttpStatus.CONFLICT, "REPLAY_RUNNING", "a replay is already running");
        }
        return ResponseEntity.accepted().body(replay.progress());
    }

    @GetMapping("/api/v1/admin/replay")
    @Operation(summary = "Progress of the last replay: each processor's position against the event store's head")
    public ReplayService.Progress replayProgress() {
        return replay.progress();
    }

    @GetMapping("/api/v1/admin/verify")
    @Operation(summary = "Rebuild every account's read models aside from its events and report every difference")
    public ReadModelVerifier.Report verify() {
        boolean caughtUp = readModels.awaitAll();
        return verifier.verify(caughtUp);
    }
}
