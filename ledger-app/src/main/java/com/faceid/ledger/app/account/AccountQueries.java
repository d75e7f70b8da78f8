package com.faceid.ledger.app.account;

import com.faceid.ledger.error.ErrorCode;
import com.faceid.ledger.error.LedgerException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
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

    /**
     * Account ids starting with {@code prefix} and holding {@code part} anywhere, in any case (both taken
     * literally: {@code %} and {@code _} match themselves; empty: no condition), by id. The part is a scan of
     * the accounts' view: fine for the tens of thousands of accounts a ledger holds.
     */
    public List<String> idsMatching(String prefix, String part, long offset, int limit) {
        return jdbc.queryForList("SELECT account_id FROM account_view WHERE " + MATCHING
                + " ORDER BY account_id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", String.class,
                like(prefix), contains(part), offset, limit);
    }

    public long countMatching(String prefix, String part) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM account_view WHERE " + MATCHING, Long.class,
                like(prefix), contains(part));
        return n == null ? 0 : n;
    }

    private static final String MATCHING = "account_id LIKE ? ESCAPE '!' AND LOWER(account_id) LIKE ? ESCAPE '!'";

    private static String contains(String part) {
        return "%" + escaped(part.toLowerCase(Locale.ROOT)) + "%";
    }

    private static String like(String prefix) {
        return escaped(prefix) + "%";
    }

    private static String escaped(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
