package com.faceid.ledger.app.statement;

import com.faceid.ledger.app.account.AccountQueries;
import com.faceid.ledger.app.web.Commands;
import com.faceid.ledger.app.web.Requests;
import com.faceid.ledger.app.web.Json;
import com.faceid.ledger.statement.AdjustmentReceipt;
import com.faceid.ledger.statement.RecordAdjustment;
import io.swagger.v3.oas.annotations.Operation;
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
            @NotBlank @Size(max = Requests.REQUEST_ID_MAX) @Pattern(regexp = Requests.ID_PATTERN) String adjustmentId,
            @NotBlank String month, @NotNull String amount, @NotBlank @Size(max = 1000) String reason,
            @Size(max = Requests.REQUEST_ID_MAX) String requestId) {
    }

    public record AdjustmentView(String adjustmentId, String month, String correctsMonth, String amount,
                                 String reason, String requestId) {
    }

    private final Commands commands;
    private final AccountQueries accounts;
    private final Clock clock;

    public AdjustmentController(Commands commands, AccountQueries accounts, Clock clock) {
        this.commands = commands;
        this.accounts = accounts;
        this.clock = clock;
    }

    @PostMapping("/api/v1/accounts/{accountId}/adjustments")
    @Operation(summary = "A credit (negative) or debit on a month's statement, or on the next open one if it is closed")
    public ResponseEntity<AdjustmentView> adjust(@PathVariable String accountId,
                                                 @Valid @RequestBody AdjustmentRequest req) {
        accounts.require(accountId);
        YearMonth month = Requests.month(req.month());
        BigDecimal amount = Requests.decimal("amount", req.amount(), 2);
        AdjustmentReceipt r = commands.send(new RecordAdjustment(accountId, req.adjustmentId(), month, amount,
                req.reason(), req.requestId(), com.faceid.ledger.app.security.RequestContext.actor(), clock.instant()));
        return ResponseEntity.status(r.duplicate() ? HttpStatus.OK : HttpStatus.CREATED).body(new AdjustmentView(
                req.adjustmentId(), r.month().toString(), month.toString(), Json.money(amount), req.reason(),
                req.requestId()));
    }
}
