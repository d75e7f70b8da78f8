package com.faceid.ledger.app.usage;

import com.faceid.ledger.pricing.Service;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.List;

/** Reads daily_usage_view. */
@Component
public class DailyUsageQueries {
    /** @param packageId the package that paid, or null (postpaid, refused, not billable) */
    public record DayRow(Service service, LocalDate day, String chargedTo, String packageId, long calls) {
    }

    private final JdbcTemplate jdbc;

    public DailyUsageQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The account's rows from {@code from} to {@code to} (inclusive, days in its zone), by day. */
    public List<DayRow> between(String accountId, LocalDate from, LocalDate to) {
        return jdbc.query("SELECT service, usage_day, charged_to, package_id, calls FROM daily_usage_view"
                        + " WHERE account_id = ? AND usage_day >= ? AND usage_day <= ? ORDER BY usage_day",
                (rs, i) -> new DayRow(Service.valueOf(rs.getString(1)), LocalDate.parse(rs.getString(2)),
                        rs.getString(3), rs.getString(4).isEmpty() ? null : rs.getString(4), rs.getLong(5)),
                accountId, from.toString(), to.toString());
    }

    /** What one package paid for, per day, oldest first. */
    public List<DayRow> ofPackage(String accountId, String packageId) {
        return jdbc.query("SELECT service, usage_day, charged_to, package_id, calls FROM daily_usage_view"
                        + " WHERE account_id = ? AND package_id = ? ORDER BY usage_day",
                (rs, i) -> new DayRow(Service.valueOf(rs.getString(1)), LocalDate.parse(rs.getString(2)),
                        rs.getString(3), rs.getString(4), rs.getLong(5)), accountId, packageId);
    }
}
