package com.faceid.ledger.app.console;

import com.faceid.ledger.app.schedule.ClockService;
import com.faceid.ledger.app.account.AccountQueries;
import com.faceid.ledger.app.whatif.AdviceService;
import com.faceid.ledger.app.whatif.WhatIfRequest;
import com.faceid.ledger.app.whatif.WhatIfService;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.LocalDateTime;
import java.util.List;

/**
 * The ledger clock (and, when simulated, a control to move it), an account's purchase advice, and what-if:
 * the history re-rated with a package bought or postpaid switched (a read: it changes nothing).
 */
@Controller
public record OperatorPages(ClockService clocks, AdviceService advice, WhatIfService whatIf, AccountQueries accounts,
        jakarta.validation.Validator validator) {

    @GetMapping("/console/admin/clock")
    String clock(ConsoleUser me, Model model) {
        me.require("GET", "/api/v1/admin/clock");
        model.addAttribute("clock", clocks.now());
        model.addAttribute("mayMove", clocks.simulated() && me.may("POST", "/api/v1/admin/clock"));
        return "console/clock";
    }

    @PostMapping("/console/admin/clock")
    String move(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime now, ConsoleUser me,
                RedirectAttributes flash) {
        me.require("POST", "/api/v1/admin/clock");
        // typed as a wall-clock time in the billing zone, like every time the console shows
        ClockService.ClockView moved = clocks.moveTo(now.atZone(clocks.zone()).toOffsetDateTime());
        flash.addFlashAttribute("notice", "The clock stands at " + moved.now() + "; " + moved.stepsRun()
                + " due steps ran on the way.");
        return "redirect:/console/admin/clock";
    }

    @GetMapping("/console/accounts/{accountId}/advice")
    String advice(@PathVariable String accountId, @RequestParam(defaultValue = "3") int basisMonths,
                  @RequestParam(defaultValue = "12") int horizonMonths, ConsoleUser me, Model model) {
        me.require("GET", "/api/v1/accounts/" + accountId + "/advice");
        model.addAttribute("accountId", accountId);
        model.addAttribute("advice", advice.advise(accountId, basisMonths, horizonMonths));
        return "console/advice";
    }

    /**
     * What-if as a form: a GET, because it changes nothing (the API's POST is a read too). With no service chosen
     * the page shows the form only.
     */
    @GetMapping("/console/accounts/{accountId}/what-if")
    String whatIf(@PathVariable String accountId, @RequestParam(defaultValue = "") String from,
                  @RequestParam(defaultValue = "") String to, @RequestParam(defaultValue = "") String service,
                  @RequestParam(defaultValue = "0") int size,
                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime purchasedAt,
                  @RequestParam(defaultValue = "") String postpaid, ConsoleUser me, Model model) {
        me.require("POST", "/api/v1/accounts/" + accountId + "/what-if");
        java.time.ZoneId zone = accounts.require(accountId).zone();
        model.addAttribute("accountId", accountId);
        model.addAttribute("services", com.faceid.ledger.pricing.Service.values());
        model.addAttribute("form", java.util.Map.of("from", from, "to", to, "service", service,
                "size", size == 0 ? "" : String.valueOf(size), "postpaid", postpaid,
                "purchasedAt", purchasedAt == null ? "" : purchasedAt.toString()));
        boolean asked = !service.isBlank() || !postpaid.isBlank();
        if (asked) {
            List<WhatIfRequest.PurchaseRequest> purchases = service.isBlank() ? null
                    : List.of(new WhatIfRequest.PurchaseRequest(service, size,
                    purchasedAt == null ? null : purchasedAt.atZone(zone).toOffsetDateTime()));
            if (purchases != null && (size < 1 || purchasedAt == null)) {
                throw com.faceid.ledger.app.web.ApiException.validation(
                        "a what-if purchase needs a size of at least 1 and a purchase time");
            }
            WhatIfRequest req = new WhatIfRequest(from.isBlank() ? null : from, to.isBlank() ? null : to,
                    new WhatIfRequest.ScenarioRequest(null, null, null,
                            postpaid.isBlank() ? null : Boolean.valueOf(postpaid.equals("on")), purchases, null));
            com.faceid.ledger.app.web.Requests.valid(validator, req); // the API's limits (a size up to 100,000,000)
            model.addAttribute("result", whatIf.whatIf(accountId, req.fromMonth(), req.toMonth(), req.toScenario()));
        }
        return "console/what-if";
    }
}
