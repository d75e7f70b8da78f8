package com.faceid.ledger.app.web;

/**
 * The one way a value enters a CSV answer (statements, dispute reports): every text field goes through
 * {@link #text}, every figure through {@link #number}. Text is always quoted (a comma, quote or line break
 * in it cannot end the field or start a row) and a leading {@code = + - @}, tab or carriage return is
 * neutralised with a quote mark (a spreadsheet would run it as a formula: CSV injection).
 */
public final class Csv {
    private Csv() {
    }

    public static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Boolean || value instanceof Number) {
            return value.toString(); // nothing a spreadsheet could run
        }
        String s = value.toString();
        String safe = !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }

    /** A figure (count, money as text such as "-12.50", tier number): written as it is, or empty for null. */
    public static String number(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        if (!s.matches("-?\\d+(\\.\\d+)?")) {
            throw new IllegalArgumentException("not a number: " + s);
        }
        return s;
    }

    /** One row: the fields joined by commas, each already rendered by {@link #text} or {@link #number}. */
    public static String row(String... fields) {
        return String.join(",", fields) + "\n";
    }
}
