package com.faceid.ledger.app.whatif;

import com.faceid.ledger.app.web.Json;
import com.faceid.ledger.app.web.Requests;
import com.faceid.ledger.event.Service;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/** The answer of {@code GET …/advice}. Money as strings with 2 decimals. */
public record AdviceView(
        String accountId,
        Basis basis,
        @Schema(type = "string", pattern = Requests.MONTH_PATTERN, description = "The horizon's first month")
        String horizonFrom,
        int horizonMonths,
        List<ServiceAdvice> services,
        @Schema(type = "string", pattern = Json.MONEY_PATTERN) String totalCost,
        @Schema(type = "string", pattern = Json.MONEY_PATTERN) String totalCostAsToday,
        @Schema(type = "string", pattern = Json.MONEY_PATTERN) String totalSavings,
        List<String> assumptions) {

    public record Basis(
            @Schema(description = "The closed months the usage is taken from, oldest first")
            List<String> months,
            @Schema(description = "Billable calls per month by service: the basis months' average")
            Map<String, Long> callsPerMonth) {
    }

    public record ServiceAdvice(
            @Schema(implementation = Service.class) String service,
            List<PlanItem> plan,
            @Schema(type = "string", pattern = Json.MONEY_PATTERN) String cost,
            @Schema(type = "string", pattern = Json.MONEY_PATTERN) String costAsToday,
            @Schema(type = "string", pattern = Json.MONEY_PATTERN) String savings,
            @Schema(description = "Calls of the horizon charged postpaid under the plan") long postpaidCalls,
            @Schema(description = "Calls the plan leaves uncovered: refused (postpaid off) or in an unpriced top tier")
            long uncoveredCalls,
            @Schema(description = "Calls as today leaves uncovered") long uncoveredCallsAsToday,
            @Schema(description = "Units the plan's packages forfeit at their expiry inside the horizon") long forfeited,
            @Schema(allowableValues = {"EXACT", "BOUNDED"}, description = "How the plan was searched (docs/advice.md)")
            String search) {
    }

    public record PlanItem(int size, int count,
                           @Schema(type = "string", pattern = Requests.MONTH_PATTERN) String buyAt,
                           @Schema(type = "string", pattern = Json.MONEY_PATTERN) String price) {
    }
}
