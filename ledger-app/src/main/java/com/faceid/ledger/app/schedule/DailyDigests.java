package com.faceid.ledger.app.schedule;

import com.faceid.ledger.account.BillingCalendar;
import com.faceid.ledger.app.LedgerProperties;
import com.faceid.ledger.app.integrity.HashChain;
import com.faceid.ledger.app.time.LedgerClock;
import com.faceid.ledger.app.webhook.WebhookOutbox;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Publishes the head of every account's hash chain once a billing day (docs/audit.md, "Keeping digests outside"):
 * a line on the log {@code ledger.digest} and a {@code ledger.digest} notification to the webhooks that want it.
 * A digest kept where the database's writers cannot reach is what makes the chain worth holding: whoever rewrites
 * the store must also rewrite every kept copy.
 *
 * <p>The day is the one that ended, in the ledger's billing zone ({@code ledger.zone}); it is published at the first
 * poll after its end. A clock that jumps days ahead publishes once, for the day before the one it lands in: the
 * heads are what they are now, a missed day has nothing else to say. One row a day in {@code digest_publication}
 * is the claim, so two nodes never publish the same day; a node that dies while publishing leaves the row RUNNING
 * and another takes it over after {@link #LEASE} (notifications are once per account and day whatever happens; the
 * log line may then be written twice).
 */
@Component
public class DailyDigests {
    /** The log every digest line goes to: route it to a file or a collector of its own to keep the digests. */
    public static final String LOG = "ledger.digest";
    static final Duration LEASE = Duration.ofMinutes(5);
    private static final int PAGE = 1000;
    private static final Logger digestLog = LoggerFactory.getLogger(LOG);
    private static final Logger log = LoggerFactory.getLogger(DailyDigests.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc;
    private final HashChain chain;
    private final WebhookOutbox webhooks;
    private final LedgerClock clock;
    private final BillingCalendar calendar;
    /** Leases are infrastructure: measured on the node's real clock even when the ledger's is simulated. */
    private final Clock wall = Clock.systemUTC();
    private final String node = "node-" + UUID.randomUUID().toString().substring(0, 8);
    /** The last day seen published, so a poll of an already published day costs no query. */
    private volatile LocalDate settled;

    public DailyDigests(JdbcTemplate jdbc, HashChain chain, WebhookOutbox webhooks, LedgerClock clock,
                        LedgerProperties props) {
        this.jdbc = jdbc;
        this.chain = chain;
        this.webhooks = webhooks;
        this.clock = clock;
        this.calendar = new BillingCalendar(props.zone());
    }

    /** Publishes the day that ended before the clock's day, unless it is published (or being published) already. */
    public int publishDue() {
        Instant now = clock.instant();
        LocalDate day = calendar.dayOf(now).minusDays(1);
        if (day.equals(settled) || !claim(day)) {
            return 0;
        }
        int published;
        try {
            published = publish(day, now);
        } catch (RuntimeException e) {
            // let the next poll try again at once, rather than after the lease (a store that went away and is back)
            jdbc.update("DELETE FROM digest_publication WHERE billing_day = ? AND claimed_by = ? AND status = 'RUNNING'",
                    day.toString(), node);
            throw e;
        }
        jdbc.update("UPDATE digest_publication SET status = 'DONE', accounts = ?, published_at = ? WHERE billing_day = ?",
                published, Timestamp.from(now), day.toString());
        settled = day;
        log.info("chain digests of {} published for {} accounts", day, published);
        return published;
    }

    private int publish(LocalDate day, Instant now) {
        int published = 0;
        String after = "";
        while (true) {
            List<String> accounts = jdbc.queryForList("SELECT account_id FROM schedule_account WHERE account_id > ?"
                    + " ORDER BY account_id LIMIT " + PAGE, String.class, after);
            for (String account : accounts) {
                if (publish(account, day, now)) {
                    published++;
                }
            }
            if (accounts.size() < PAGE) {
                return published;
            }
            after = accounts.get(accounts.size() - 1);
            log.info("chain digests of {}: {} accounts so far", day, published);
        }
    }

    private boolean publish(String account, LocalDate day, Instant now) {
        var head = chain.head(account);
        if (head.isEmpty()) {
            return false;
        }
        HashChain.Link link = head.get();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("accountId", account);
        line.put("day", day.toString());
        line.put("sequence", link.sequence());
        line.put("hash", link.hash());
        line.put("at", link.at().toString());
        try {
            digestLog.info("digest {}", JSON.writeValueAsString(line));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a digest line is plain JSON", e);
        }
        webhooks.digest(account, day, link.sequence(), link.hash(), link.at(), now);
        return true;
    }

    /** Takes the day: a new row, or a RUNNING one whose lease is past (its node died while publishing). */
    private boolean claim(LocalDate day) {
        Timestamp wallNow = Timestamp.from(wall.instant());
        int taken;
        try {
            taken = jdbc.update("INSERT INTO digest_publication (billing_day, status, claimed_by, claimed_at, accounts)"
                        + " SELECT ?, 'RUNNING', ?, ?, 0 FROM (VALUES (1)) AS one (x) WHERE NOT EXISTS"
                        + " (SELECT 1 FROM digest_publication WHERE billing_day = ?)", day.toString(), node, wallNow,
                day.toString());
        } catch (DuplicateKeyException e) {
            taken = 0; // another node inserted the day's row between the look and the insert
        }
        if (taken == 1) {
            return true;
        }
        if ("DONE".equals(jdbc.queryForObject("SELECT status FROM digest_publication WHERE billing_day = ?", String.class,
                day.toString()))) {
            settled = day;
            return false;
        }
        return jdbc.update("UPDATE digest_publication SET claimed_by = ?, claimed_at = ? WHERE billing_day = ?"
                        + " AND status = 'RUNNING' AND claimed_at < ?", node, wallNow, day.toString(),
                Timestamp.from(wall.instant().minus(LEASE))) == 1;
    }
}
