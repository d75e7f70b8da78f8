package com.faceid.ledger.app.statement;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;


@RestController
@Tag(name = "Statements")
public record AdjustmentController(AdjustmentService adjustments) {
    @PostMapping("/api/v1/accounts/{accountId}/adjustments")
    @Operation(operationId = "recordAdjustment")
    public ResponseEntity<AdjustmentService.AdjustmentView> adjust(@PathVariable String accountId,
                                                 @Valid @RequestBody AdjustmentService.AdjustmentRequest req) {
        AdjustmentService.Recorded r = adjustments.record(accountId, req);
        AdjustmentService.AdjustmentView a = r.view();
        return ResponseEntity.status(r.duplicate() ? HttpStatus.OK : HttpStatus.CREATED).body(a);
    }
}
