package com.faceid.ledger.app.whatif;

import com.faceid.ledger.app.web.Json;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * A what-if run (whatif.WhatIfRuns): where it stands, how many of the account's events it has re-rated, and,
 * once done, the what-if itself; once failed, the problem the what-if answered. What a run does not have yet
 * is left out (as in the batch answers).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WhatIfRunView(
        String runId,
        String accountId,
        @Schema(implementation = WhatIfRuns.RunStatus.class) String status,
        @Schema(description = "Events of the account re-rated so far") long eventsRead,
        @Schema(description = "Events of the account it re-rates: those recorded when it was started, and once it"
                + " runs, those recorded when it began re-rating") long eventsTotal,
        OffsetDateTime startedAt,
        @Schema(nullable = true) OffsetDateTime finishedAt,
        @Schema(nullable = true, description = "The what-if, once DONE") WhatIfView result,
        @Schema(nullable = true, description = "Why it FAILED") WhatIfRuns.RunFailure failure) {

    /** Times in the billing zone, the ledger clock's. */
    public static WhatIfRunView of(WhatIfRuns.Run run, ZoneId zone) {
        // the status first: a run's thread writes its result and end before its status, so what a status says is
        // there is there
        WhatIfRuns.RunStatus status = run.status;
        boolean finished = status == WhatIfRuns.RunStatus.DONE || status == WhatIfRuns.RunStatus.FAILED;
        return new WhatIfRunView(run.id, run.accountId, status.name(), run.read.get(), run.total,
                Json.time(run.startedAt, zone), finished ? Json.time(run.finishedAt, zone) : null,
                status == WhatIfRuns.RunStatus.DONE ? run.result : null,
                status == WhatIfRuns.RunStatus.FAILED ? run.failure : null);
    }
}
