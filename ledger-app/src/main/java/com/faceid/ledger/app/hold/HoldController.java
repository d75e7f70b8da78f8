package com.faceid.ledger.app.hold;

import com.faceid.ledger.app.LedgerProperties;
import com.faceid.ledger.app.axon.Commands;
import com.faceid.ledger.app.axon.GroupCommit;
import com.faceid.ledger.app.web.ApiException;
import com.faceid.ledger.app.web.HttpError;
import com.faceid.ledger.app.web.Json;
import com.faceid.ledger.app.web.Problems;
import com.faceid.ledger.app.web.Requests;
import com.faceid.ledger.error.ErrorCode;
import com.faceid.ledger.error.LedgerException;
import com.faceid.ledger.event.ChargedTo;
import com.faceid.ledger.event.HoldStatus;
import com.faceid.ledger.event.Limits;
import com.faceid.ledger.event.Service;
import com.faceid.ledger.hold.CaptureHold;
import com.faceid.ledger.hold.Hold;
import com.faceid.ledger.hold.HoldOperation;
import com.faceid.ledger.hold.HoldReceipt;
import com.faceid.ledger.hold.HoldResult;
import com.faceid.ledger.hold.PlaceHold;
import com.faceid.ledger.hold.SettleHolds;
import com.faceid.ledger.hold.VoidHold;
import com.faceid.ledger.metering.CallOutcome;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Holds (docs/api.md "Holds"): the gateway asks before it serves a call, then captures the hold with the
 * call's result, or voids it. Every rule is the aggregate's (billing-rules §9); this only parses and answers.
 */
