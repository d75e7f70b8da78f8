package com.faceid.ledger.app.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.util.function.Supplier;

/**
 * The one way a CSV answer is made (statements, dispute reports): whether it was asked for ({@link #asked}), the
 * file ({@link #orJson}), and each value: every text field goes through {@link #text}, every figure through
 * {@link #number}. Text is always quoted (a comma, quote or line break
 * in it cannot end the field or start a row) and a leading {@code = + - @}, tab or carriage return is
 * neutralised with a quote mark (a spreadsheet would run it as a formula: CSV injection).
 */
public final class Csv {
    /** The media type a client asks for (Accept) and a controller produces. */
    public static final String MEDIA_TYPE = "text/csv";
    private static final MediaType CSV = MediaType.parseMediaType(MEDIA_TYPE + ";charset=UTF-8");

    private Csv() {
    }

    /** Whether an {@code Accept} header asks for CSV rather than JSON. */
    public static boolean asked(String accept) {
        return accept != null && accept.contains(MEDIA_TYPE) && !accept.contains(MediaType.APPLICATION_JSON_VALUE);
    }

    /**
     * A report's answer: the CSV file {@code fileName} to download when the client asked for CSV, else the report
     * as JSON.
     */
    public static ResponseEntity<?> orJson(boolean csv, String fileName, Object report, Supplier<String> toCsv) {
        if (csv) {
            return ResponseEntity.ok().contentType(CSV)
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=" + fileName)
                    .body(toCsv.get());
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(report);
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
