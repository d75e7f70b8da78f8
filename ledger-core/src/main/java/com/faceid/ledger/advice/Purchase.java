package com.faceid.ledger.advice;

/** {@code count} packages of {@code size} calls, bought at the start of horizon month {@code month}. */
public record Purchase(int size, int count, int month) {
    public Purchase {
        if (size <= 0 || count <= 0 || month < 0) {
            throw new IllegalArgumentException("a purchase has a size, a count and a month: " + size + "x" + count
                    + " at " + month);
        }
    }
}
