package com.faceid.ledger.app.whatif;

import com.faceid.ledger.app.web.ApiException;
import com.faceid.ledger.app.web.Json;
import com.faceid.ledger.app.web.Requests;
import com.faceid.ledger.event.Limits;
import com.faceid.ledger.event.Service;
import com.faceid.ledger.pricing.TierConvention;
import com.faceid.ledger.whatif.Scenario;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;

/**
 * The body of {@code POST …/what-if}: the months to compare and the scenario. Every scenario knob is optional;
 * {@code {}} re-rates the history under the rules that were in force.
 */
public record WhatIfRequest(
        @Schema(type = "string", pattern = Requests.MONTH_PATTERN, nullable = true,
                description = "First month compared (default: the account's first month)") String from,
        @Schema(type = "string", pattern = Requests.MONTH_PATTERN, nullable = true,
                description = "Last month compared (default: the ledger clock's month)") String to,
        @Valid @Schema(nullable = true) ScenarioRequest scenario) {

    /** At most this many purchases and negotiated prices in one scenario. */
    public static final int ITEMS_MAX = 100;

    public record ScenarioRequest(
            @Schema(implementation = TierConvention.class, nullable = true) String tierBounds,
            @Size(max = Limits.NAME_MAX) @Schema(nullable = true, example = "faceid-2026-01") String catalog,
            @Size(max = ITEMS_MAX) @Schema(nullable = true,
                    description = "Replace the recorded negotiated prices (an empty list: none)")
            List<@NotNull @Valid PriceRequest> negotiatedPrices,
            @Schema(nullable = true, description = "Postpaid on or off for the whole history") Boolean postpaid,
            @Size(max = ITEMS_MAX) @Schema(nullable = true) List<@NotNull @Valid PurchaseRequest> purchases,
            @Schema(nullable = true, description = "Drop the recorded purchases (default false)")
            Boolean replacePurchases) {
    }

    public record PriceRequest(
            @NotBlank @Size(max = 64) @Schema(implementation = Service.class) String service,
            @NotNull @Schema(type = "string", pattern = Json.DECIMAL_PATTERN, example = "0.35") String unitPrice,
            @NotBlank @Schema(type = "string", pattern = Requests.MONTH_PATTERN) String effectiveFrom) {
    }

    public record PurchaseRequest(
            @NotBlank @Size(max = 64) @Schema(implementation = Service.class) String service,
            @Min(1) @Max(100_000_000) int size,
            @NotNull OffsetDateTime purchasedAt) {
    }

    /** The first month compared, or null for the account's first month; a bad value is a 400. */
    public YearMonth fromMonth() {
        return from == null ? null : Requests.month(from);
    }

    /** The last month compared, or null for the ledger clock's month; a bad value is a 400. */
    public YearMonth toMonth() {
        return to == null ? null : Requests.month(to);
    }

    /** The scenario as the engine takes it; a bad value is a 400 naming the field. */
    public Scenario toScenario() {
        if (scenario == null) {
            return Scenario.none();
        }
        TierConvention bounds = null;
        if (scenario.tierBounds() != null) {
            try {
                bounds = TierConvention.valueOf(scenario.tierBounds());
            } catch (IllegalArgumentException e) {
                throw ApiException.validation("scenario.tierBounds must be one of "
                        + Arrays.toString(TierConvention.values()));
            }
        }
        List<Scenario.NegotiatedPrice> prices = scenario.negotiatedPrices() == null ? null
                : scenario.negotiatedPrices().stream().map(p -> new Scenario.NegotiatedPrice(Requests.service(
                        p.service()), Requests.unitPrice(p.unitPrice()), Requests.month(p.effectiveFrom()))).toList();
        List<Scenario.Purchase> purchases = scenario.purchases() == null ? List.of()
                : scenario.purchases().stream().map(p -> new Scenario.Purchase(Requests.service(p.service()),
                        p.size(), Requests.instant("purchasedAt", p.purchasedAt()))).toList();
        return new Scenario(bounds, scenario.catalog(), prices, scenario.postpaid(), purchases,
                Boolean.TRUE.equals(scenario.replacePurchases()));
    }
}
