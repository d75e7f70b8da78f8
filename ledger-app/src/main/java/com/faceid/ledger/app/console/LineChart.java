package com.faceid.ledger.app.console;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * A burn-down as SVG geometry: the recorded line, the projected (dashed) line to the depletion day, and a
 * marker at the expiry day. The x axis runs from the first point to the later of expiry and depletion.
 */
public record LineChart(int width, int height, String actual, String projected, double expiryX, double todayX,
                        String fromLabel, String toLabel, String sizeLabel) {
    static final int WIDTH = 640;
    static final int HEIGHT = 160;
    static final int LEFT = 48;
    static final int RIGHT = 8;
    static final int TOP = 8;
    static final int BOTTOM = 24;

    static LineChart of(int size, List<BurnDown.Point> points, LocalDate today, int remaining, LocalDate depletesOn,
                        LocalDate expiresOn) {
        LocalDate first = points.get(0).day();
        LocalDate last = expiresOn;
        if (depletesOn != null && depletesOn.isAfter(last)) {
            last = depletesOn;
        }
        if (!last.isAfter(today)) {
            last = today.plusDays(1);
        }
        double span = Math.max(1, last.toEpochDay() - first.toEpochDay());
        double plotW = WIDTH - LEFT - RIGHT;
        double plotH = HEIGHT - TOP - BOTTOM;
        double top = Math.max(1, size);
        StringBuilder actual = new StringBuilder();
        for (BurnDown.Point p : points) {
            actual.append(fmt(LEFT + plotW * (p.day().toEpochDay() - first.toEpochDay()) / span)).append(',')
                    .append(fmt(TOP + plotH * (1 - Math.max(0, p.remaining()) / top))).append(' ');
        }
        double todayX = LEFT + plotW * (today.toEpochDay() - first.toEpochDay()) / span;
        String projected = depletesOn == null ? "" : fmt(todayX) + "," + fmt(TOP + plotH * (1 - remaining / top)) + " "
                + fmt(LEFT + plotW * (depletesOn.toEpochDay() - first.toEpochDay()) / span) + "," + fmt(TOP + plotH);
        double expiryX = LEFT + plotW * (expiresOn.toEpochDay() - first.toEpochDay()) / span;
        return new LineChart(WIDTH, HEIGHT, actual.toString().trim(), projected, expiryX, todayX, first.toString(),
                last.toString(), String.valueOf(size));
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
