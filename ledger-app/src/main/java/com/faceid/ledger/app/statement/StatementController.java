package com.faceid.ledger.app.statement;

import com.faceid.ledger.pricing.Service;
import com.faceid.ledger.app.web.Json;
import com.faceid.ledger.account.BillingCalendar;
import com.faceid.ledger.app.account.AccountQueries;
import com.faceid.ledger.app.web.ApiException;
import com.faceid.ledger.app.web.Commands;
import com.faceid.ledger.app.web.ReadModels;
import com.faceid.ledger.app.web.Requests;
import com.faceid.ledger.statement.AgreeNegotiatedPrice;
import com.faceid.ledger.statement.CloseStatement;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

@RestController
@Tag(name = "Statements")
public class StatementController {
    public record NegotiatedPriceView(
            String accountId, com.faceid.ledger.pricing.Service service,
            @Schema(type = "string", pattern = Json.DECIMAL_PATTERN, example = "0.35") String unitPrice,
            @Schema(type = "string", pattern = Requests.MONTH_PATTERN, example = "2026-05") String effectiveFrom,
            String agreedBy) {
    }

    public record NegotiatedPriceRequest(
            @NotBlank @Size(max = 64) @Schema(implementation = Service.class) String service,
            @NotNull @Schema(type = "string", pattern = Json.DECIMAL_PATTERN, example = "0.35") String unitPrice,
            @NotBlank @Schema(type = "string", pattern = Requests.MONTH_PATTERN) String effectiveFrom,
            @NotBlank @Size(max = Requests.NAME_MAX) String agreedBy) {
    }

    private final Commands commands;
    private final AccountQueries accounts;
    private final StatementQueries statements;
    private final ReadModels readModels;
    private final Clock clock;
    private final com.faceid.ledger.app.audit.FoldCheckpoints checkpoints;
    private final com.faceid.ledger.app.LedgerProperties props;
    private final com.faceid.ledger.pricing.BillingPolicy policy;

    public StatementController(Commands commands, AccountQueries accounts, StatementQueries statements,
                               ReadModels readModels, Clock clock, com.faceid.ledger.app.audit.FoldCheckpoints checkpoints,
                               com.faceid.ledger.app.LedgerProperties props,
                               com.faceid.ledger.pricing.BillingPolicy policy) {
        this.checkpoints = checkpoints;
        this.props = props;
        this.policy = policy;
        this.commands = commands;
        this.accounts = accounts;
        this.statements = statements;
        this.readModels = readModels;
        this.clock = clock;
    }

