package com.faceid.ledger.app.account;

import com.faceid.ledger.account.ErrorCode;
import com.faceid.ledger.account.LedgerException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** Reads account_view. */
@Component
public class AccountQueries {
    public record AccountRow(String accountId, Instant openedAt, ZoneId zone, boolean postpaidEnabled,
                             YearMonth closedThrough) {
    }

    private final JdbcTemplate jdbc;

    public AccountQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<AccountRow> find(String accountId) {
        List<AccountRow> rows = jdbc.query(
                "SELECT account_id, opened_at, zone, postpaid_enabled, closed_through FROM account_view WHERE account_id = ?",
                (rs, i) -> new AccountRow(rs.getString(1), rs.getTimestamp(2).toInstant(), ZoneId.of(rs.getString(3)),
                        rs.getBoolean(4), rs.getString(5) == null ? null : YearMonth.parse(rs.getString(5))),
                accountId);
        return rows.stream().findFirst();
    }

    public AccountRow require(String accountId) {
        return find(accountId).orElseThrow(() -> new LedgerException(ErrorCode.ACCOUNT_NOT_FOUND,
                "no account " + accountId));
    }
}
