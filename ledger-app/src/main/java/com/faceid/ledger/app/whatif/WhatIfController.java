package com.faceid.ledger.app.whatif;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Clock;

@RestController
@Tag(name = "What-if and advice")
public record WhatIfController(WhatIfService whatIf, WhatIfRuns runs, AdviceService advice, Clock clock) {
    @PostMapping("/api/v1/accounts/{accountId}/what-if")
    @Operation(operationId = "whatIf")
    public WhatIfView whatIf(@PathVariable String accountId, @Valid @RequestBody WhatIfRequest req) {
        return whatIf.whatIf(accountId, req.fromMonth(), req.toMonth(), req.toScenario());
    }

    @PostMapping("/api/v1/accounts/{accountId}/what-if-runs")
    @Operation(operationId = "startWhatIfRun")
    public ResponseEntity<WhatIfRunView> startRun(@PathVariable String accountId,
                                                  @Valid @RequestBody WhatIfRequest req) {
        WhatIfRuns.Run run = runs.start(accountId, req.fromMonth(), req.toMonth(), req.toScenario());
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/accounts/" + accountId + "/what-if-runs/" + run.id()))
                .body(WhatIfRunView.of(run, clock.getZone()));
    }

    @GetMapping("/api/v1/accounts/{accountId}/what-if-runs/{runId}")
    @Operation(operationId = "getWhatIfRun")
    public WhatIfRunView run(@PathVariable String accountId, @PathVariable String runId) {
        return WhatIfRunView.of(runs.get(accountId, runId), clock.getZone());
    }

    @GetMapping("/api/v1/accounts/{accountId}/advice")
    @Operation(operationId = "advice")
    public AdviceView advice(@PathVariable String accountId,
                             @Parameter(description = "Closed months the usage is taken from (1 to "
                                     + AdviceService.BASIS_MAX + ")")
                             @RequestParam(defaultValue = "3") int basisMonths,
                             @Parameter(description = "Months the plan covers, from the current one (1 to "
                                     + AdviceService.HORIZON_MAX + ")")
                             @RequestParam(defaultValue = "12") int horizonMonths) {
        return advice.advise(accountId, basisMonths, horizonMonths);
    }
}
