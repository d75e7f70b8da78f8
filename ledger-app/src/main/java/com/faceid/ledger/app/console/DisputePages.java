package com.faceid.ledger.app.console;

import com.faceid.ledger.app.audit.AuditService;
import com.faceid.ledger.app.statement.AdjustmentService;
import com.faceid.ledger.app.web.ApiException;
import com.faceid.ledger.event.Service;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The support workspace: find a call by request id (across accounts for operators and auditors), see why it cost
 * what it cost as a timeline, and, for an operator, record an adjustment that cites it.
 */
@Controller
public record DisputePages(AuditService audit, AdjustmentService adjustments) {
    @GetMapping("/console/calls")
    String lookUp(@RequestParam(defaultValue = "") String requestId, ConsoleUser me, Model model) throws Exception {
        String id = requestId.trim();
        model.addAttribute("requestId", id);
        if (id.isEmpty()) {
            model.addAttribute("found", List.of());
            return "console/lookup";
        }
        if (!me.may("GET", "/api/v1/calls/" + id)) {
            // a customer looks in its own account only
            return "redirect:/console/accounts/" + me.accountId() + "/calls/" + encode(id);
        }
        List<String> accounts = audit.accountsWith(id);
        if (accounts.size() == 1) { // straight to the call's page, which explains it
            return "redirect:/console/accounts/" + accounts.get(0) + "/calls/" + encode(id);
        }
        model.addAttribute("found", accounts.isEmpty() ? List.of() : audit.lookup(id).items());
        return "console/lookup";
    }

    @GetMapping("/console/accounts/{accountId}/calls/{requestId}")
    String call(@PathVariable String accountId, @PathVariable String requestId, ConsoleUser me, Model model)
            throws Exception {
        me.require("GET", "/api/v1/accounts/" + accountId + "/calls/" + requestId);
        AuditService.Explanation full = audit.explain(accountId, requestId);
        AuditService.Explanation e = me.accountId() != null ? full.shownToCustomer() : full; // no key ids
        model.addAttribute("e", e);
        model.addAttribute("serviceName", Service.valueOf(e.call().service()).displayName());
        model.addAttribute("month", e.call().occurredAt().toString().substring(0, 7));
        model.addAttribute("mayAdjust", me.may("POST", "/api/v1/accounts/" + accountId + "/adjustments"));
        model.addAttribute("newAdjustmentId", "adj-" + ConsoleSessions.newToken().substring(0, 12));
        return "console/call";
    }

    @PostMapping("/console/accounts/{accountId}/calls/{requestId}/adjustments")
    String adjust(@PathVariable String accountId, @PathVariable String requestId,
                  @RequestParam String adjustmentId, @RequestParam String month, @RequestParam String amount,
                  @RequestParam String reason, ConsoleUser me, RedirectAttributes flash) {
        me.require("POST", "/api/v1/accounts/" + accountId + "/adjustments");
        AdjustmentService.Recorded r = adjustments.record(accountId, new AdjustmentService.AdjustmentRequest(
                adjustmentId.trim(), month.trim(), amount.trim(), reason, requestId));
        flash.addFlashAttribute("notice", (r.duplicate() ? "Already recorded: adjustment " : "Recorded adjustment ")
                + r.view().adjustmentId() + " of " + r.view().amount() + " on the " + r.view().month() + " statement.");
        return "redirect:/console/accounts/" + accountId + "/calls/" + encode(requestId);
    }

    private static String encode(String segment) {
        if (segment.length() > 512) {
            throw ApiException.validation("a request id is at most 128 characters");
        }
        return UriUtils.encodePathSegment(segment, StandardCharsets.UTF_8);
    }
}
