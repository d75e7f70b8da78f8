package com.faceid.ledger.app.console;

import com.faceid.ledger.app.account.AccountQueries;
import com.faceid.ledger.app.integrity.DigestController;
import com.faceid.ledger.app.integrity.HashChain;
import com.faceid.ledger.app.integrity.KeptDigests;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Check a digest (docs/audit.md): the account's current digest to copy and keep elsewhere, and a form that takes a
 * digest kept earlier (its event sequence and hash) and says whether the history up to it still hashes to it.
 * The form keeps what was typed and says beside each field what is wrong with it.
 */
@Controller
public record DigestPages(AccountQueries accounts, HashChain chain, KeptDigests kept) {
    private static final String HASH = "[0-9a-fA-F]{64}";

    @GetMapping("/console/accounts/{accountId}/digest")
    String digest(@PathVariable String accountId, @RequestParam(required = false) String sequence,
                  @RequestParam(required = false) String hash, ConsoleUser me, Model model) {
        me.require("GET", "/api/v1/accounts/" + accountId + "/digest");
        ZoneId zone = accounts.require(accountId).zone();
        model.addAttribute("accountId", accountId);
        model.addAttribute("zone", zone.getId());
        model.addAttribute("head", chain.head(accountId).map(h -> new DigestController.Digest(accountId, h.sequence(),
                h.hash(), h.at().atZone(zone).toOffsetDateTime())).orElse(null));
        String seq = sequence == null ? "" : sequence.strip();
        String typed = hash == null ? "" : hash.strip();
        model.addAttribute("sequence", seq);
        model.addAttribute("hash", typed);
        if (sequence == null && hash == null) {
            return "console/digest";
        }
        Map<String, String> errors = new LinkedHashMap<>();
        long at = -1;
        if (!seq.matches("[0-9]{1,18}")) {
            errors.put("sequence", "the event number the digest was taken at: a whole number, 0 or more");
        } else {
            at = Long.parseLong(seq);
        }
        if (!typed.matches(HASH)) {
            errors.put("hash", "64 hexadecimal digits (a SHA-256), as the digest gave it; " + typed.length()
                    + " characters given");
        }
        model.addAttribute("errors", errors);
        if (errors.isEmpty()) {
            me.require("GET", "/api/v1/accounts/" + accountId + "/digest/verify");
            model.addAttribute("check", kept.checkOne(new KeptDigests.KeptDigest(accountId, at, typed)));
        }
        return "console/digest";
    }
}
