package com.faceid.ledger.app.support;

import com.faceid.ledger.app.time.LedgerClock;
import org.axonframework.eventhandling.GenericEventMessage;
import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Axon stamps events with one JVM-wide clock, which a ledger binds to its own clock when its context starts
 * ({@code time.ClockConfig}). The tests keep several contexts in one JVM and reuse them from Spring's cache, so
 * a context reused after another started would stamp its events with the other's clock (a system clock in
 * December beside a simulated one in April). Before each test this binds the clock of the test's own context,
 * as it is in production, where one ledger runs per JVM. Registered in META-INF/spring.factories.
 */
public class EventClockBinding implements TestExecutionListener, Ordered {
    /** Before a {@code @BeforeAll} of a per-class test instance, which may write events too. */
    @Override
    public void prepareTestInstance(TestContext testContext) {
        bind(testContext);
    }

    @Override
    public void beforeTestMethod(TestContext testContext) {
        bind(testContext);
    }

    private static void bind(TestContext testContext) {
        testContext.getApplicationContext().getBeanProvider(LedgerClock.class)
                .ifAvailable(clock -> GenericEventMessage.clock = clock);
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
