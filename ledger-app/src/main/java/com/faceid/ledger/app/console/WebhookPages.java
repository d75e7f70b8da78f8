package com.faceid.ledger.app.console;

import com.faceid.ledger.app.security.Caller;
import com.faceid.ledger.app.time.LedgerClock;
import com.faceid.ledger.app.web.ApiException;
import com.faceid.ledger.app.webhook.WebhookDeliveries;
import com.faceid.ledger.app.webhook.WebhookEventType;
import com.faceid.ledger.app.webhook.WebhookService;
import com.faceid.ledger.app.webhook.WebhookSubscriptions;
import com.faceid.ledger.error.LedgerException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.Arrays;
import java.util.List;

/**
 * Webhooks from the console: the subscriptions a key may see (an operator's and auditor's: all; a customer's: its
 * own account's), one created with its secret shown once, deleted after a confirmation, sent a test event; each
 * webhook's delivery log with status, attempts, next try and a retry. Every action goes through the webhook service
 * the API calls, so the rules and refusals are the API's.
 */
@Controller
public record WebhookPages(WebhookService webhooks, LedgerClock clock) {
    /** Most deliveries shown on a webhook's page, newest first. */
    static final int DELIVERIES_SHOWN = 100;

    @GetMapping("/console/webhooks")
    String list(ConsoleUser me, Model model) {
        me.require("GET", "/api/v1/webhooks");
        return listPage(me, model, AccountActionPages.Form.of("url", "", "accountId", ""), List.of());
    }

    @PostMapping("/console/webhooks")
    String create(@RequestParam(defaultValue = "") String url, @RequestParam(defaultValue = "") String accountId,
                  @RequestParam(required = false) List<String> events, ConsoleUser me, Model model) {
        me.require("POST", "/api/v1/webhooks");
        AccountActionPages.Form form = AccountActionPages.Form.of("url", url, "accountId", accountId);
        List<String> chosen = events == null ? List.of() : events;
        try {
            WebhookSubscriptions.Created created = webhooks.create(caller(me), form.values().get("url"), chosen,
                    form.values().get("accountId").isEmpty() ? null : form.values().get("accountId"));
            model.addAttribute("created", created);
            return listPage(me, model, AccountActionPages.Form.of("url", "", "accountId", ""), List.of());
        } catch (ApiException | LedgerException e) {
            form.refuse(e);
            if (form.errors().containsKey("form") && form.errors().get("form").startsWith("events")) {
                form.errors().put("events", form.errors().remove("form"));
            }
            return listPage(me, model, form, chosen);
        }
    }

    @PostMapping("/console/webhooks/{webhookId}/delete")
    String delete(@PathVariable String webhookId, ConsoleUser me, RedirectAttributes flash) {
        me.require("DELETE", "/api/v1/webhooks/" + webhookId);
        webhooks.delete(caller(me), webhookId);
        flash.addFlashAttribute("notice", "Deleted webhook " + webhookId + ": nothing more is sent to it.");
        return "redirect:/console/webhooks";
    }

    @PostMapping("/console/webhooks/{webhookId}/test")
    String test(@PathVariable String webhookId, ConsoleUser me, RedirectAttributes flash) {
        me.require("POST", "/api/v1/webhooks/" + webhookId + "/test");
        WebhookDeliveries.Delivery d = webhooks.test(caller(me), webhookId);
        flash.addFlashAttribute("notice", "Test event sent: delivery " + d.deliveryId() + " " + outcome(d));
        return "redirect:/console/webhooks/" + webhookId;
    }

    @GetMapping("/console/webhooks/{webhookId}")
    String deliveries(@PathVariable String webhookId, ConsoleUser me, Model model) {
        me.require("GET", "/api/v1/webhooks/" + webhookId + "/deliveries");
        Caller caller = caller(me);
        model.addAttribute("webhook", webhooks.require(caller, webhookId));
        model.addAttribute("deliveries", webhooks.deliveries(caller, webhookId, null, 0, DELIVERIES_SHOWN));
        model.addAttribute("zone", clock.getZone());
        model.addAttribute("max", DELIVERIES_SHOWN);
        model.addAttribute("mayAct", me.may("POST", "/api/v1/webhooks/" + webhookId + "/test"));
        return "console/webhook";
    }

    @PostMapping("/console/webhooks/{webhookId}/deliveries/{deliveryId}/retry")
    String retry(@PathVariable String webhookId, @PathVariable String deliveryId, ConsoleUser me,
                 RedirectAttributes flash) {
        me.require("POST", "/api/v1/webhooks/" + webhookId + "/deliveries/" + deliveryId + "/retry");
        WebhookDeliveries.Delivery d = webhooks.retry(caller(me), webhookId, deliveryId);
        flash.addFlashAttribute("notice", "Sent delivery " + d.deliveryId() + " again: " + outcome(d));
        return "redirect:/console/webhooks/" + webhookId;
    }

    private String listPage(ConsoleUser me, Model model, AccountActionPages.Form form, List<String> chosen) {
        model.addAttribute("webhooks", webhooks.list(caller(me)));
        model.addAttribute("form", form);
        model.addAttribute("chosen", chosen);
        model.addAttribute("types", Arrays.stream(WebhookEventType.values()).filter(WebhookEventType::subscribable)
                .map(WebhookEventType::wire).toList());
        model.addAttribute("mayAct", me.may("POST", "/api/v1/webhooks"));
        model.addAttribute("zone", clock.getZone());
        return "console/webhooks";
    }

    private static Caller caller(ConsoleUser me) {
        return new Caller(me.role(), me.accountId());
    }

    /** "succeeded (HTTP 200)", "failed (HTTP 500), next try at …": the delivery as it stands after the attempt. */
    private static String outcome(WebhookDeliveries.Delivery d) {
        String how = d.lastStatusCode() != null ? "HTTP " + d.lastStatusCode() : d.lastError();
        return d.status().toLowerCase() + (how == null ? "" : " (" + how + ")") + ".";
    }
}
