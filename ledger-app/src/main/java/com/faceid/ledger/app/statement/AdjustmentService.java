package com.faceid.ledger.app.statement;

import com.faceid.ledger.app.account.AccountQueries;
import com.faceid.ledger.app.axon.Commands;
import com.faceid.ledger.app.axon.ReadModels;
import com.faceid.ledger.app.security.RequestContext;
import com.faceid.ledger.app.web.Json;
import com.faceid.ledger.app.web.Requests;
import com.faceid.ledger.event.AdjustmentRecorded;
import com.faceid.ledger.event.Limits;
import com.faceid.ledger.statement.AdjustmentReceipt;
import com.faceid.ledger.statement.RecordAdjustment;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.YearMonth;

/** Records a credit or debit on a statement, for the API and the console (an operator's form). */
@Component
public record AdjustmentService(Commands commands, AccountQueries accounts, Clock clock, ReadModels readModels,
        StatementQueries statements, Validator validator) {
    public record AdjustmentRequest(
            @NotBlank @Size(max = Limits.KEY_MAX) @Pattern(regexp = Requests.KEY_PATTERN) String adjustmentId,
            @NotBlank @Schema(type = "string", pattern = Requests.MONTH_PATTERN) String month,
            @NotNull @Schema(type = "string", pattern = Json.DECIMAL_PATTERN, example = "-120.00") String amount,
            @NotBlank @Size(max = Limits.REASON_MAX) String reason,
            @Size(max = Limits.KEY_MAX) @Pattern(regexp = Requests.KEY_PATTERN) @Schema(nullable = true) String requestId) {
    }

    public record AdjustmentView(
            String adjustmentId,
            @Schema(type = "string", pattern = Requests.MONTH_PATTERN) String month,
            @Schema(type = "string", pattern = Requests.MONTH_PATTERN, nullable = true) String correctsMonth,
            @Schema(type = "string", pattern = Json.MONEY_PATTERN) String amount,
            String reason,
            @Schema(nullable = true) String requestId) {
    }

    /** What was recorded, and whether it is a repeat of an earlier identical adjustment. */
    public record Recorded(AdjustmentView view, boolean duplicate) {
    }


    /** Records it as the caller's key (the request context's actor); bad input is an ApiException. */
    public Recorded record(String accountId, AdjustmentRequest req) {
        // the request's own constraints, whether it came as JSON (checked already) or from the console's form
        Requests.valid(validator, req);
        accounts.require(accountId);
        YearMonth month = Requests.month(req.month());
        BigDecimal amount = Requests.adjustmentAmount(req.amount());
        String reason = Requests.text("reason", req.reason(), Limits.REASON_MAX);
        AdjustmentReceipt r = commands.send(new RecordAdjustment(accountId, req.adjustmentId(), month, amount,
                reason, req.requestId(), RequestContext.actor(), clock.instant()));
        // a repeat answers the adjustment as stored, never the request's echo
        AdjustmentRecorded a = r.adjustment();
        // read your writes: the statement asked for next shows it
        readModels.await(() -> statements.adjustmentRecorded(accountId, a.adjustmentId()));
        return new Recorded(new AdjustmentView(a.adjustmentId(), a.month().toString(), a.correctsMonth().toString(),
                Json.money(a.amount()), a.reason(), a.requestId()), r.duplicate());
    }
}
