package com.faceid.ledger.app.statement;

import io.swagger.v3.oas.annotations.media.Schema;
import com.faceid.ledger.app.account.AccountQueries;
import com.faceid.ledger.app.axon.Commands;
import com.faceid.ledger.app.web.Requests;
import com.faceid.ledger.app.web.Json;
import com.faceid.ledger.statement.AdjustmentReceipt;
import com.faceid.ledger.statement.AdjustmentRecorded;
import com.faceid.ledger.statement.RecordAdjustment;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.YearMonth;

@RestController
@Tag(name = "Statements")
public class AdjustmentController {
    public record AdjustmentRequest(
            @NotBlank @Size(max = Requests.KEY_MAX) @Pattern(regexp = Requests.KEY_PATTERN) String adjustmentId,
            @NotBlank @Schema(type = "string", pattern = Requests.MONTH_PATTERN) String month,
            @NotNull @Schema(type = "string", pattern = Json.DECIMAL_PATTERN, example = "-120.00") String amount,
            @NotBlank @Size(max = Requests.REASON_MAX) String reason,
            @Size(max = Requests.KEY_MAX) @Pattern(regexp = Requests.KEY_PATTERN) @Schema(nullable = true) String requestId) {
    }

    public record AdjustmentView(
            String adjustmentId,
            @Schema(type = "string", pattern = Requests.MONTH_PATTERN) String month,
            @Schema(type = "string", pattern = Requests.MONTH_PATTERN, nullable = true) String correctsMonth,
            @Schema(type = "string", pattern = Json.MONEY_PATTERN) String amount,
            String reason,
            @Schema(nullable = true) String requestId) {
    }

    private final Commands commands;
    private final AccountQueries accounts;
    private final Clock clock;
    private final com.faceid.ledger.app.axon.ReadModels readModels;
    private final StatementQueries statements;

    public AdjustmentController(Commands commands, AccountQueries accounts, Clock clock,
                                com.faceid.ledger.app.axon.ReadModels readModels, StatementQueries statements) {
        this.commands = commands;
        this.accounts = accounts;
        this.clock = clock;
        this.readModels = readModels;
        this.statements = statements;
    }

    @PostMapping("/api/v1/accounts/{accountId}/adjustments")
    @Operation(operationId = "recordAdjustment",
            summary = "A credit (negative) or debit on a month's statement, or on the next open one if it is closed")
    @ApiResponse(responseCode = "201", description = "Recorded")
    @ApiResponse(responseCode = "200", description = "A repeat of the same adjustment: the same record")
    @ApiResponse(responseCode = "409", description = "ADJUSTMENT_ID_CONFLICT")
    @ApiResponse(responseCode = "422", description = "BEFORE_ACCOUNT_OPENED")
    public ResponseEntity<AdjustmentView> adjust(@PathVariable String accountId,
                                                 @Valid @RequestBody AdjustmentRequest req) {
        accounts.require(accountId);
        YearMonth month = Requests.month(req.month());
        BigDecimal amount = Requests.adjustmentAmount(req.amount());
        String reason = Requests.text("reason", req.reason(), Requests.REASON_MAX);
        AdjustmentReceipt r = commands.send(new RecordAdjustment(accountId, req.adjustmentId(), month, amount,
                reason, req.requestId(), com.faceid.ledger.app.security.RequestContext.actor(), clock.instant()));
        // a repeat answers the adjustment as stored, never the request's echo
        AdjustmentRecorded a = r.adjustment();
        // read your writes: the statement asked for next shows it
        readModels.await(() -> statements.adjustmentRecorded(accountId, a.adjustmentId()));
        return ResponseEntity.status(r.duplicate() ? HttpStatus.OK : HttpStatus.CREATED).body(new AdjustmentView(
                a.adjustmentId(), a.month().toString(), a.correctsMonth().toString(), Json.money(a.amount()),
                a.reason(), a.requestId()));
    }
}
