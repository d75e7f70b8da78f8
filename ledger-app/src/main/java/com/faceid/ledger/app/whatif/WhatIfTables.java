package com.faceid.ledger.app.whatif;

/** The what-if and advice answers as plain-text tables, for the command line. */
final class WhatIfTables {
    private WhatIfTables() {
    }

    static String of(WhatIfView v) {
        StringBuilder b = new StringBuilder("what-if for " + v.accountId() + ", " + v.from() + " to " + v.to() + "\n");
        b.append(String.format("%-8s %-15s %15s %15s %15s%n", "month", "status", "actual", "what-if", "difference"));
        for (WhatIfView.MonthComparison m : v.months()) {
            b.append(String.format("%-8s %-15s %15s %15s %15s%n", m.month(), m.whatIf().status(),
                    m.actual().totalSpend(), m.whatIf().totalSpend(), m.difference()));
            for (WhatIfView.LineDifference l : m.lines()) {
                b.append(String.format("  %-29s tier %d -> %d %15s %15s %15s%n", l.line(), l.actualTier(),
                        l.whatIfTier(), l.actualAmount(), l.whatIfAmount(), l.difference()));
            }
        }
        b.append(String.format("%-24s %15s %15s %15s%n", "total", v.totalActual(), v.totalWhatIf(), v.difference()));
        v.notes().forEach(n -> b.append("note: ").append(n).append('\n'));
        return b.toString();
    }

    static String of(AdviceView v) {
        StringBuilder b = new StringBuilder("advice for " + v.accountId() + ": basis " + v.basis().months()
                + ", " + v.horizonMonths() + " months from " + v.horizonFrom() + "\n");
        b.append(String.format("%-30s %-40s %15s %15s %15s%n", "service", "plan", "cost", "as today", "savings"));
        for (AdviceView.ServiceAdvice s : v.services()) {
            String plan = s.plan().isEmpty() ? "buy nothing" : String.join(", ", s.plan().stream()
                    .map(p -> p.count() + " x " + p.size() + " in " + p.buyAt()).toList());
            b.append(String.format("%-30s %-40s %15s %15s %15s%n", s.service(), plan, s.cost(), s.costAsToday(),
                    s.savings()));
        }
        b.append(String.format("%-71s %15s %15s %15s%n", "total", v.totalCost(), v.totalCostAsToday(),
                v.totalSavings()));
        v.assumptions().forEach(a -> b.append("assumed: ").append(a).append('\n'));
        return b.toString();
    }
}
