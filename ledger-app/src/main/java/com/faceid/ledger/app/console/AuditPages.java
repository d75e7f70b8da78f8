package com.faceid.ledger.app.console;

import com.faceid.ledger.app.account.AccountQueries;
import com.faceid.ledger.app.audit.AuditService;
import com.faceid.ledger.app.axon.ReadModels;
import com.faceid.ledger.app.integrity.HashChain;
import com.faceid.ledger.app.kafka.IntakeStatus;
import com.faceid.ledger.app.replay.ReadModelVerifier;
import com.faceid.ledger.app.replay.ReplayService;
import com.faceid.ledger.app.web.ApiException;
import com.faceid.ledger.app.web.HttpError;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The audit pages: an account's history as a timeline, newest first, one sentence an event (a type to show, a day
 * to jump to, pages both ways, each read from the index at its edge, so a page deep in a long history costs what
 * the first does) with its digest; replay progress and verify; the usage
 * intake from Kafka (the group's lag per partition).
 */
@Controller
public record AuditPages(AuditService audit, AccountQueries accounts, HashChain chain, ReplayService replay,
        ReadModelVerifier verifier, ReadModels readModels, ObjectProvider<IntakeStatus> intake) {
    static final int PAGE_SIZE = 50;

    @GetMapping("/console/accounts/{accountId}/events")
    String events(@PathVariable String accountId, @RequestParam(defaultValue = "") String type,
                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on,
                  @RequestParam(required = false) Long before, @RequestParam(required = false) Long after,
                  ConsoleUser me, Model model) {
        me.require("GET", "/api/v1/accounts/" + accountId + "/events");
        ZoneId zone = accounts.require(accountId).zone();
        String only = type.isBlank() ? null : type.trim();
        AuditService.Timeline timeline = audit.timeline(accountId, only, before, after, on, PAGE_SIZE, me.accountId() != null);
        EventSentences sentences = new EventSentences(zone, me.accountId() != null);
        model.addAttribute("accountId", accountId);
        model.addAttribute("zone", zone.getId());
        model.addAttribute("type", only == null ? "" : only);
        model.addAttribute("types", AuditService.EVENT_TYPES);
        model.addAttribute("on", on);
        model.addAttribute("paged", before != null || after != null || on != null);
        model.addAttribute("timeline", timeline);
        model.addAttribute("sentences", timeline.entries().stream().map(e -> sentences.of(e.event())).toList());
        if (me.may("GET", "/api/v1/accounts/" + accountId + "/digest")) {
            model.addAttribute("digest", chain.head(accountId).orElse(null));
        }
        return "console/events";
    }

    @GetMapping("/console/admin")
    String admin(@RequestParam(defaultValue = "false") boolean verify, ConsoleUser me, Model model) {
        me.require("GET", "/api/v1/admin/replay");
        model.addAttribute("replay", replay.progress());
        model.addAttribute("mayReplay", me.may("POST", "/api/v1/admin/replay"));
        IntakeStatus kafka = intake.getIfAvailable();
        model.addAttribute("intake", kafka == null ? null : kafka.snapshot()); // null: Kafka is off
        if (verify) {
            me.require("GET", "/api/v1/admin/verify");
            model.addAttribute("report", verifier.verify(readModels.awaitAll()));
        }
        return "console/admin";
    }

    @PostMapping("/console/admin/replay")
    String startReplay(ConsoleUser me, RedirectAttributes flash) {
        me.require("POST", "/api/v1/admin/replay");
        if (!replay.start()) {
            throw new ApiException(HttpError.REPLAY_RUNNING, "a replay is already running");
        }
        flash.addFlashAttribute("notice", "Replay started: every read model is being rebuilt from the events.");
        return "redirect:/console/admin";
    }
}
