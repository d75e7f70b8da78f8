package com.faceid.ledger.app.account;

import com.faceid.ledger.app.web.ApiException;
import com.faceid.ledger.app.web.Json;
import com.faceid.ledger.app.web.Requests;
import com.faceid.ledger.event.Limits;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/** Accounts as the API and the console show them: one, or a page of them by a prefix or any part of the id. */
@Component
public record AccountService(AccountQueries accounts, ServiceBalances balances, ClosedMonths closedMonths,
        Clock clock) {
    /** The most accounts one page lists. */
    public static final int PAGE_SIZE_MAX = 100;
    /** The longest text searched for in account ids (as long as an id). */
    public static final int QUERY_MAX = Limits.ACCOUNT_ID_MAX;

    public record AccountPage(List<AccountView> items, int page, int size, long total) {
    }

    public AccountView view(String accountId) {
        AccountQueries.AccountRow a = accounts.require(accountId);
        List<AccountView.ServiceSummary> services = new ArrayList<>();
        balances.of(accountId, clock.instant()).forEach((s, b) -> services.add(
                new AccountView.ServiceSummary(s.name(), b.remaining(), b.usableNow(), b.packages())));
        return new AccountView(a.accountId(), Json.time(a.openedAt(), a.zone()), a.postpaidEnabled(),
                closedThroughShown(a), services);
    }

    /**
     * Accounts by id, {@code size} per page: those starting with {@code prefix}, and holding {@code q} anywhere in
     * any case, when given. {@code q} is plain text (a space or {@code %} matches itself), at most
     * {@link #QUERY_MAX} characters.
     */
    public AccountPage page(String prefix, String q, int page, int size) {
        long offset = Requests.offset(page, size, PAGE_SIZE_MAX);
        // a prefix is the start of an account id, so it is checked as one: no id starts with anything else
        String p = prefix == null || prefix.isEmpty() ? "" : Requests.accountId("prefix", prefix);
        String part = q == null ? "" : q;
        if (part.length() > QUERY_MAX) {
            throw ApiException.validation("q is at most " + QUERY_MAX + " characters");
        }
        List<AccountView> items = accounts.idsMatching(p, part, offset, size).stream().map(this::view).toList();
        return new AccountPage(items, page, size, accounts.countMatching(p, part));
    }

    /** The last closed month, by the events or by the clock; null while no month is closed. */
    private String closedThroughShown(AccountQueries.AccountRow a) {
        YearMonth m = closedMonths.closedThrough(a);
        return m.isBefore(YearMonth.from(a.openedAt().atZone(a.zone()))) ? null : m.toString();
    }
}
