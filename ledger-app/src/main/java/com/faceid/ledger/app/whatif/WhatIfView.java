package com.faceid.ledger.app.whatif;

import com.faceid.ledger.app.statement.StatementView;
import com.faceid.ledger.app.web.Json;
import com.faceid.ledger.app.web.Requests;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** The answer of {@code POST …/what-if}: month by month, the statement as it is and as it would have been. */
public record WhatIfView(
        String accountId,
        @Schema(type = "string", pattern = Requests.MONTH_PATTERN) String from,
        @Schema(type = "string", pattern = Requests.MONTH_PATTERN) String to,
        List<MonthComparison> months,
        @Schema(type = "string", pattern = Json.MONEY_PATTERN) String totalActual,
        @Schema(type = "string", pattern = Json.MONEY_PATTERN) String totalWhatIf,
        @Schema(type = "string", pattern = Json.MONEY_PATTERN, description = "totalWhatIf - totalActual")
        String difference,
        @Schema(description = "What the scenario changed beyond the money: calls or holds it refused, months it "
                + "leaves open") List<String> notes) {

    public record MonthComparison(
            @Schema(type = "string", pattern = Requests.MONTH_PATTERN) String month,
            StatementView actual,
            StatementView whatIf,
            @Schema(type = "string", pattern = Json.MONEY_PATTERN, description = "whatIf.totalSpend - actual.totalSpend")
            String difference,
            @Schema(description = "Each service line that differs, and the prepaid spend if it differs")
            List<LineDifference> lines) {
    }

    /** One line of a month as it is and as it would have been; amounts null while awaiting a negotiated price. */
    public record LineDifference(
            @Schema(description = "A service, or PREPAID for the month's package purchases") String line,
            long actualPostpaidCount, long whatIfPostpaidCount, int actualTier, int whatIfTier,
            @Schema(type = "string", pattern = Json.MONEY_PATTERN, nullable = true) String actualAmount,
            @Schema(type = "string", pattern = Json.MONEY_PATTERN, nullable = true) String whatIfAmount,
            @Schema(type = "string", pattern = Json.MONEY_PATTERN, nullable = true) String difference) {
    }

    /** The name of the prepaid line: purchases are not a service. */
    public static final String PREPAID = "PREPAID";
}
