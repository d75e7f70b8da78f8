package com.faceid.ledger.app.schedule;

import java.time.Instant;

/**
 * Traffic that follows a simulated clock (the demo's): when the clock is moved forward, the days on the way get
 * their calls and purchases at their own time, before the steps that come after them (a month closes after its
 * last day's calls, not before). {@link ClockService} hands every move to it when one exists.
 */
public interface SimulatedTraffic {
    /** Moves the clock to {@code target} through {@link StepRunner#advanceTo}, with each day's traffic on the way. */
    int advanceTo(Instant target);
}
