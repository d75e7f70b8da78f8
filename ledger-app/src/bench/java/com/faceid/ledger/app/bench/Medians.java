package com.faceid.ledger.app.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The median of several benchmark runs (scripts/benchmark.sh with BENCH_RUNS=N): reads each run's figures
 * (-Dbench.tsv) and prints one table: figure, median, the runs' range, target, met by the median.
 */
public final class Medians {
    private record Series(String label, String unit, String rule, List<Double> values) {
    }

    public static void main(String[] files) throws Exception {
        System.out.println(table(files));
    }

    static String table(String... files) throws Exception {
        Map<String, Series> byKey = new LinkedHashMap<>();
        String header = "";
        for (String file : files) {
            for (String line : Files.readAllLines(Path.of(file))) {
                if (line.startsWith("#")) {
                    header = line.substring(1).trim().replace('\t', ',');
                    continue;
                }
                String[] f = line.split("\t", -1);
                byKey.computeIfAbsent(f[0], k -> new Series(f[1], f[3], f[4], new ArrayList<>()))
                        .values().add(Double.parseDouble(f[2]));
            }
        }
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "%nfaceid-ledger benchmark, median of %d runs (%s)%n", files.length, header));
        b.append(String.format(Locale.ROOT, "| %-66s | %-14s | %-22s | %-9s | %-4s |%n", "figure", "median", "range (runs)",
                "target", "met"));
        b.append("|").append("-".repeat(68)).append("|").append("-".repeat(16)).append("|").append("-".repeat(24))
                .append("|").append("-".repeat(11)).append("|").append("-".repeat(6)).append("|\n");
        byKey.forEach((key, s) -> {
            List<Double> v = new ArrayList<>(s.values());
            v.sort(Double::compare);
            double median = v.size() % 2 == 1 ? v.get(v.size() / 2) : (v.get(v.size() / 2 - 1) + v.get(v.size() / 2)) / 2;
            b.append(String.format(Locale.ROOT, "| %-66s | %-14s | %-22s | %-9s | %-4s |%n", s.label(),
                    number(median) + " " + s.unit(), number(v.get(0)) + " – " + number(v.get(v.size() - 1)) + " ("
                            + v.size() + ")", s.rule().isEmpty() ? "-" : s.rule(), met(median, s.rule())));
        });
        return b.toString();
    }

    private static String number(double d) {
        return Math.abs(d) >= 100 ? String.format(Locale.ROOT, "%,.0f", d) : String.format(Locale.ROOT, "%.2f", d);
    }

    private static String met(double value, String rule) {
        if (rule.isEmpty()) {
            return "-";
        }
        double limit = Double.parseDouble(rule.substring(2));
        return (rule.startsWith(">=") ? value >= limit : value <= limit) ? "yes" : "NO";
    }
}
