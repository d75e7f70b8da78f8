package com.faceid.ledger.app.webhook;

import com.faceid.ledger.app.security.Caller;
import com.faceid.ledger.app.web.Json;
import com.faceid.ledger.app.web.Requests;
import com.faceid.ledger.event.Limits;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

/** Webhooks (docs/webhooks.md): subscriptions, the delivery log and the manual retry. */
@RestController
@Tag(name = "Webhooks")
public record WebhookController(WebhookService webhooks, Clock clock) {
    public record CreateWebhookRequest(
            @NotNull @Size(max = UrlGuard.URL_MAX) String url,
            @NotNull @Size(min = 1, max = 20) List<@NotNull @Size(max = 64) String> events,
            @Size(max = Limits.ACCOUNT_ID_MAX) @Pattern(regexp = Requests.ACCOUNT_ID_PATTERN)
            @Schema(nullable = true, description = "omitted: every account (OPERATOR only)") String accountId) {
    }

    /** @param secret the signing secret: in the answer that creates the subscription, and never again */
    public record Webhook(String webhookId, String url,
                          @ArraySchema(schema = @Schema(allowableValues = {"package.expiring", "package.expired", "package.depleted",
                                  "usage.threshold", "grant.activated", "statement.closed", "statement.awaiting_price",
                                  "hold.expired", "adjustment.recorded", "calls.refused",
                                  "ledger.digest"})) List<String> events,
                          @Schema(nullable = true) String accountId, String createdBy, OffsetDateTime createdAt,
                          @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(requiredMode = Schema.RequiredMode.NOT_REQUIRED)
                          String secret) {
    }

    public record Webhooks(List<Webhook> webhooks) {
    }

    public record Attempt(int attempt, OffsetDateTime at, @Schema(nullable = true) Integer statusCode,
                          @Schema(nullable = true) String error, long durationMs) {
    }

    /**
     * @param eventId the notification's id: the {@code Ledger-Event-Id} of every attempt
     * @param status  PENDING (next try at nextAttemptAt), SENDING, SUCCEEDED, FAILED (the schedule is over) or
     *                CANCELLED (the subscription was deleted)
     */
    public record Delivery(String deliveryId, String webhookId, String eventId, String type,
                           @Schema(nullable = true, description = "null only for a test event of a webhook for every"
                                   + " account") String accountId,
                           @Schema(allowableValues = {"PENDING", "SENDING", "SUCCEEDED", "FAILED", "CANCELLED"})
                           String status, int attempts, @Schema(nullable = true) Integer lastStatusCode,
                           @Schema(nullable = true) String lastError,
                           @Schema(nullable = true) OffsetDateTime nextAttemptAt, OffsetDateTime createdAt,
                           List<Attempt> history) {
    }

    public record Deliveries(List<Delivery> deliveries) {
    }

    @PostMapping("/api/v1/webhooks")
    @Operation(operationId = "createWebhook")
    public ResponseEntity<Webhook> create(@Valid @RequestBody CreateWebhookRequest body, HttpServletRequest request) {
        WebhookSubscriptions.Created created = webhooks.create(Caller.of(request), body.url(), body.events(),
                body.accountId());
        return ResponseEntity.status(HttpStatus.CREATED).body(view(created.subscription(), created.secret()));
    }

    @GetMapping("/api/v1/webhooks")
    @Operation(operationId = "listWebhooks")
    public Webhooks list(HttpServletRequest request) {
        return new Webhooks(webhooks.list(Caller.of(request)).stream().map(s -> view(s, null)).toList());
    }

    @GetMapping("/api/v1/webhooks/{webhookId}")
    @Operation(operationId = "getWebhook")
    public Webhook get(@PathVariable String webhookId, HttpServletRequest request) {
        return view(webhooks.require(Caller.of(request), webhookId), null);
    }

    @DeleteMapping("/api/v1/webhooks/{webhookId}")
    @Operation(operationId = "deleteWebhook")
    public ResponseEntity<Void> delete(@PathVariable String webhookId, HttpServletRequest request) {
        webhooks.delete(Caller.of(request), webhookId);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/webhooks/{webhookId}/deliveries")
    @Operation(operationId = "listWebhookDeliveries")
    public Deliveries deliveries(@PathVariable String webhookId,
                                 @RequestParam(required = false) @Schema(allowableValues = {"PENDING", "SENDING",
                                         "SUCCEEDED", "FAILED", "CANCELLED"}) String status,
                                 @RequestParam(defaultValue = "0") int page,
                                 @RequestParam(defaultValue = "100") int size, HttpServletRequest request) {
        return new Deliveries(webhooks.deliveries(Caller.of(request), webhookId, status, page, size).stream()
                .map(this::view).toList());
    }

    @PostMapping("/api/v1/webhooks/{webhookId}/deliveries/{deliveryId}/retry")
    @Operation(operationId = "retryWebhookDelivery")
    public Delivery retry(@PathVariable String webhookId, @PathVariable String deliveryId, HttpServletRequest request) {
        return view(webhooks.retry(Caller.of(request), webhookId, deliveryId));
    }

    @PostMapping("/api/v1/webhooks/{webhookId}/test")
    @Operation(operationId = "testWebhook")
    public Delivery test(@PathVariable String webhookId, HttpServletRequest request) {
        return view(webhooks.test(Caller.of(request), webhookId));
    }

    private Webhook view(WebhookSubscriptions.Subscription s, String secret) {
        return new Webhook(s.webhookId(), s.url(), s.events().stream().map(WebhookEventType::wire).toList(),
                s.accountId(), s.createdBy(), Json.time(s.createdAt(), clock.getZone()), secret);
    }

    private Delivery view(WebhookDeliveries.Delivery d) {
        return new Delivery(d.deliveryId(), d.webhookId(), d.notificationId(), d.type(), d.accountId(), d.status(),
                d.attempts(), d.lastStatusCode(), d.lastError(), Json.time(d.nextAttemptAt(), clock.getZone()),
                Json.time(d.createdAt(), clock.getZone()), d.history().stream().map(a -> new Attempt(a.attempt(),
                        Json.time(a.at(), clock.getZone()), a.statusCode(), a.error(), a.durationMs())).toList());
    }
}
