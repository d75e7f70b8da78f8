package com.faceid.ledger.statement;

import com.faceid.ledger.event.ChargedTo;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One service's counters in one billing month. Mutable on purpose: the aggregate keeps one per open
 * month and service, and only its event-sourcing handlers count into it.
 */
public class ServiceUsage {
    public long calls;
    public long billable;
    public long paidByFree;
    public long paidByPurchased;
    public long postpaid;
    public long refused;

    public void count(boolean isBillable, ChargedTo chargedTo) {
        calls++;
        if (isBillable) {
            billable++;
        }
        switch (chargedTo) {
            case FREE -> paidByFree++;
            case PURCHASED -> paidByPurchased++;
            case POSTPAID -> postpaid++;
            case REFUSED -> refused++;
            case NONE -> { }
        }
    }

    /** The counters by name, in the order of the monthly usage view's columns: for comparing field by field. */
    public Map<String, Long> counters() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("calls", calls);
        m.put("billable", billable);
        m.put("paidByFree", paidByFree);
        m.put("paidByPurchased", paidByPurchased);
        m.put("postpaid", postpaid);
        m.put("refused", refused);
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ServiceUsage u && calls == u.calls && billable == u.billable
                && paidByFree == u.paidByFree && paidByPurchased == u.paidByPurchased && postpaid == u.postpaid
                && refused == u.refused;
    }

    @Override
    public int hashCode() {
        return Objects.hash(calls, billable, paidByFree, paidByPurchased, postpaid, refused);
    }
}
