package com.faceid.ledger.app.console;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A bar chart as SVG geometry, computed here and drawn by the template (so every label is escaped by it):
 * one bar per day, the y axis scaled to the largest day. Drawn on the server, a chart needs no JavaScript.
 */
public record BarChart(String title, int width, int height, List<Bar> bars, List<Tick> yTicks, List<Tick> xTicks,
                       long total) {
    static final int WIDTH = 640;
    static final int HEIGHT = 180;
    static final int LEFT = 48;
    static final int BOTTOM = 24;
    static final int TOP = 8;

    /** @param label what a hover shows (SVG {@code <title>}): the day and its count */
    public record Bar(double x, double y, double width, double height, String label) {
    }

    public record Tick(double at, String label) {
    }

    /** Calls per day from {@code from} to {@code to} inclusive; a day missing from {@code perDay} had none. */
    public static BarChart daily(String title, LocalDate from, LocalDate to, Map<LocalDate, Long> perDay) {
        int days = (int) (to.toEpochDay() - from.toEpochDay()) + 1;
        long max = Math.max(1, perDay.values().stream().mapToLong(Long::longValue).max().orElse(0));
        long top = niceCeiling(max);
        double plotW = WIDTH - LEFT - 8;
        double plotH = HEIGHT - TOP - BOTTOM;
        double slot = plotW / days;
        List<Bar> bars = new ArrayList<>();
        List<Tick> xTicks = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < days; i++) {
            LocalDate day = from.plusDays(i);
            long n = perDay.getOrDefault(day, 0L);
            total += n;
            double h = plotH * n / top;
            if (n > 0) {
                bars.add(new Bar(LEFT + i * slot + slot * 0.1, TOP + plotH - h, Math.max(1, slot * 0.8), h,
                        day + ": " + n + (n == 1 ? " call" : " calls")));
            }
            if (day.getDayOfMonth() == 1 || i == 0) {
                xTicks.add(new Tick(LEFT + i * slot, day.toString().substring(5)));
            }
        }
        // whole numbers only: a middle tick when the top halves exactly (1 and 5 have none: never "0, 0, 1")
        List<Tick> yTicks = top % 2 == 0
                ? List.of(new Tick(TOP + plotH, "0"), new Tick(TOP + plotH / 2, String.valueOf(top / 2)),
                new Tick(TOP, String.valueOf(top)))
                : List.of(new Tick(TOP + plotH, "0"), new Tick(TOP, String.valueOf(top)));
        return new BarChart(title, WIDTH, HEIGHT, bars, yTicks, xTicks, total);
    }

    /** The smallest 1, 2 or 5 × 10^k at or above n: axis labels people can read. */
    static long niceCeiling(long n) {
        long p = 1;
        while (true) {
            for (long m : new long[]{1, 2, 5}) {
                if (m * p >= n) {
                    return m * p;
                }
            }
            p *= 10;
        }
    }
}
