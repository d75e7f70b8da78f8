package com.faceid.ledger.app.metering;

import com.faceid.ledger.app.LedgerProperties;
import com.faceid.ledger.app.axon.GroupCommit;
import com.faceid.ledger.app.web.ApiException;
import com.faceid.ledger.app.web.HttpError;
import com.faceid.ledger.app.web.Problems;
import com.faceid.ledger.app.web.Requests;
import com.faceid.ledger.error.LedgerException;
import com.faceid.ledger.event.ChargedTo;
import com.faceid.ledger.event.Limits;
import com.faceid.ledger.event.Service;
import com.faceid.ledger.metering.CallOutcome;
import com.faceid.ledger.metering.MeterCall;
import com.faceid.ledger.metering.MeterCalls;
import com.faceid.ledger.metering.MeteringResult;
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
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

@RestController
@Tag(name = "Metering")
public record MeteringController(GroupCommit groupCommit, BatchMetering batchMetering, JdbcMeteredRequests requests,
        Clock clock, Validator validator, LedgerProperties props) {
    public record MeterCallRequest(
            @NotBlank @Size(max = Limits.KEY_MAX) @Pattern(regexp = Requests.KEY_PATTERN) String requestId,
            @NotBlank @Size(max = 64) @Schema(implementation = Service.class) String service,
            @Schema(nullable = true) OffsetDateTime occurredAt,
            @Size(max = Limits.RESULT_CODE_MAX) @Pattern(regexp = Requests.RESULT_CODE_PATTERN) @Schema(nullable = true) String resultCode) {
    }

    public record BatchCall(
            @NotBlank @Size(max = Limits.ACCOUNT_ID_MAX) @Pattern(regexp = Requests.ACCOUNT_ID_PATTERN) String accountId,
            @NotBlank @Size(max = Limits.KEY_MAX) @Pattern(regexp = Requests.KEY_PATTERN) String requestId,
            @NotBlank @Size(max = 64) @Schema(implementation = Service.class) String service,
            @Schema(nullable = true) OffsetDateTime occurredAt,
            @Size(max = Limits.RESULT_CODE_MAX) @Pattern(regexp = Requests.RESULT_CODE_PATTERN) @Schema(nullable = true) String resultCode) {
    }

    public record BatchRequest(@NotNull List<BatchCall> calls) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CallResult(
            String accountId, String requestId, Integer status, Boolean billable,
            @Schema(implementation = ChargedTo.class) String chargedTo,
            String packageId, Boolean duplicate, String code, String detail) {
        static CallResult of(String accountId, CallOutcome o) {
            return new CallResult(accountId, o.requestId(), o.duplicate() ? 200 : 201, o.billable(),
                    o.chargedTo().name(), o.packageId(), o.duplicate(), null, null);
        }

        static CallResult failed(String accountId, String requestId, HttpStatus status, String code, String detail) {
            return new CallResult(accountId, requestId, status.value(), null, null, null, null, code, detail);
        }
    }

    public record BatchResponse(List<CallResult> results) {
    }

    @PostMapping("/api/v1/accounts/{accountId}/calls")
    @Operation(operationId = "meterCall")
    public ResponseEntity<CallOutcome> meter(@PathVariable String accountId, @Valid @RequestBody MeterCallRequest req) {
        CallOutcome o = meter(accountId, req.requestId(), req.service(), req.occurredAt(), req.resultCode());
        if (o.duplicate()) {
            requests.noteDuplicate(accountId, o.requestId(), clock.instant());
        }
        return ResponseEntity.status(o.duplicate() ? HttpStatus.OK : HttpStatus.CREATED).body(o);
    }

    @PostMapping("/api/v1/calls:batch")
    @Operation(operationId = "meterCalls")
    public BatchResponse batch(@Valid @RequestBody BatchRequest req) {
        if (req.calls().size() > props.batchMaxCalls()) {
            throw new ApiException(HttpError.BATCH_TOO_LARGE,
                    "a batch holds at most " + props.batchMaxCalls() + " calls (ledger.batch-max-calls), got "
                            + req.calls().size());
        }
        CallResult[] results = new CallResult[req.calls().size()];
        // calls that pass validation, grouped by account (in request order): one unit of work per account
        Map<String, List<Integer>> byAccount = new LinkedHashMap<>();
        Map<Integer, MeterCall> commandsByIndex = new HashMap<>();
        var now = clock.instant();
        for (int i = 0; i < results.length; i++) {
            BatchCall c = req.calls().get(i);
            String accountId = c == null ? null : c.accountId();
            String requestId = c == null ? null : c.requestId();
            try {
                Requests.item(validator, c, "call");
                commandsByIndex.put(i, new MeterCall(accountId, requestId, Requests.service(c.service()),
                        occurred(c.occurredAt()), c.resultCode(), now));
                byAccount.computeIfAbsent(accountId, a -> new ArrayList<>()).add(i);
            } catch (LedgerException e) {
                results[i] = CallResult.failed(accountId, requestId, Problems.statusOf(e.code()),
                        e.code().name(), e.getMessage());
            } catch (ApiException e) {
                results[i] = CallResult.failed(accountId, requestId, e.status(), e.code().name(), e.getMessage());
            }
        }
        SortedMap<String, MeterCalls> grouped = new TreeMap<>();
        byAccount.forEach((account, indexes) -> grouped.put(account,
                new MeterCalls(account, indexes.stream().map(commandsByIndex::get).toList())));
        for (var done : batchMetering.meter(grouped).entrySet()) {
            String account = done.getKey();
            List<Integer> indexes = byAccount.get(account);
            var outcome = done.getValue();
            if (outcome.refusal() != null) { // the whole account: e.g. it does not exist
                LedgerException e = outcome.refusal();
                for (int i : indexes) {
                    results[i] = CallResult.failed(account, req.calls().get(i).requestId(),
                            Problems.statusOf(e.code()), e.code().name(), e.getMessage());
                }
                continue;
            }
            for (int k = 0; k < indexes.size(); k++) {
                MeteringResult r = outcome.results().get(k);
                if (r.outcome() != null && r.outcome().duplicate()) {
                    requests.noteDuplicate(account, r.requestId(), clock.instant());
                }
                results[indexes.get(k)] = r.outcome() != null ? CallResult.of(account, r.outcome())
                        : CallResult.failed(account, r.requestId(), Problems.statusOf(r.error()), r.error().name(),
                        r.message());
            }
        }
        return new BatchResponse(List.of(results));
    }

    private CallOutcome meter(String accountId, String requestId, String service, OffsetDateTime occurredAt,
                              String resultCode) {
        var now = clock.instant();
        return groupCommit.meter(new MeterCall(accountId, requestId, Requests.service(service),
                occurred(occurredAt), resultCode, now));
    }

    /** A call without occurredAt occurred when the ledger receives it: the aggregate takes its recordedAt. */
    private Instant occurred(OffsetDateTime occurredAt) {
        return occurredAt == null ? null : Requests.reported("occurredAt", occurredAt, clock, props.maxFutureSkew());
    }
}