@RestController
@Tag(name = "Holds")
public record HoldController(Commands commands, GroupCommit groupCommit, JdbcHoldRegistry registry, Clock clock,
        Validator validator, LedgerProperties props) {
    public record PlaceHoldRequest(
            @NotBlank @Size(max = Limits.KEY_MAX) @Pattern(regexp = Requests.KEY_PATTERN) String holdId,
            @NotBlank @Size(max = 64) @Schema(implementation = Service.class) String service,
            @Schema(nullable = true) OffsetDateTime requestedAt) {
    }

    public record BatchHold(
            @NotBlank @Size(max = Limits.ACCOUNT_ID_MAX) @Pattern(regexp = Requests.ACCOUNT_ID_PATTERN) String accountId,
            @NotBlank @Size(max = Limits.KEY_MAX) @Pattern(regexp = Requests.KEY_PATTERN) String holdId,
            @NotBlank @Size(max = 64) @Schema(implementation = Service.class) String service,
            @Schema(nullable = true) OffsetDateTime requestedAt) implements BatchItem {
    }

    public record CaptureRequest(
            @NotBlank @Size(max = Limits.KEY_MAX) @Pattern(regexp = Requests.KEY_PATTERN) String requestId,
            @Schema(nullable = true) OffsetDateTime occurredAt,
            @Size(max = Limits.RESULT_CODE_MAX) @Pattern(regexp = Requests.RESULT_CODE_PATTERN) @Schema(nullable = true) String resultCode) {
    }

    public record BatchCapture(
            @NotBlank @Size(max = Limits.ACCOUNT_ID_MAX) @Pattern(regexp = Requests.ACCOUNT_ID_PATTERN) String accountId,
            @NotBlank @Size(max = Limits.KEY_MAX) @Pattern(regexp = Requests.KEY_PATTERN) String holdId,
            @NotBlank @Size(max = Limits.KEY_MAX) @Pattern(regexp = Requests.KEY_PATTERN) String requestId,
            @Schema(nullable = true) OffsetDateTime occurredAt,
            @Size(max = Limits.RESULT_CODE_MAX) @Pattern(regexp = Requests.RESULT_CODE_PATTERN) @Schema(nullable = true) String resultCode)
            implements BatchItem {
    }

    /** Each item is checked on its own (a null or invalid item fails alone, as in {@code calls:batch}). */
    public record HoldsBatchRequest(@NotNull List<BatchHold> holds) {
    }

    /** Each item is checked on its own (a null or invalid item fails alone, as in {@code calls:batch}). */
    public record CapturesBatchRequest(@NotNull List<BatchCapture> captures) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HoldView(
            String holdId,
            @Schema(implementation = HoldStatus.class) String status,
            @Schema(implementation = Service.class) String service,
            @Schema(implementation = ChargedTo.class, nullable = true) String source,
            @Schema(nullable = true) String packageId,
            OffsetDateTime requestedAt, OffsetDateTime expiresAt,
            @Schema(nullable = true) String requestId) {
    }

    /** One item of a batch: its status, and the hold or the call's outcome, or the problem's code. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HoldBatchResult(
            String accountId, String holdId, int status,
            @Schema(nullable = true) HoldView hold,
            @Schema(nullable = true) CallOutcome outcome,
            @Schema(nullable = true) String code,
            @Schema(nullable = true) String detail) {
    }

    public record HoldBatchResponse(List<HoldBatchResult> results) {
    }

    @PostMapping("/api/v1/accounts/{accountId}/holds")
    @Operation(operationId = "placeHold")
    public ResponseEntity<HoldView> place(@PathVariable String accountId, @Valid @RequestBody PlaceHoldRequest req) {
        HoldReceipt r = groupCommit.settle(placeCommand(accountId, req.holdId(), req.service(), req.requestedAt()))
                .receipt();
        return ResponseEntity.status(r.duplicate() ? HttpStatus.OK : HttpStatus.CREATED).body(view(r.hold()));
    }

    @PostMapping("/api/v1/accounts/{accountId}/holds/{holdId}/capture")
    @Operation(operationId = "captureHold")
    public ResponseEntity<CallOutcome> capture(@PathVariable String accountId, @PathVariable String holdId,
                                               @Valid @RequestBody CaptureRequest req) {
        CallOutcome o = groupCommit.settle(captureCommand(accountId, holdId, req.requestId(), req.occurredAt(),
                req.resultCode())).outcome();
        return ResponseEntity.status(o.duplicate() ? HttpStatus.OK : HttpStatus.CREATED).body(o);
    }

    @PostMapping("/api/v1/accounts/{accountId}/holds/{holdId}/void")
    @Operation(operationId = "voidHold")
    public HoldView voidHold(@PathVariable String accountId, @PathVariable String holdId) {
        return view(groupCommit.settle(new VoidHold(accountId, Requests.key("holdId", holdId), clock.instant()))
                .receipt().hold());
    }

    @GetMapping("/api/v1/accounts/{accountId}/holds/{holdId}")
    @Operation(operationId = "getHold")
    public HoldView get(@PathVariable String accountId, @PathVariable String holdId) {
        Hold h = registry.find(accountId, holdId).orElseThrow(() -> new LedgerException(
                ErrorCode.HOLD_NOT_FOUND, "no hold " + Requests.key("holdId", holdId) + " on " + accountId));
        return view(h.with(h.statusAt(clock.instant()), h.requestId()));
    }

    @PostMapping("/api/v1/holds:batch")
    @Operation(operationId = "placeHolds")
    public HoldBatchResponse placeBatch(@Valid @RequestBody HoldsBatchRequest req) {
        return settleBatch(req.holds(), "hold",
                h -> placeCommand(h.accountId(), h.holdId(), h.service(), h.requestedAt()));
    }

    @PostMapping("/api/v1/holds:capture-batch")
    @Operation(operationId = "captureHolds")
    public HoldBatchResponse captureBatch(@Valid @RequestBody CapturesBatchRequest req) {
        return settleBatch(req.captures(), "capture",
                c -> captureCommand(c.accountId(), c.holdId(), c.requestId(), c.occurredAt(), c.resultCode()));
    }

    /** What the batch answer names an item by: a hold in the batch, placed or captured. */
    interface BatchItem {
        String accountId();

        String holdId();
    }

    /**
     * Each account's items as one {@link SettleHolds}, in the batch's order (accounts one after another, in the
     * order they first appear); an item that is null or invalid (checked as its own request would be), or whose
     * account is refused as a whole (not found), fails alone with its code.
     *
     * @param what the item's name in a refusal's detail
     */
    private <T extends BatchItem> HoldBatchResponse settleBatch(List<T> items, String what,
                                                              Function<T, HoldOperation> command) {
        checkSize(items.size());
        HoldBatchResult[] out = new HoldBatchResult[items.size()];
        Map<String, List<Integer>> byAccount = new LinkedHashMap<>();
        HoldOperation[] operations = new HoldOperation[items.size()];
        for (int i = 0; i < items.size(); i++) {
            T item = items.get(i);
            try {
                operations[i] = command.apply(Requests.item(validator, item, what));
                byAccount.computeIfAbsent(item.accountId(), a -> new ArrayList<>()).add(i);
            } catch (ApiException e) {
                out[i] = failed(item, e.status().value(), e.code().name(), e.getMessage());
            } catch (LedgerException e) { // e.g. UNKNOWN_SERVICE
                out[i] = failed(item, Problems.statusOf(e.code()).value(), e.code().name(), e.getMessage());
            }
        }
        byAccount.forEach((account, indexes) -> {
            try {
                List<HoldResult> results = commands.send(new SettleHolds(account,
                        indexes.stream().map(i -> operations[i]).toList(), List.of()));
                for (int k = 0; k < indexes.size(); k++) {
                    out[indexes.get(k)] = result(items.get(indexes.get(k)), results.get(k));
                }
            } catch (LedgerException e) {
                indexes.forEach(i -> out[i] = failed(items.get(i), Problems.statusOf(e.code()).value(),
                        e.code().name(), e.getMessage()));
            }
        });
        return new HoldBatchResponse(List.of(out));
    }

    private HoldBatchResult result(BatchItem item, HoldResult r) {
        if (r.refused()) {
            return failed(item, Problems.statusOf(r.error()).value(), r.error().name(), r.message());
        }
        if (r.outcome() != null) {
            return new HoldBatchResult(item.accountId(), item.holdId(), r.outcome().duplicate() ? 200 : 201, null,
                    r.outcome(), null, null);
        }
        return new HoldBatchResult(item.accountId(), item.holdId(), r.receipt().duplicate() ? 200 : 201,
                view(r.receipt().hold()), null, null, null);
    }

    private static HoldBatchResult failed(BatchItem item, int status, String code, String detail) {
        return item == null ? new HoldBatchResult(null, null, status, null, null, code, detail)
                : new HoldBatchResult(item.accountId(), item.holdId(), status, null, null, code, detail);
    }

    private PlaceHold placeCommand(String accountId, String holdId, String service, OffsetDateTime requestedAt) {
        return new PlaceHold(accountId, holdId, Requests.service(service),
                reported("requestedAt", requestedAt), clock.instant());
    }

    /** A time the gateway reported, checked against the ledger clock; null when it reported none. */
    private Instant reported(String field, OffsetDateTime at) {
        return at == null ? null : Requests.reported(field, at, clock, props.maxFutureSkew());
    }

    private CaptureHold captureCommand(String accountId, String holdId, String requestId, OffsetDateTime occurredAt,
                                       String resultCode) {
        return new CaptureHold(accountId, Requests.key("holdId", holdId), requestId,
                reported("occurredAt", occurredAt), resultCode, clock.instant());
    }

    private void checkSize(int n) {
        if (n > props.batchMaxCalls()) {
            throw new ApiException(HttpError.BATCH_TOO_LARGE,
                    "a batch holds at most " + props.batchMaxCalls() + " items (ledger.batch-max-calls), got " + n);
        }
    }

    /** Times in the billing zone, the ledger clock's (every account is opened in it). */
    private HoldView view(Hold h) {
        ZoneId zone = clock.getZone();
        return new HoldView(h.holdId(), h.status().name(), h.service().name(),
                h.source() == null ? null : h.source().name(), h.packageId(), Json.time(h.requestedAt(), zone),
                Json.time(h.expiresAt(), zone), h.requestId());
    }
}
