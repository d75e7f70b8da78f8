package com.faceid.ledger.support;

import com.faceid.ledger.error.ErrorCode;
import com.faceid.ledger.error.LedgerException;
import org.hamcrest.BaseMatcher;
import org.hamcrest.Description;
import org.hamcrest.Matcher;

/** Hamcrest matchers for the aggregate fixtures. */
public final class LedgerMatchers {
    private LedgerMatchers() {
    }

    /** A refusal by the rules with this stable code. */
    public static Matcher<Throwable> code(ErrorCode expected) {
        return new BaseMatcher<>() {
            @Override
            public boolean matches(Object item) {
                return item instanceof LedgerException e && e.code() == expected;
            }

            @Override
            public void describeTo(Description d) {
                d.appendText("LedgerException " + expected);
            }
        };
    }
}
