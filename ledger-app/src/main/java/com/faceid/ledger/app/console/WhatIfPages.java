package com.faceid.ledger.app.console;

import com.faceid.ledger.app.account.AccountQueries;
import com.faceid.ledger.app.web.ApiException;
import com.faceid.ledger.app.web.Requests;
import com.faceid.ledger.app.whatif.WhatIfRequest;
import com.faceid.ledger.app.whatif.WhatIfRunView;
import com.faceid.ledger.app.whatif.WhatIfRuns;
import com.faceid.ledger.event.Service;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Validator;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.util.UriComponentsBuilder;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * What-if as a form: the history re-rated with a package bought or postpaid switched (a GET, because it changes
 * nothing; the API's POST is a read too). It runs as a what-if run (whatif.WhatIfRuns): a short history's answer
 * is shown at once; a longer one's page shows how many events have been re-rated and refreshes itself every
 * second until the answer is there. A refusal is shown as the what-if's own would be.
 */
@Controller
public record WhatIfPages(WhatIfRuns runs, AccountQueries accounts, Validator validator) {
    /** How long the form's answer is waited for before the page shows the run's progress instead. */
    static final Duration SHOWN_AT_ONCE = Duration.ofSeconds(1);

    /** The form's fields as its query string carries them; all optional (none chosen: the form alone). */
    record WhatIfForm(String from, String to, String service, Integer size,
                      @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime purchasedAt,
                      String postpaid) {
        boolean asked() {
            return !blank(service) || !blank(postpaid);
        }

        Map<String, String> values() {
            return Map.of("from", text(from), "to", text(to), "service", text(service),
                    "size", size == null || size == 0 ? "" : size.toString(), "postpaid", text(postpaid),
                    "purchasedAt", purchasedAt == null ? "" : purchasedAt.toString());
        }

        /** The API's request for it, checked against the API's limits (a size up to 100,000,000). */
        WhatIfRequest request(ZoneId zone, Validator validator) {
            List<WhatIfRequest.PurchaseRequest> purchases = null;
            if (!blank(service)) {
                if (size == null || size < 1 || purchasedAt == null) {
                    throw ApiException.validation("a what-if purchase needs a size of at least 1 and a purchase time");
                }
                purchases = List.of(new WhatIfRequest.PurchaseRequest(service, size,
                        purchasedAt.atZone(zone).toOffsetDateTime()));
            }
            WhatIfRequest req = new WhatIfRequest(blank(from) ? null : from, blank(to) ? null : to,
                    new WhatIfRequest.ScenarioRequest(null, null, null,
                            blank(postpaid) ? null : Boolean.valueOf(postpaid.equals("on")), purchases, null));
            return Requests.valid(validator, req);
        }

        private static boolean blank(String s) {
            return s == null || s.isBlank();
        }

        private static String text(String s) {
            return s == null ? "" : s;
        }
    }

    @GetMapping("/console/accounts/{accountId}/what-if")
    String whatIf(@PathVariable String accountId, WhatIfForm form, HttpServletRequest request, ConsoleUser me,
                  Model model) {
        ZoneId zone = page(accountId, form, me, model);
        if (form.asked()) {
            WhatIfRequest req = form.request(zone, validator);
            WhatIfRuns.Run run = runs.start(accountId, req.fromMonth(), req.toMonth(), req.toScenario());
            if (!run.awaitEnd(SHOWN_AT_ONCE)) {
                return "redirect:" + UriComponentsBuilder.fromPath("/console/accounts/{a}/what-if/runs/{r}")
                        .query(request.getQueryString()).buildAndExpand(accountId, run.id()).toUriString();
            }
            show(run, zone, model);
        }
        return "console/what-if";
    }

    /** A run the form started: its progress until it ends (the page refreshes itself), then its answer. */
    @GetMapping("/console/accounts/{accountId}/what-if/runs/{runId}")
    String run(@PathVariable String accountId, @PathVariable String runId, WhatIfForm form,
               HttpServletResponse response, ConsoleUser me, Model model) {
        ZoneId zone = page(accountId, form, me, model);
        WhatIfRuns.Run run = runs.get(accountId, runId);
        if (!run.awaitEnd(Duration.ZERO)) {
            response.setHeader("Refresh", "1");
        }
        show(run, zone, model);
        return "console/what-if";
    }

    private ZoneId page(String accountId, WhatIfForm form, ConsoleUser me, Model model) {
        me.require("POST", "/api/v1/accounts/" + accountId + "/what-if");
        ZoneId zone = accounts.require(accountId).zone();
        model.addAttribute("accountId", accountId);
        model.addAttribute("services", Service.values());
        model.addAttribute("form", form.values());
        return zone;
    }

    private static void show(WhatIfRuns.Run run, ZoneId zone, Model model) {
        WhatIfRunView view = WhatIfRunView.of(run, zone);
        if (run.refusal() != null) {
            throw run.refusal();
        }
        model.addAttribute("run", view);
        model.addAttribute("result", view.result());
    }
}
