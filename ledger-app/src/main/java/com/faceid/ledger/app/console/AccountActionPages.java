package com.faceid.ledger.app.console;

import com.faceid.ledger.app.LedgerProperties;
import com.faceid.ledger.app.account.AccountOpening;
import com.faceid.ledger.app.account.AccountQueries;
import com.faceid.ledger.app.prepaid.PackagePurchases;
import com.faceid.ledger.app.statement.PriceAgreements;
import com.faceid.ledger.app.web.ApiException;
import com.faceid.ledger.error.ErrorCode;
import com.faceid.ledger.error.LedgerException;
import com.faceid.ledger.event.Service;
import com.faceid.ledger.pricing.BillingPolicy;
import com.faceid.ledger.pricing.Catalog;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An operator's actions on accounts from the console: open one, buy a package, switch postpaid, agree a
 * negotiated price. Each form is
 * confirmed on a second page before anything is recorded, goes through the very services the API's endpoints
 * call (same rules, same refusals), keeps what was typed and shows each refusal beside the field it is about.
 */
@Controller
public record AccountActionPages(AccountOpening opening, PackagePurchases purchases, PriceAgreements prices,
        AccountQueries accounts, BillingPolicy policy, Clock clock, LedgerProperties props) {

    /** The form's fields as typed, and the refusal of each (key "form": not about one field). */
    record Form(Map<String, String> values, Map<String, String> errors) {
        static Form of(String... namesAndValues) {
            Map<String, String> v = new LinkedHashMap<>();
            for (int i = 0; i < namesAndValues.length; i += 2) {
                v.put(namesAndValues[i], namesAndValues[i + 1] == null ? "" : namesAndValues[i + 1].strip());
            }
            return new Form(v, new LinkedHashMap<>());
        }

        /** A refusal (the API's or the rules'), put beside the field its detail starts with (else above the form). */
        void refuse(RuntimeException refusal) {
            String code = refusal instanceof ApiException a ? a.code().name() : ((LedgerException) refusal).code().name();
            String detail = refusal.getMessage();
            String field = values.keySet().stream().filter(detail::startsWith).findFirst()
                    .orElse(FIELD_OF.getOrDefault(code, "form"));
            errors.put(field, detail);
        }
    }

    /** Where a refusal that does not name its field belongs. */
    static final Map<String, String> FIELD_OF = Map.of(ErrorCode.ACCOUNT_EXISTS.name(), "accountId",
            ErrorCode.UNKNOWN_SERVICE.name(), "service", ErrorCode.PACKAGE_SIZE_NOT_SOLD.name(), "size",
            ErrorCode.PURCHASE_ID_CONFLICT.name(), "purchaseId", ErrorCode.ACCOUNT_NOT_FOUND.name(), "form",
            ErrorCode.PERIOD_CLOSED.name(), "effectiveFrom");

    @GetMapping("/console/accounts/new")
    String newAccount(ConsoleUser me, Model model) {
        me.require("POST", "/api/v1/accounts");
        return accountForm(model, Form.of("accountId", "", "openedAt", "", "postpaid", "on"), false);
    }

    @PostMapping("/console/accounts/new")
    String openAccount(@RequestParam(defaultValue = "") String accountId, @RequestParam(defaultValue = "") String openedAt,
                       @RequestParam(defaultValue = "off") String postpaid, @RequestParam(defaultValue = "") String confirmed,
                       ConsoleUser me, Model model, RedirectAttributes flash) {
        me.require("POST", "/api/v1/accounts");
        Form form = Form.of("accountId", accountId, "openedAt", openedAt, "postpaid", postpaid);
        OffsetDateTime at = time(form, "openedAt", props.zone());
        if (!form.errors().isEmpty() || !"yes".equals(confirmed)) {
            return accountForm(model, form, form.errors().isEmpty() && !form.values().get("accountId").isEmpty());
        }
        try {
            opening.open(form.values().get("accountId"), at, "on".equals(postpaid));
        } catch (ApiException | LedgerException e) {
            form.refuse(e);
            return accountForm(model, form, false);
        }
        flash.addFlashAttribute("notice", "Opened account " + form.values().get("accountId")
                + ": three free packages of 50 calls, usable from the next day.");
        return "redirect:/console/accounts/" + form.values().get("accountId");
    }

    private String accountForm(Model model, Form form, boolean confirming) {
        model.addAttribute("form", form);
        model.addAttribute("confirming", confirming);
        model.addAttribute("zone", props.zone().getId());
        return "console/account-new";
    }

    @GetMapping("/console/accounts/{accountId}/packages/new")
    String newPackage(@PathVariable String accountId, ConsoleUser me, Model model) {
        me.require("POST", "/api/v1/accounts/" + accountId + "/packages");
        accounts.require(accountId);
        return packageForm(model, accountId, Form.of("purchaseId", "po-" + ConsoleSessions.newToken().substring(0, 10),
                "service", "", "size", "", "purchasedAt", ""), false);
    }

    @PostMapping("/console/accounts/{accountId}/packages/new")
    String buyPackage(@PathVariable String accountId, @RequestParam(defaultValue = "") String purchaseId,
                      @RequestParam(defaultValue = "") String service, @RequestParam(defaultValue = "") String size,
                      @RequestParam(defaultValue = "") String purchasedAt,
                      @RequestParam(defaultValue = "") String confirmed, ConsoleUser me, Model model,
                      RedirectAttributes flash) {
        me.require("POST", "/api/v1/accounts/" + accountId + "/packages");
        ZoneId zone = accounts.require(accountId).zone();
        Form form = Form.of("purchaseId", purchaseId, "service", service, "size", size, "purchasedAt", purchasedAt);
        OffsetDateTime at = time(form, "purchasedAt", zone);
        Integer calls = null;
        if (!form.values().get("size").matches("[0-9]{1,7}")) {
            form.errors().put("size", "size: a whole number of calls, as the catalog sells them");
        } else {
            calls = Integer.valueOf(form.values().get("size"));
        }
        if (!form.errors().isEmpty() || !"yes".equals(confirmed)) {
            return packageForm(model, accountId, form, form.errors().isEmpty());
        }
        try {
            PackagePurchases.Purchase p = purchases.buy(accountId, form.values().get("purchaseId"),
                    form.values().get("service"), calls, at);
            flash.addFlashAttribute("notice", (p.duplicate() ? "Already bought under this purchase id: package "
                    : "Bought package ") + p.view().packageId() + " of " + p.view().size() + " calls for ¥"
                    + p.view().price() + ", expiring " + p.view().expiresAt() + ".");
        } catch (ApiException | LedgerException e) {
            form.refuse(e);
            return packageForm(model, accountId, form, false);
        }
        return "redirect:/console/accounts/" + accountId + "#packages";
    }

    private String packageForm(Model model, String accountId, Form form, boolean confirming) {
        ZoneId zone = accounts.require(accountId).zone();
        Catalog catalog = policy.catalogs().inForceOn(LocalDate.ofInstant(clock.instant(), zone));
        List<Service> sold = List.of(Service.values()).stream().filter(catalog::sellsPackages).toList();
        model.addAttribute("accountId", accountId);
        model.addAttribute("form", form);
        model.addAttribute("confirming", confirming);
        model.addAttribute("services", sold);
        model.addAttribute("sizes", sold.stream().flatMap(x -> catalog.sizesSold(x).stream()).distinct().sorted()
                .toList());
        model.addAttribute("zone", zone.getId());
        return "console/package-new";
    }

    @PostMapping("/console/accounts/{accountId}/postpaid")
    String switchPostpaid(@PathVariable String accountId, @RequestParam String enabled,
                          @RequestParam(defaultValue = "") String confirmed, ConsoleUser me, Model model,
                          RedirectAttributes flash) {
        me.require("PUT", "/api/v1/accounts/" + accountId + "/postpaid");
        boolean on = "on".equals(enabled);
        if (!"yes".equals(confirmed)) {
            model.addAttribute("accountId", accountId);
            model.addAttribute("on", on);
            return "console/postpaid-confirm";
        }
        opening.switchPostpaid(accountId, on);
        flash.addFlashAttribute("notice", "Postpaid is " + (on ? "on" : "off") + " for " + accountId
                + (on ? ": calls no package can pay are charged at the month's tier." : ": calls no package can pay"
                + " are refused."));
        return "redirect:/console/accounts/" + accountId;
    }

    @GetMapping("/console/accounts/{accountId}/prices/new")
    String newPrice(@PathVariable String accountId, ConsoleUser me, Model model) {
        me.require("POST", "/api/v1/accounts/" + accountId + "/negotiated-prices");
        ZoneId zone = accounts.require(accountId).zone();
        String thisMonth = YearMonth.from(clock.instant().atZone(zone)).toString();
        return priceForm(model, accountId, Form.of("service", "", "unitPrice", "", "effectiveFrom", thisMonth,
                "agreedBy", ""), false);
    }

    @PostMapping("/console/accounts/{accountId}/prices/new")
    String agreePrice(@PathVariable String accountId, @RequestParam(defaultValue = "") String service,
                      @RequestParam(defaultValue = "") String unitPrice,
                      @RequestParam(defaultValue = "") String effectiveFrom,
                      @RequestParam(defaultValue = "") String agreedBy,
                      @RequestParam(defaultValue = "") String confirmed, ConsoleUser me, Model model,
                      RedirectAttributes flash) {
        me.require("POST", "/api/v1/accounts/" + accountId + "/negotiated-prices");
        accounts.require(accountId);
        Form form = Form.of("service", service, "unitPrice", unitPrice, "effectiveFrom", effectiveFrom,
                "agreedBy", agreedBy);
        try {
            YearMonth.parse(form.values().get("effectiveFrom"));
        } catch (DateTimeParseException e) {
            form.errors().put("effectiveFrom", "effectiveFrom: a month like 2026-05");
        }
        if (form.values().get("service").isEmpty()) {
            form.errors().put("service", "service: choose the service the price is for");
        }
        if (form.values().get("agreedBy").isEmpty()) {
            form.errors().put("agreedBy", "agreedBy: who agreed the price with the customer (a name)");
        }
        if (!form.errors().isEmpty() || !"yes".equals(confirmed)) {
            return priceForm(model, accountId, form, form.errors().isEmpty());
        }
        try {
            PriceAgreements.Agreement a = prices.agree(accountId, form.values().get("service"),
                    form.values().get("unitPrice"), form.values().get("effectiveFrom"), form.values().get("agreedBy"));
            flash.addFlashAttribute("notice", "Agreed ¥" + a.unitPrice().toPlainString() + " a call for "
                    + a.service().englishName() + " from " + a.effectiveFrom() + ": the top tier's postpaid calls of"
                    + " that month on are charged at it.");
        } catch (ApiException | LedgerException e) {
            form.refuse(e);
            return priceForm(model, accountId, form, false);
        }
        return "redirect:/console/accounts/" + accountId;
    }

    private String priceForm(Model model, String accountId, Form form, boolean confirming) {
        model.addAttribute("accountId", accountId);
        model.addAttribute("form", form);
        model.addAttribute("confirming", confirming);
        model.addAttribute("services", List.of(Service.values()));
        return "console/price-new";
    }

    /** A wall-clock time typed in the zone (blank: now), or an error beside its field. */
    private static OffsetDateTime time(Form form, String field, ZoneId zone) {
        String text = form.values().get(field);
        if (text.isEmpty()) {
            return null;
        }
        try {
            return LocalDateTime.parse(text).atZone(zone).toOffsetDateTime();
        } catch (DateTimeParseException e) {
            form.errors().put(field, field + ": a date and time like 2026-03-12T10:00, or blank for now");
            return null;
        }
    }
}
