package com.faceid.ledger.app.statement;

import com.faceid.ledger.account.BillingCalendar;
import com.faceid.ledger.app.account.AccountQueries;
import com.faceid.ledger.app.web.ApiException;
import com.faceid.ledger.app.web.Commands;
import com.faceid.ledger.app.web.ReadModels;
import com.faceid.ledger.app.web.Requests;
import com.faceid.ledger.statement.AgreeNegotiatedPrice;
import com.faceid.ledger.statement.CloseStatement;
import io.swagger.v3.oas.annotations.Operation;
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
    public record NegotiatedPriceRequest(@NotBlank @Size(max = 64) String service, @NotNull String unitPrice,
                                         @NotBlank String effectiveFrom,
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
    @Operation(summary = "A month's statement: running estimate while OPEN, final once CLOSED (also as CSV)")
    public ResponseEntity<?> statement(@PathVariable String accountId, @PathVariable String month,
                                       @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
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

    @GetMapping(value = {"/api/v1/accounts/{accountId}/statements/{month}/dispute-report",
            "/api/v1/accounts/{accountId}/statements/{month}/dispute-report.csv"},
            produces = {MediaType.APPLICATION_JSON_VALUE, "text/csv"})
    @Operation(summary = "The month for a billing dispute: every call with its charge and reason, packages consumed, "
            + "how each tier was reached, adjustments, totals (JSON, or CSV with .csv or Accept: text/csv)")
    public ResponseEntity<?> disputeReport(@PathVariable String accountId, @PathVariable String month,
                                           @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
                                           jakarta.servlet.http.HttpServletRequest request) {
        YearMonth m = Requests.month(month);
        AccountQueries.AccountRow account = accounts.require(accountId);
        // the month's calls are recorded from its start (less the allowed clock skew) to its close deadline:
        // only those events are read, and the statement from the latest checkpoint on
        BillingCalendar cal = new BillingCalendar(account.zone());
        var monthEvents = checkpoints.recordedBetween(accountId, cal.monthStart(m).minus(props.maxFutureSkew()),
                cal.closeDeadline(m, policy.closeGrace()).plusMillis(1));
        var report = com.faceid.ledger.app.audit.DisputeReport.build(monthEvents,
                checkpoints.latest(accountId).statement(m, policy, clock.instant()), account.zone(), clock.instant());
        boolean csv = request.getRequestURI().endsWith(".csv") || (accept != null && accept.contains("text/csv")
                && !accept.contains(MediaType.APPLICATION_JSON_VALUE));
        if (csv) {
            return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
                    .header(HttpHeaders.CONTENT_DISPOSITION,
                            "attachment; filename=dispute-" + accountId + "-" + m + ".csv")
                    .body(report.toCsv());
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(report);
    }

    @PostMapping("/api/v1/accounts/{accountId}/statements/{month}/close")
    @Operation(summary = "Close a month now (it must be over); earlier open months close with it")
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
    @Operation(summary = "Record a negotiated unit price for the top (联系商务) tier, from a month on")
    public ResponseEntity<Map<String, Object>> negotiatedPrice(@PathVariable String accountId,
                                                               @Valid @RequestBody NegotiatedPriceRequest req) {
        accounts.require(accountId);
        YearMonth from = Requests.month(req.effectiveFrom());
        BigDecimal unitPrice = Requests.unitPrice(req.unitPrice());
        String agreedBy = Requests.text("agreedBy", req.agreedBy(), Requests.NAME_MAX);
        commands.send(new AgreeNegotiatedPrice(accountId, Requests.service(req.service()), unitPrice, from,
                agreedBy, clock.instant()));
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("accountId", accountId,
                "service", req.service(), "unitPrice", unitPrice.toPlainString(),
                "effectiveFrom", from.toString(), "agreedBy", req.agreedBy()));
    }
}
