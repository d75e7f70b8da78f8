package com.faceid.ledger.support;

import java.time.Instant;
import java.time.OffsetDateTime;

public final class Times {
    private Times() {
    }

    /** An instant written as local time in Asia/Shanghai, e.g. {@code t("2026-03-10T15:00")}. */
    public static Instant t(String shanghaiLocal) {
        return OffsetDateTime.parse(shanghaiLocal.length() == 16 ? shanghaiLocal + ":00+08:00"
                : shanghaiLocal + "+08:00").toInstant();
    }
}
