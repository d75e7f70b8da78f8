package com.faceid.ledger.support;

import com.faceid.ledger.event.AccountEvent;
import com.faceid.ledger.event.StatementClosed;
import com.faceid.ledger.pricing.BillingPolicy;
import com.faceid.ledger.whatif.Rerating;
import com.faceid.ledger.whatif.Scenario;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The what-if identity (billing-rules §9): the history re-rated with no change reproduces every closed
 * statement, field for field, to the cent.
 */
public final class ReratingIdentity {
    private ReratingIdentity() {
    }

    /** @return how many closed months were compared */
    public static int assertReproducesEveryStatement(List<Object> events, BillingPolicy policy, Instant now) {
        List<AccountEvent> history = events.stream().map(AccountEvent.class::cast).toList();
        Rerating.Rerated rerated = Rerating.rerate(history, Scenario.none(), policy, now);
        assertThat(rerated.notes()).as("the identity re-rating refuses nothing").isEmpty();
        int compared = 0;
        for (AccountEvent e : history) {
            if (e instanceof StatementClosed s) {
                Rerating.RatedMonth m = rerated.month(s.month());
                assertThat(m).as("month %s re-rated", s.month()).isNotNull();
                assertThat(m.closed()).as("month %s closes in the re-rating", s.month()).isTrue();
                assertThat(m.figures().closed(s.accountId(), m.closedAt(), s.actor()))
                        .as("month %s re-rated", s.month()).isEqualTo(s);
                compared++;
            }
        }
        return compared;
    }
}
