package com.faceid.ledger.app.statement;

import com.faceid.ledger.app.account.AccountQueries;
import com.faceid.ledger.app.axon.AnswersFromEvents;
import com.faceid.ledger.app.axon.Commands;
import com.faceid.ledger.app.axon.ReadModels;
import com.faceid.ledger.app.security.Caller;
import com.faceid.ledger.app.security.RequestContext;
import com.faceid.ledger.app.web.Csv;
import com.faceid.ledger.app.web.Json;
import com.faceid.ledger.app.web.Requests;
import com.faceid.ledger.event.Limits;
import com.faceid.ledger.event.Service;
import com.faceid.ledger.statement.CloseStatement;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;

@RestController
@Tag(name = "Statements")
public record StatementController(Commands commands, AccountQueries accounts, StatementQueries statements,
        ReadModels readModels, Clock clock, StatementService statementViews, PriceAgreements prices) {
    public record NegotiatedPriceView(
            String accountId, Service service,
            @Schema(type = "string", pattern = Json.DECIMAL_PATTERN, example = "0.35") String unitPrice,
            @Schema(type = "string", pattern = Requests.MONTH_PATTERN, example = "2026-05") String effectiveFrom,
            String agreedBy) {
    }

    public record NegotiatedPriceRequest(
            @NotBlank @Size(max = 64) @Schema(implementation = Service.class) String service,
            @NotNull @Schema(type = "string", pattern = Json.DECIMAL_PATTERN, example = "0.35") String unitPrice,
            @NotBlank @Schema(type = "string", pattern = Requests.MONTH_PATTERN) String effectiveFrom,
            @NotBlank @Size(max = Limits.NAME_MAX) String agreedBy) {
    }

    @GetMapping(value = "/api/v1/accounts/{accountId}/statements/{month}",
            produces = {MediaType.APPLICATION_JSON_VALUE, Csv.MEDIA_TYPE})
    @Operation(operationId = "getStatement")
    @AnswersFromEvents
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = StatementView.class)))
    public ResponseEntity<?> statement(@PathVariable String accountId,
                                       @Parameter(description = "The month, yyyy-MM (or yyyy-MM.csv for CSV)",
                                               schema = @Schema(pattern = Requests.MONTH_PATH_PATTERN))
                                       @PathVariable String month,
                                       @Parameter(hidden = true) @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
                                       @RequestParam(required = false)
                                       @DateTimeFormat(
                                               iso = DateTimeFormat.ISO.DATE_TIME)
                                       OffsetDateTime asOf, @Parameter(hidden = true) HttpServletRequest request) {
        boolean csv = month.endsWith(".csv") || Csv.asked(accept);
        YearMonth m = Requests.month(month.endsWith(".csv") ? month.substring(0, month.length() - 4) : month);
        StatementView full = statementViews.view(accountId, m, asOf);
        StatementView view = Caller.of(request).isCustomer() ? full.shownToCustomer() : full;
        return Csv.orJson(csv, "statement-" + accountId + "-" + m + ".csv", view, view::toCsv);
    }

    @PostMapping("/api/v1/accounts/{accountId}/statements/{month}/close")
    @Operation(operationId = "closeStatement")
    public StatementView close(@PathVariable String accountId, @PathVariable String month) {
        YearMonth m = Requests.month(month);
        AccountQueries.AccountRow account = accounts.require(accountId);
        List<YearMonth> closed = commands.send(new CloseStatement(accountId, m, clock.instant(),
                RequestContext.actor()));
        readModels.await(() -> closed.isEmpty()
                || statements.of(account, m).status() == StatementQueries.Status.CLOSED);
        StatementQueries.Statement s = statements.of(account, m);
        return StatementView.of(s, account.zone()).withDigest(statements.digest(s));
    }

    @PostMapping("/api/v1/accounts/{accountId}/negotiated-prices")
    @Operation(operationId = "agreeNegotiatedPrice")
    public ResponseEntity<NegotiatedPriceView> negotiatedPrice(@PathVariable String accountId,
                                                               @Valid @RequestBody NegotiatedPriceRequest req) {
        PriceAgreements.Agreement a = prices.agree(accountId, req.service(), req.unitPrice(), req.effectiveFrom(),
                req.agreedBy());
        return ResponseEntity.status(HttpStatus.CREATED).body(new NegotiatedPriceView(accountId, a.service(),
                a.unitPrice().toPlainString(), a.effectiveFrom().toString(), a.agreedBy()));
    }
}
