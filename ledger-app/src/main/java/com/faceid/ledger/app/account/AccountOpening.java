package com.faceid.ledger.app.account;

import com.faceid.ledger.account.OpenAccount;
import com.faceid.ledger.account.SwitchPostpaid;
import com.faceid.ledger.app.LedgerProperties;
import com.faceid.ledger.app.axon.Commands;
import com.faceid.ledger.app.axon.ReadModels;
import com.faceid.ledger.app.security.RequestContext;
import com.faceid.ledger.app.web.Requests;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * Opening an account and switching its postpaid: what {@code POST /api/v1/accounts} and {@code PUT …/postpaid}
 * do, and the console's forms with them, under the same rules and errors.
 */
@Component
public record AccountOpening(Commands commands, AccountQueries accounts, ServiceBalances balances,
        AccountService views, ReadModels readModels, Clock clock, LedgerProperties props) {

    /** @param openedAt null: now; never after the ledger clock */
    public AccountView open(String accountId, OffsetDateTime openedAt, Boolean postpaidEnabled) {
        Requests.accountId("accountId", accountId);
        Instant now = clock.instant();
        // never after the clock (billing-rules §9): no skew allowed; the aggregate decides the month rule
        Instant at = Requests.reported("openedAt", openedAt, now, Duration.ZERO);
        commands.send(new OpenAccount(accountId, at, props.zone().getId(), postpaidEnabled == null || postpaidEnabled,
                now));
        readModels.await(() -> accounts.find(accountId).isPresent()
                && balances.of(accountId, now).values().stream()
                .mapToInt(ServiceBalances.Balance::packages).sum() >= 3); // the free grants
        return views.view(accountId);
    }

    public void switchPostpaid(String accountId, boolean enabled) {
        accounts.require(accountId);
        commands.send(new SwitchPostpaid(accountId, enabled, clock.instant(), RequestContext.actor()));
        readModels.await(() -> accounts.require(accountId).postpaidEnabled() == enabled);
    }
}
