package com.faceid.ledger.app.console;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * A burn-down as SVG geometry: the recorded line, the projected (dashed) line, and markers at the expiry day
 * and today. The x axis runs from the first point to the expiry day (or just past today, when that is later):
 * the projection stops at the expiry, where what is left would be forfeited, and never draws the years a slow
 * pace would take beyond it.
 */
public record LineChart(int width, int height, String actual, String projected, double expiryX, double todayX,
                        String fromLabel, String toLabel, String sizeLabel) {
    static final int WIDTH = 640;
    static final int HEIGHT = 160;
    static final int LEFT = 48;
    static final int RIGHT = 8;
    static final int TOP = 8;
    static final int BOTTOM = 24;

    /**
     * @param perDay     the recent pace (units a day); the projection follows it from today
     * @param depletesOn the day the pace empties the package, or null (no projection)
     */
    static LineChart of(int size, List<BurnDown.Point> points, LocalDate today, int remaining, double perDay,
                        LocalDate depletesOn, LocalDate expiresOn) {
        LocalDate first = points.get(0).day();
        LocalDate last = expiresOn.isAfter(today) ? expiresOn : today.plusDays(1);
        double span = Math.max(1, last.toEpochDay() - first.toEpochDay());
        double plotW = WIDTH - LEFT - RIGHT;
        double plotH = HEIGHT - TOP - BOTTOM;
        double top = Math.max(1, size);
        StringBuilder actual = new StringBuilder();
        for (BurnDown.Point p : points) {
            actual.append(fmt(x(p.day(), first, span, plotW))).append(',')
                    .append(fmt(TOP + plotH * (1 - Math.max(0, p.remaining()) / top))).append(' ');
        }
        double todayX = x(today, first, span, plotW);
        String projected = "";
        if (depletesOn != null && depletesOn.isAfter(today) && expiresOn.isAfter(today)) {
            // to the depletion day, or to the expiry with what the pace would leave then
            LocalDate end = depletesOn.isAfter(expiresOn) ? expiresOn : depletesOn;
            double leftAtEnd = Math.max(0, remaining - perDay * (end.toEpochDay() - today.toEpochDay()));
            projected = fmt(todayX) + "," + fmt(TOP + plotH * (1 - remaining / top)) + " "
                    + fmt(x(end, first, span, plotW)) + "," + fmt(TOP + plotH * (1 - leftAtEnd / top));
        }
        return new LineChart(WIDTH, HEIGHT, actual.toString().trim(), projected, x(expiresOn, first, span, plotW),
                todayX, first.toString(), last.toString(), String.valueOf(size));
    }

    private static double x(LocalDate day, LocalDate first, double span, double plotW) {
        return LEFT + plotW * Math.min(span, day.toEpochDay() - first.toEpochDay()) / span;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
