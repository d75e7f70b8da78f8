package com.faceid.ledger.app.console;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A package's burn-down: what it had left at the end of each day since it became usable, and where the
 * recent pace takes it. The projection is arithmetic on the recorded days (the average of the last
 * {@value #PACE_DAYS} days, or of the days since it became usable if fewer): a forecast shown to people, never
 * used to decide a charge.
 *
 * @param depletesOn the day the pace empties it, or null when nothing was used lately (no forecast)
 * @param beforeExpiry whether that day comes before the package expires (its units would not be forfeited)
 */
public record BurnDown(String packageId, int size, int remaining, LocalDate from, LocalDate today,
                       LocalDate expiresOn, List<Point> points, double perDay, LocalDate depletesOn,
                       boolean beforeExpiry, LineChart chart) {
    static final int PACE_DAYS = 30;

    public record Point(LocalDate day, long remaining) {
    }

    /**
     * @param usedPerDay what the package paid for each day (days in the billing zone)
     * @param remaining  what it has left now (the read model's figure, holds not subtracted)
     */
    public static BurnDown of(String packageId, int size, int remaining, LocalDate from, LocalDate today,
                              LocalDate expiresOn, Map<LocalDate, Long> usedPerDay) {
        TreeMap<LocalDate, Long> used = new TreeMap<>(usedPerDay);
        List<Point> points = new ArrayList<>();
        LocalDate start = from.isAfter(today) ? today : from;
        long left = size;
        points.add(new Point(start.minusDays(1), size));
        for (LocalDate d = start; !d.isAfter(today); d = d.plusDays(1)) {
            left -= used.getOrDefault(d, 0L);
            points.add(new Point(d, left));
        }
        LocalDate paceFrom = today.minusDays(PACE_DAYS - 1).isBefore(start) ? start : today.minusDays(PACE_DAYS - 1);
        long paceDays = today.toEpochDay() - paceFrom.toEpochDay() + 1;
        long usedLately = used.subMap(paceFrom, true, today, true).values().stream().mapToLong(Long::longValue).sum();
        double perDay = paceDays <= 0 ? 0 : (double) usedLately / paceDays;
        LocalDate depletesOn = perDay <= 0 || remaining <= 0 ? (remaining <= 0 ? today : null)
                : today.plusDays((long) Math.ceil(remaining / perDay));
        boolean beforeExpiry = depletesOn != null && !depletesOn.isAfter(expiresOn);
        return new BurnDown(packageId, size, remaining, start, today, expiresOn, points, perDay, depletesOn,
                beforeExpiry, LineChart.of(size, points, today, remaining, perDay, depletesOn,
                expiresOn));
    }
}