    @GetMapping(value = "/api/v1/accounts/{accountId}/statements/{month}",
            produces = {MediaType.APPLICATION_JSON_VALUE, "text/csv"})
    @Operation(operationId = "getStatement",
            summary = "A month's statement: running estimate while OPEN, final once CLOSED (also as CSV)")
    @ApiResponse(responseCode = "200", description = "The statement; CSV with a .csv month or Accept: text/csv",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = StatementView.class)),
                    @Content(mediaType = "text/csv", schema = @Schema(type = "string"))})
    public ResponseEntity<?> statement(@PathVariable String accountId,
                                       @Parameter(description = "The month, yyyy-MM (or yyyy-MM.csv for CSV)",
                                               schema = @Schema(pattern = Requests.MONTH_PATH_PATTERN))
                                       @PathVariable String month,
                                       @Parameter(hidden = true) @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
                                       @org.springframework.web.bind.annotation.RequestParam(required = false)
                                       @org.springframework.format.annotation.DateTimeFormat(
                                               iso = org.springframework.format.annotation.DateTimeFormat.ISO.DATE_TIME)
                                       java.time.OffsetDateTime asOf) {
        boolean csv = month.endsWith(".csv") || (accept != null && accept.contains("text/csv")
                && !accept.contains(MediaType.APPLICATION_JSON_VALUE));
        YearMonth m = Requests.month(month.endsWith(".csv") ? month.substring(0, month.length() - 4) : month);
        AccountQueries.AccountRow account = accounts.require(accountId);
        StatementQueries.Statement s = asOf == null ? statements.of(account, m)
                : statementAsOf(accountId, m, Requests.instant("asOf", asOf));
        StatementView view = StatementView.of(s, account.zone()).withDigest(statements.digest(s));
        if (csv) {
            return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
                    .header(HttpHeaders.CONTENT_DISPOSITION,
                            "attachment; filename=statement-" + accountId + "-" + m + ".csv")
                    .body(view.toCsv());
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(view);
    }

    /** The statement as it stood at an instant, from the events recorded up to then (never the read models). */
    private StatementQueries.Statement statementAsOf(String accountId, YearMonth m, java.time.Instant asOf) {
        return checkpoints.upTo(accountId, asOf).statement(m, policy, asOf);
    }

    @GetMapping(value = "/api/v1/accounts/{accountId}/statements/{month}/dispute-report",
            produces = {MediaType.APPLICATION_JSON_VALUE, "text/csv"})
    @Operation(operationId = "getDisputeReport", summary = "The month for a billing dispute: every call with its "
            + "charge and reason, packages consumed, how each tier was reached, adjustments, totals")
    @ApiResponse(responseCode = "200", description = "The report; CSV with Accept: text/csv",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = com.faceid.ledger.app.audit.DisputeReport.class)),
                    @Content(mediaType = "text/csv", schema = @Schema(type = "string"))})
    public ResponseEntity<?> disputeReport(@PathVariable String accountId,
                                           @Parameter(schema = @Schema(pattern = Requests.MONTH_PATTERN))
                                           @PathVariable String month,
                                           @Parameter(hidden = true) @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        return disputeReport(accountId, month, accept != null && accept.contains("text/csv")
                && !accept.contains(MediaType.APPLICATION_JSON_VALUE));
    }

    @GetMapping(value = "/api/v1/accounts/{accountId}/statements/{month}/dispute-report.csv",
            produces = {MediaType.APPLICATION_JSON_VALUE, "text/csv"})
    @Operation(operationId = "getDisputeReportCsv", summary = "The dispute report as CSV, one row per call")
    @ApiResponse(responseCode = "200", description = "The report as CSV",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = "string")))
    public ResponseEntity<?> disputeReportCsv(@PathVariable String accountId,
                                              @Parameter(schema = @Schema(pattern = Requests.MONTH_PATTERN))
                                              @PathVariable String month) {
        return disputeReport(accountId, month, true);
    }

    private ResponseEntity<?> disputeReport(String accountId, String month, boolean csv) {
        YearMonth m = Requests.month(month);
        AccountQueries.AccountRow account = accounts.require(accountId);
        // the month's calls are recorded from its start (less the allowed clock skew) to its close deadline:
        // only those events are read, and the statement from the latest checkpoint on
        BillingCalendar cal = new BillingCalendar(account.zone());
        var monthEvents = checkpoints.recordedBetween(accountId, cal.monthStart(m).minus(props.maxFutureSkew()),
                cal.closeDeadline(m, policy.closeGrace()).plusMillis(1));
        var report = com.faceid.ledger.app.audit.DisputeReport.build(monthEvents,
                checkpoints.latest(accountId).statement(m, policy, clock.instant()), account.zone(), clock.instant());
        if (csv) {
            return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
                    .header(HttpHeaders.CONTENT_DISPOSITION,
                            "attachment; filename=dispute-" + accountId + "-" + m + ".csv")
                    .body(report.toCsv());
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(report);
    }

    @PostMapping("/api/v1/accounts/{accountId}/statements/{month}/close")
    @Operation(operationId = "closeStatement",
            summary = "Close a month now (it must be over); earlier open months close with it")
    @ApiResponse(responseCode = "200",
            description = "The closed statement (and any earlier open month closed with it)")
    @ApiResponse(responseCode = "409", description = "PERIOD_NOT_OVER or AWAITING_PRICE")
    @ApiResponse(responseCode = "422", description = "BEFORE_ACCOUNT_OPENED")
    public StatementView close(@PathVariable String accountId, @PathVariable String month) {
        YearMonth m = Requests.month(month);
        AccountQueries.AccountRow account = accounts.require(accountId);
        List<YearMonth> closed = commands.send(new CloseStatement(accountId, m, clock.instant(),
                com.faceid.ledger.app.security.RequestContext.actor()));
        readModels.await(() -> closed.isEmpty()
                || statements.of(account, m).status() == StatementQueries.Status.CLOSED);
        StatementQueries.Statement s = statements.of(account, m);
        return StatementView.of(s, account.zone()).withDigest(statements.digest(s));
    }

    @PostMapping("/api/v1/accounts/{accountId}/negotiated-prices")
    @Operation(operationId = "agreeNegotiatedPrice",
            summary = "Record a negotiated unit price for the top (联系商务) tier, from a month on")
    @ApiResponse(responseCode = "201", description = "Recorded")
    @ApiResponse(responseCode = "409", description = "PERIOD_CLOSED: the month is closed")
    public ResponseEntity<NegotiatedPriceView> negotiatedPrice(@PathVariable String accountId,
                                                               @Valid @RequestBody NegotiatedPriceRequest req) {
        accounts.require(accountId);
        YearMonth from = Requests.month(req.effectiveFrom());
        BigDecimal unitPrice = Requests.unitPrice(req.unitPrice());
        String agreedBy = Requests.text("agreedBy", req.agreedBy(), Requests.NAME_MAX);
        commands.send(new AgreeNegotiatedPrice(accountId, Requests.service(req.service()), unitPrice, from,
                agreedBy, clock.instant()));
        return ResponseEntity.status(HttpStatus.CREATED).body(new NegotiatedPriceView(accountId,
                Requests.service(req.service()), unitPrice.toPlainString(), from.toString(), req.agreedBy()));
    }
}
