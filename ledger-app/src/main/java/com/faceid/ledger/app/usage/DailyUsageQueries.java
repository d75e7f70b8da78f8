package com.faceid.ledger.app.usage;

import com.faceid.ledger.event.Service;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;

/** Reads daily_usage_view. */
@Component
public record DailyUsageQueries(JdbcTemplate jdbc) {
    /** @param packageId the package that paid, or null (postpaid, refused, not billable) */
    public record DayRow(Service service, LocalDate day, String chargedTo, String packageId, long calls) {
    }

    private static final String SELECT = "SELECT service, usage_day, charged_to, package_id, calls"
            + " FROM daily_usage_view WHERE account_id = ?";
    /** The account's rows from {@code from} to {@code to} (inclusive, days in its zone), by day. */
    public List<DayRow> between(String accountId, LocalDate from, LocalDate to) {
        return jdbc.query(SELECT + " AND usage_day >= ? AND usage_day <= ? ORDER BY usage_day", DailyUsageQueries::row,
                accountId, from.toString(), to.toString());
    }

    /** What each package paid for, per day (the calls a package paid: not postpaid, refused or free of charge). */
    public List<DayRow> paidByPackages(String accountId) {
        return jdbc.query(SELECT + " AND package_id <> '' ORDER BY usage_day", DailyUsageQueries::row, accountId);
    }

    private static DayRow row(ResultSet rs, int i) throws SQLException {
        return new DayRow(Service.valueOf(rs.getString(1)), LocalDate.parse(rs.getString(2)), rs.getString(3),
                rs.getString(4).isEmpty() ? null : rs.getString(4), rs.getLong(5));
    }
}
