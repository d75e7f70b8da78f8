package com.faceid.ledger.app.webhook;

import com.faceid.ledger.app.security.Caller;
import com.faceid.ledger.app.security.RequestContext;
import com.faceid.ledger.app.security.Role;
import com.faceid.ledger.app.store.EventStoreReader;
import com.faceid.ledger.app.time.LedgerClock;
import com.faceid.ledger.app.web.ApiException;
import com.faceid.ledger.app.web.HttpError;
import com.faceid.ledger.app.web.Requests;
import com.faceid.ledger.error.ErrorCode;
import com.faceid.ledger.error.LedgerException;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Subscriptions and their delivery log, as each role may see them: an OPERATOR every subscription, for one
 * account or all; an AUDITOR reads them all; a CUSTOMER only its own account's (another's answers 404, as if it
 * did not exist). A URL is checked before it is stored, by the sender's own rule ({@link UrlGuard}).
 */
@Service
public record WebhookService(WebhookSubscriptions subscriptions, WebhookDeliveries deliveries, WebhookSender sender,
        LedgerClock clock, EventStoreReader store, WebhookOutbox outbox) {
    public WebhookSubscriptions.Created create(Caller caller, String url, List<String> events, String accountId) {
        if (url == null || url.isBlank() || url.length() > UrlGuard.URL_MAX) {
            throw ApiException.validation("url is required, at most " + UrlGuard.URL_MAX + " characters");
        }
        if (!url.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw ApiException.validation("url must be printable ASCII without spaces (percent-encode the rest)");
        }
        String account = accountId == null ? null : Requests.accountId("accountId", accountId);
        if (caller.role() == Role.CUSTOMER) {
            if (account == null) {
                account = caller.accountId(); // a customer's subscription is always for its own account
            } else if (!caller.sees(account)) {
                throw new ApiException(HttpError.FORBIDDEN, "a CUSTOMER key subscribes for its own account only");
            }
        }
        // a subscription for an account that does not exist would wait in silence (a mistyped id); the store,
        // not a view, says whether it exists, so an account opened a moment ago is found
        if (account != null && store.lastSequence(account) < 0) {
            throw new LedgerException(ErrorCode.ACCOUNT_NOT_FOUND, "no account " + account);
        }
        List<WebhookEventType> types = types(events);
        // every subscription costs a delivery for each notification it wants: an account (or the ledger-wide set)
        // holds a bounded number, so one key cannot multiply the sender's work without end
        if (subscriptions.count(account) >= MAX_PER_ACCOUNT) {
            throw new ApiException(HttpError.TOO_MANY_WEBHOOKS, (account == null ? "the ledger-wide subscriptions"
                    : "account " + account) + " already have " + MAX_PER_ACCOUNT + " webhooks, the most allowed;"
                    + " delete one first");
        }
        Optional<String> refusal = sender.refusal(url); // where the sender itself would refuse to send
        if (refusal.isPresent()) {
            throw new ApiException(HttpError.WEBHOOK_URL_NOT_ALLOWED, refusal.get());
        }
        return subscriptions.create(url, types, account, RequestContext.actor(), clock.instant());
    }

    public List<WebhookSubscriptions.Subscription> list(Caller caller) {
        return caller.role() == Role.CUSTOMER ? subscriptions.list(caller.accountId()) : subscriptions.list(null);
    }

    public WebhookSubscriptions.Subscription require(Caller caller, String webhookId) {
        return subscriptions.find(webhookId).filter(s -> caller.sees(s.accountId()))
                .orElseThrow(() -> new ApiException(HttpError.NOT_FOUND, "no webhook " + Requests.echo(webhookId)));
    }

    public void delete(Caller caller, String webhookId) {
        require(caller, webhookId);
        subscriptions.delete(webhookId, clock.instant());
    }

    /** Most live subscriptions for one account, and for every account (those without an account). */
    public static final int MAX_PER_ACCOUNT = 20;
    /** Most deliveries on one page of the delivery log. */
    public static final int DELIVERIES_PAGE_MAX = 1000;

    public List<WebhookDeliveries.Delivery> deliveries(Caller caller, String webhookId, String status, int page,
                                                       int size) {
        require(caller, webhookId);
        if (status != null && !List.of("PENDING", "SENDING", "SUCCEEDED", "FAILED", "CANCELLED").contains(status)) {
            throw ApiException.validation("status must be PENDING, SENDING, SUCCEEDED, FAILED or CANCELLED");
        }
        long offset = Requests.offset(page, size, DELIVERIES_PAGE_MAX);
        return deliveries.of(webhookId, status, offset, size);
    }

    /** Sends a delivery again now and answers it as it stands after that attempt. */
    public WebhookDeliveries.Delivery retry(Caller caller, String webhookId, String deliveryId) {
        require(caller, webhookId);
        WebhookDeliveries.Delivery d = deliveries.find(webhookId, deliveryId)
                .orElseThrow(() -> new ApiException(HttpError.NOT_FOUND, "no delivery " + Requests.echo(deliveryId)));
        if (!sender.retryNow(d.deliveryId())) {
            throw new ApiException(HttpError.DELIVERY_IN_FLIGHT, "delivery " + d.deliveryId() + " is "
                    + deliveries.find(webhookId, deliveryId).map(WebhookDeliveries.Delivery::status).orElse("gone")
                    + ": only a pending, failed or succeeded delivery can be sent again");
        }
        return deliveries.find(webhookId, deliveryId).orElseThrow();
    }

    /**
     * Sends the webhook a test event now ({@code webhook.test}, a body like every other notification's) and answers
     * its delivery after that first attempt; a failed one is retried on the usual schedule and can be sent again.
     */
    public WebhookDeliveries.Delivery test(Caller caller, String webhookId) {
        WebhookSubscriptions.Subscription s = require(caller, webhookId);
        String deliveryId = outbox.test(s, clock.instant());
        sender.retryNow(deliveryId);
        return deliveries.find(webhookId, deliveryId).orElseThrow();
    }

    private static List<WebhookEventType> types(List<String> events) {
        if (events == null || events.isEmpty()) {
            throw ApiException.validation("events is required: one or more of " + wireNames());
        }
        LinkedHashSet<WebhookEventType> types = new LinkedHashSet<>();
        for (String e : events) {
            WebhookEventType type = WebhookEventType.fromWire(e).filter(WebhookEventType::subscribable)
                    .orElseThrow(() -> ApiException.validation("unknown event type '" + Requests.echo(e)
                            + "'; known: " + wireNames()));
            types.add(type);
        }
        return new ArrayList<>(types);
    }

    private static List<String> wireNames() {
        return Arrays.stream(WebhookEventType.values()).filter(WebhookEventType::subscribable)
                .map(WebhookEventType::wire).toList();
    }
}
