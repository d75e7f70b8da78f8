package com.faceid.ledger.app.statement;

import com.faceid.ledger.app.account.AccountQueries;
import com.faceid.ledger.app.axon.Commands;
import com.faceid.ledger.app.web.Requests;
import com.faceid.ledger.event.Limits;
import com.faceid.ledger.event.Service;
import com.faceid.ledger.statement.AgreeNegotiatedPrice;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.YearMonth;

/**
 * Agreeing an account's negotiated price (the top tier's, 联系商务) for a service from a month on: the rules the
 * API's {@code POST /api/v1/accounts/{id}/negotiated-prices} and the console's form both go through, so they refuse
 * alike (a malformed field 400, an unknown service 422, a month already closed 409 PERIOD_CLOSED).
 */
@Component
public record PriceAgreements(Commands commands, AccountQueries accounts, Clock clock) {
    /** What was agreed, as recorded. */
    public record Agreement(String accountId, Service service, BigDecimal unitPrice, YearMonth effectiveFrom,
                            String agreedBy) {
    }

    public Agreement agree(String accountId, String service, String unitPrice, String effectiveFrom,
                           String agreedBy) {
        accounts.require(accountId);
        YearMonth from = Requests.month(effectiveFrom);
        BigDecimal price = Requests.unitPrice(unitPrice);
        String by = Requests.text("agreedBy", agreedBy, Limits.NAME_MAX);
        Service s = Requests.service(service);
        commands.send(new AgreeNegotiatedPrice(accountId, s, price, from, by, clock.instant()));
        return new Agreement(accountId, s, price, from, by);
    }
}
