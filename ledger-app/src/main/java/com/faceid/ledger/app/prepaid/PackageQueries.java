package com.faceid.ledger.app.prepaid;

import com.faceid.ledger.event.Service;
import com.faceid.ledger.prepaid.PackageKind;
import com.faceid.ledger.prepaid.PackageStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.List;

/** Reads package_view; a package's status is derived from its row and the instant asked about. */
@Component
public record PackageQueries(JdbcTemplate jdbc) {
    public record PackageRow(String accountId, String packageId, PackageKind kind, String purchaseId, Service service,
                             int size, int used, int remaining, int forfeited, BigDecimal price,
                             Instant effectiveFrom, Instant expiresAt, boolean expired, YearMonth month,
                             String catalogVersion) {
        /**
         * The package as the clock says it stands at {@code now} ({@link PackageStatus}): past its expiry, what was
         * left is forfeited.
         */
        public PackageRow at(Instant now) {
            if (expired || !PackageStatus.isPastExpiry(now, expiresAt, false)) {
                return this;
            }
            return new PackageRow(accountId, packageId, kind, purchaseId, service, size, used, 0,
                    forfeited + remaining, price, effectiveFrom, expiresAt, true, month, catalogVersion);
        }

        /** The order packages are listed in: free grants first, then by expiry (as {@link #ofAccount} reads them). */
        public static final Comparator<PackageRow> LISTED = Comparator
                .comparing((PackageRow p) -> p.kind().name()).thenComparing(PackageRow::expiresAt)
                .thenComparing(PackageRow::effectiveFrom).thenComparing(PackageRow::packageId);

        public PackageStatus statusAt(Instant now) {
            return PackageStatus.at(now, effectiveFrom, expiresAt, remaining, expired);
        }
    }

    private static final String COLUMNS = "account_id, package_id, kind, purchase_id, service, size, used, remaining,"
            + " forfeited, price, effective_from, expires_at, expired, billing_month, catalog_version";
    /** The account's packages in {@link PackageRow#LISTED} order. */
    public List<PackageRow> ofAccount(String accountId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM package_view WHERE account_id = ?"
                + " ORDER BY kind, expires_at, effective_from, package_id", (rs, i) -> new PackageRow(
                rs.getString(1), rs.getString(2), PackageKind.valueOf(rs.getString(3)), rs.getString(4),
                Service.valueOf(rs.getString(5)), rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getInt(9),
                rs.getBigDecimal(10), rs.getTimestamp(11).toInstant(), rs.getTimestamp(12).toInstant(),
                rs.getBoolean(13), rs.getString(14) == null ? null : YearMonth.parse(rs.getString(14)),
                rs.getString(15)), accountId);
    }

    /** The accounts holding a package of this id or bought under this purchase id (at most 100, by id). */
    public List<String> accountsHolding(String packageOrPurchaseId) {
        return jdbc.queryForList("SELECT DISTINCT account_id FROM package_view WHERE package_id = ? OR purchase_id = ?"
                + " ORDER BY account_id FETCH FIRST 100 ROWS ONLY", String.class, packageOrPurchaseId,
                packageOrPurchaseId);
    }

    public List<PackageRow> purchasedIn(String accountId, YearMonth month) {
        return ofAccount(accountId).stream()
                .filter(p -> p.kind() == PackageKind.PURCHASED && month.equals(p.month())).toList();
    }
}
