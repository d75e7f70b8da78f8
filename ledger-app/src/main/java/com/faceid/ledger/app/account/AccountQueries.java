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
public record AccountQueries(JdbcTemplate jdbc) {
    public record AccountRow(String accountId, Instant openedAt, ZoneId zone, boolean postpaidEnabled,
                             YearMonth closedThrough) {
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

    /** Account ids starting with {@code prefix} (taken literally: {@code %} and {@code _} match themselves), by id. */
    public List<String> idsStartingWith(String prefix, long offset, int limit) {
        return jdbc.queryForList("SELECT account_id FROM account_view WHERE account_id LIKE ? ESCAPE '!'"
                + " ORDER BY account_id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", String.class, like(prefix), offset, limit);
    }

    public long countStartingWith(String prefix) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM account_view WHERE account_id LIKE ? ESCAPE '!'",
                Long.class, like(prefix));
        return n == null ? 0 : n;
    }

    private static String like(String prefix) {
        return prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }
}
