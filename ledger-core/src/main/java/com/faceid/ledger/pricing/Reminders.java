package com.faceid.ledger.pricing;

import java.util.List;
import java.util.ArrayList;
import java.util.Comparator;

/**
 * When to remind a customer: usage thresholds in percent of a package's size (depletion, 100 %, is always
 * raised) and days before a package's expiry.
 */
public record Reminders(List<Integer> usagePercents, List<Integer> expiryDays) {
    public static final Reminders STANDARD = new Reminders(List.of(50, 70, 90), List.of(30, 7, 1));

    public Reminders {
        usagePercents = usagePercents.stream().filter(p -> p > 0 && p < 100).sorted().distinct().toList();
        expiryDays = expiryDays.stream().filter(d -> d > 0).sorted(Comparator.reverseOrder())
                .distinct().toList();
    }

    /** The thresholds (ascending, 100 last) crossed when a package's use goes from {@code before} to {@code after}. */
    public List<Integer> crossed(int size, int before, int after) {
        ArrayList<Integer> out = new ArrayList<>();
        for (int p : usagePercents) {
            // crossed when used*100 reaches p*size: exact integer arithmetic, no rounding
            if ((long) before * 100 < (long) p * size && (long) after * 100 >= (long) p * size) {
                out.add(p);
            }
        }
        if (after == size && before < size) {
            out.add(100);
        }
        return out;
    }
}
