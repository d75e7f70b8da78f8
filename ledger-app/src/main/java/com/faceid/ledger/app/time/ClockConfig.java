package com.faceid.ledger.app.time;

import com.faceid.ledger.app.LedgerProperties;
import org.axonframework.eventhandling.GenericEventMessage;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.ZoneId;

/**
 * The one clock of the service. Everything that needs "now" gets this bean; Axon's event timestamps use
 * it too, so an event's recorded time and the ledger's notion of now never disagree.
 */
@Configuration
public class ClockConfig {
    @Bean
    public Clock ledgerClock(LedgerProperties props) {
        if (!"system".equals(props.clock())) {
            throw new IllegalStateException("ledger.clock=" + props.clock() + " is not supported yet; use system");
        }
        Clock clock = Clock.system(ZoneId.of(props.zone()));
        GenericEventMessage.clock = clock;
        return clock;
    }
}
