package com.faceid.ledger.app.dispute;

import com.faceid.ledger.app.web.Csv;
import com.faceid.ledger.app.web.Requests;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.time.YearMonth;

/** The document support hands over in a billing dispute: a month's calls, each with its charge and reason. */
@RestController
@Tag(name = "Statements")
public record DisputeReportController(DisputeReports reports) {
    @GetMapping(value = "/api/v1/accounts/{accountId}/statements/{month}/dispute-report",
            produces = {MediaType.APPLICATION_JSON_VALUE, Csv.MEDIA_TYPE})
    @Operation(operationId = "getDisputeReport")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = DisputeReport.class)))
    public ResponseEntity<?> disputeReport(@PathVariable String accountId,
                                           @Parameter(schema = @Schema(pattern = Requests.MONTH_PATTERN))
                                           @PathVariable String month,
                                           @Parameter(hidden = true) @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        return disputeReport(accountId, month, Csv.asked(accept));
    }

    @GetMapping(value = "/api/v1/accounts/{accountId}/statements/{month}/dispute-report.csv",
            produces = {MediaType.APPLICATION_JSON_VALUE, Csv.MEDIA_TYPE})
    @Operation(operationId = "getDisputeReportCsv")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = Csv.MEDIA_TYPE))
    public ResponseEntity<?> disputeReportCsv(@PathVariable String accountId,
                                              @Parameter(schema = @Schema(pattern = Requests.MONTH_PATTERN))
                                              @PathVariable String month) {
        return disputeReport(accountId, month, true);
    }

    private ResponseEntity<?> disputeReport(String accountId, String month, boolean csv) {
        YearMonth m = Requests.month(month);
        DisputeReport report = reports.report(accountId, m);
        return Csv.orJson(csv, "dispute-" + accountId + "-" + m + ".csv", report, report::toCsv);
    }
}
