package com.faceid.ledger.app.console;

import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The billing zone as pages name it, with its offset now ("Asia/Shanghai, UTC+08:00"), so a time shown without an
 * offset beside it is still unambiguous. Pages call it as {@code ${@zoneLabel.of(zone)}}.
 */
@Component("zoneLabel")
public class ZoneLabel {
    private final Clock clock;

    public ZoneLabel(Clock clock) {
        this.clock = clock;
    }

    public String of(Object zone) {
        ZoneId id = zone instanceof ZoneId z ? z : ZoneId.of(String.valueOf(zone));
        ZoneOffset offset = id.getRules().getOffset(clock.instant());
        return id.getId() + ", UTC" + (offset.getTotalSeconds() == 0 ? "+00:00" : offset.getId());
    }
}
