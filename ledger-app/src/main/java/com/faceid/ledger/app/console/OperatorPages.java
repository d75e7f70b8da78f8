package com.faceid.ledger.app.console;

import com.faceid.ledger.app.schedule.ClockService;
import com.faceid.ledger.app.whatif.AdviceService;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.LocalDateTime;

/** The ledger clock (and, when simulated, a control to move it), and an account's purchase advice. */
@Controller
public record OperatorPages(ClockService clocks, AdviceService advice) {

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
}
