package com.faceid.ledger.app.webhook;

import com.faceid.ledger.app.LedgerProperties;
import com.faceid.ledger.app.time.LedgerClock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.Collections;

/**
 * Sends due deliveries (docs/webhooks.md): at least once, the same {@code Ledger-Event-Id} on every attempt, signed,
 * {@code ledger.webhooks.timeout} per attempt, redirects never followed, at most {@code ledger.webhooks.senders}
 * attempts at once and {@code ledger.webhooks.per-endpoint} per subscription, so one slow endpoint holds up
 * no other. A delivery is claimed with a conditional update before it is sent (several nodes never send one
 * attempt at once); a node that dies mid-attempt leaves a claim that lapses after {@code ledger.webhooks.lease}
 * (real time), and the delivery is sent again with the same id: the receiver dedupes.
 */
@Component
public class WebhookSender implements SmartLifecycle {
    /** A delivery claimed for one attempt, with what the attempt needs. */
    record Claimed(String deliveryId, String webhookId, String notificationId, String type, int attempts, String url,
                   String secret, String body) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);
    private static final String CLAIMED = "SELECT d.delivery_id, d.webhook_id, d.notification_id, n.event_type,"
            + " d.attempts, s.url, s.secret, n.body FROM webhook_delivery d"
            + " JOIN webhook_subscription s ON s.webhook_id = d.webhook_id"
            + " JOIN webhook_notification n ON n.notification_id = d.notification_id";
    private static final RowMapper<Claimed> ROW = (rs, i) -> new Claimed(rs.getString(1), rs.getString(2),
            rs.getString(3), rs.getString(4), rs.getInt(5), rs.getString(6), rs.getString(7), rs.getString(8));
    private static final int SNIPPET = 200;
    private final JdbcTemplate jdbc;
    private final LedgerClock clock;
    private final LedgerProperties.Webhooks settings;
    private final UrlGuard guard;
    /** Claims, leases and the signature's timestamp are on real time, even when the ledger clock is simulated. */
    private final Clock wall = Clock.systemUTC();
    private final String node = "node-" + UUID.randomUUID().toString().substring(0, 8);
    private final HttpClient client;
    private final Semaphore slots;
    private final Map<String, Semaphore> perEndpoint = new ConcurrentHashMap<>();
    private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();
    private final MeterRegistry registry;
    private ExecutorService pool;
    private ScheduledExecutorService poller;
    private volatile boolean running;

    public WebhookSender(JdbcTemplate jdbc, LedgerClock clock, LedgerProperties props, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.settings = props.webhooks();
        if (settings.lease().compareTo(settings.timeout().multipliedBy(2)) < 0) {
            throw new IllegalStateException("ledger.webhooks.lease (" + settings.lease() + ") must be at least twice"
                    + " ledger.webhooks.timeout (" + settings.timeout() + "): a claim must outlive its attempt");
        }
        this.guard = new UrlGuard(settings.allowPrivate());
        this.client = HttpClient.newBuilder().connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
        this.slots = new Semaphore(settings.senders());
        this.registry = registry;
        Gauge.builder("ledger_webhook_backlog", jdbc, j -> count(j,
                        "SELECT COUNT(*) FROM webhook_delivery WHERE status IN ('PENDING', 'SENDING')"))
                .description("Webhook deliveries not yet succeeded or failed").register(registry);
        for (String outcome : List.of("succeeded", "retrying", "failed")) {
            outcome(outcome);
        }
    }

    /** Claims every due delivery a free slot can take and starts its attempt. Answers how many started. */
    public int sendDue() {
        releaseLapsedClaims();
        // a subscription with no attempt slot free on this node is left out of the query, so its backlog cannot
        // fill the page and hold up the others
        List<String> saturated = perEndpoint.entrySet().stream().filter(e -> e.getValue().availablePermits() == 0)
                .map(Map.Entry::getKey).toList();
        List<Object> args = new ArrayList<>(List.of(Timestamp.from(clock.instant())));
        args.addAll(saturated);
        List<Claimed> due = jdbc.query(CLAIMED + " WHERE d.status = 'PENDING' AND d.next_attempt_at <= ?"
                + (saturated.isEmpty() ? "" : " AND d.webhook_id NOT IN ("
                + String.join(", ", Collections.nCopies(saturated.size(), "?")) + ")")
                + " ORDER BY d.next_attempt_at, d.delivery_id LIMIT 100", ROW, args.toArray());
        int started = 0;
        for (Claimed c : due) {
            Semaphore endpoint = perEndpoint.computeIfAbsent(c.webhookId(), k -> new Semaphore(settings.perEndpoint()));
            if (!endpoint.tryAcquire()) {
                continue;
            }
            if (!slots.tryAcquire()) {
                endpoint.release();
                break;
            }
            if (!claim(c.deliveryId(), "status = 'PENDING'")) {
                endpoint.release();
                slots.release();
                continue; // another node took it
            }
            started++;
            pool.execute(() -> {
                try {
                    attempt(c);
                } finally {
                    endpoint.release();
                    slots.release();
                }
            });
        }
        return started;
    }

    /**
     * Sends one delivery again now, whatever its state but in flight or cancelled (the manual retry), and answers
     * false when it could not be claimed.
     */
    public boolean retryNow(String deliveryId) {
        if (!claim(deliveryId, "status IN ('PENDING', 'FAILED', 'SUCCEEDED')")) {
            return false;
        }
        attempt(jdbc.queryForObject(CLAIMED + " WHERE d.delivery_id = ?", ROW, deliveryId));
        return true;
    }

    /** Why the sender would not send to {@code url} (docs/webhooks.md "Safety"), or empty when it would. */
    public Optional<String> refusal(String url) {
        return guard.refusal(url);
    }

    private boolean claim(String deliveryId, String when) {
        return jdbc.update("UPDATE webhook_delivery SET status = 'SENDING', claimed_by = ?, claimed_at = ?"
                + " WHERE delivery_id = ? AND " + when, node, Timestamp.from(wall.instant()), deliveryId) == 1;
    }

    private void attempt(Claimed c) {
        int attempt = c.attempts() + 1;
        Instant at = clock.instant();
        long started = System.nanoTime();
        Integer status = null;
        String error;
        Optional<String> refusal = guard.refusal(c.url());
        if (refusal.isPresent()) {
            error = "not sent: " + refusal.get();
        } else {
            HttpRequest request = HttpRequest.newBuilder(URI.create(c.url())).timeout(settings.timeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "faceid-ledger-webhooks/1")
                    .header("Ledger-Event-Id", c.notificationId())
                    .header("Ledger-Event-Type", c.type())
                    .header("Ledger-Signature", Signature.header(c.secret(), wall.instant().getEpochSecond(), c.body()))
                    .POST(HttpRequest.BodyPublishers.ofString(c.body(), StandardCharsets.UTF_8)).build();
            CompletableFuture<HttpResponse<byte[]>> answer = client.sendAsync(request,
                    limited(settings.maxResponseBytes()));
            try {
                HttpResponse<byte[]> r = answer.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
                status = r.statusCode();
                String body = snippet(r.body());
                error = status / 100 == 2 ? null : status / 100 == 3
                        ? "answered " + status + ", a redirect (not followed) to "
                        + snippet(r.headers().firstValue("Location").orElse("").getBytes(StandardCharsets.UTF_8))
                        : "answered " + status + (body.isEmpty() ? "" : ": " + body);
            } catch (TimeoutException e) {
                answer.cancel(true);
                error = "no answer within " + settings.timeout().toSeconds() + " s";
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                // the client's own timeout (connect or answer) may fire a moment before ours: the same outcome
                error = cause instanceof HttpTimeoutException
                        ? "no answer within " + settings.timeout().toSeconds() + " s"
                        : "not delivered: " + cause.getClass().getSimpleName()
                        + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                answer.cancel(true);
                error = "interrupted (the ledger is stopping); will be sent again";
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        record(c, attempt, at, status, error, millis);
    }

    private void record(Claimed c, int attempt, Instant at, Integer status, String error, long millis) {
        jdbc.update("INSERT INTO webhook_attempt (delivery_id, attempt, attempted_at, status_code, error, duration_ms)"
                + " VALUES (?, ?, ?, ?, ?, ?)", c.deliveryId(), attempt, Timestamp.from(at), status, truncate(error), millis);
        String outcome;
        if (error == null) {
            outcome = "succeeded";
            jdbc.update("UPDATE webhook_delivery SET status = 'SUCCEEDED', attempts = ?, last_status = ?,"
                    + " last_error = NULL, next_attempt_at = NULL, claimed_by = NULL WHERE delivery_id = ?",
                    attempt, status, c.deliveryId());
        } else {
            Optional<Instant> next = RetrySchedule.next(attempt, clock.instant(), ThreadLocalRandom.current().nextDouble());
            outcome = next.isPresent() ? "retrying" : "failed";
            jdbc.update("UPDATE webhook_delivery SET status = ?, attempts = ?, last_status = ?, last_error = ?,"
                            + " next_attempt_at = ?, claimed_by = NULL WHERE delivery_id = ?",
                    next.isPresent() ? "PENDING" : "FAILED", attempt, status, truncate(error),
                    next.map(Timestamp::from).orElse(null), c.deliveryId());
            if (next.isEmpty()) {
                LOG.warn("webhook delivery {} of {} to subscription {} failed for good after {} attempts: {}",
                        c.deliveryId(), c.notificationId(), c.webhookId(), attempt, error);
            }
        }
        outcome(outcome).increment();
    }

    private Counter outcome(String outcome) {
        return outcomes.computeIfAbsent(outcome, o -> Counter.builder("ledger_webhook_deliveries")
                .tag("outcome", o).description("Webhook delivery attempts by outcome (retrying: failed, tried again"
                        + " later; failed: the last of the schedule)").register(registry));
    }

    /** A claim older than the lease belongs to a node that died mid-attempt: the delivery is due again. */
    private void releaseLapsedClaims() {
        jdbc.update("UPDATE webhook_delivery SET status = 'PENDING', claimed_by = NULL WHERE status = 'SENDING'"
                + " AND claimed_at < ?", Timestamp.from(wall.instant().minus(settings.lease())));
    }

    /** Keeps the first {@code max} bytes of an answer's body and drops the rest as it arrives. */
    static HttpResponse.BodyHandler<byte[]> limited(int max) {
        return info -> {
            ByteArrayOutputStream kept = new ByteArrayOutputStream();
            return HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofByteArrayConsumer(chunk ->
                    chunk.ifPresent(b -> {
                        int room = max - kept.size();
                        if (room > 0) {
                            kept.write(b, 0, Math.min(room, b.length));
                        }
                    })), ignored -> kept.toByteArray());
        };
    }

    /** A printable prefix of an answer, for the delivery log. */
    static String snippet(byte[] body) {
        String s = new String(body, 0, Math.min(body.length, SNIPPET * 4), StandardCharsets.UTF_8)
                .replaceAll("[\\p{Cntrl}&&[^\t]]", " ").strip();
        return s.length() > SNIPPET ? s.substring(0, SNIPPET) + "…" : s;
    }

    private static String truncate(String s) {
        return s == null ? null : s.length() > 1000 ? s.substring(0, 1000) : s;
    }

    private static double count(JdbcTemplate jdbc, String sql) {
        Long n = jdbc.queryForObject(sql, Long.class);
        return n == null ? 0 : n;
    }

    @Override
    public void start() {
        pool = Executors.newFixedThreadPool(settings.senders(), r -> {
            Thread t = new Thread(r, "webhook-sender");
            t.setDaemon(true);
            return t;
        });
        if (settings.senderEnabled()) {
            poller = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "webhook-poller");
                t.setDaemon(true);
                return t;
            });
            poller.scheduleWithFixedDelay(this::poll, settings.poll().toMillis(), settings.poll().toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        running = true;
    }

    private void poll() {
        try {
            sendDue();
        } catch (RuntimeException e) {
            LOG.warn("webhook sender: looking for due deliveries failed, will look again in {}: {}",
                    settings.poll(), e.toString());
        }
    }

    @Override
    public void stop() {
        running = false;
        if (poller != null) {
            poller.shutdownNow();
        }
        pool.shutdownNow(); // an attempt cut short stays claimed and is sent again after the lease
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
