package com.faceid.ledger.app.audit;

import com.faceid.ledger.app.account.AccountQueries;
import com.faceid.ledger.app.axon.SerializationConfig;
import com.faceid.ledger.app.hold.JdbcHoldRegistry;
import com.faceid.ledger.app.metering.JdbcMeteredRequests;
import com.faceid.ledger.app.security.Caller;
import com.faceid.ledger.app.statement.StatementQueries;
import com.faceid.ledger.app.store.EventStoreReader;
import com.faceid.ledger.app.web.ApiException;
import com.faceid.ledger.app.web.HttpError;
import com.faceid.ledger.app.web.Json;
import com.faceid.ledger.app.web.Requests;
import com.faceid.ledger.error.ErrorCode;
import com.faceid.ledger.error.LedgerException;
import com.faceid.ledger.event.AccountEvent;
import com.faceid.ledger.event.CallMetered;
import com.faceid.ledger.event.ChargedTo;
import com.faceid.ledger.event.Service;
import com.faceid.ledger.event.StatementLine;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * An account's history and why a call cost what it cost: what the audit endpoints answer and what the console's
 * audit and dispute pages show (one assembly for both).
 */
@Component
public class AuditService {
    /** The names the events filter takes: every event type ({@code AccountEvent.TYPES}), e.g. CallMetered. */
    public static final List<String> EVENT_TYPES = AccountEvent.TYPES.stream()
            .map(Class::getSimpleName).toList();

    public static final int PAGE_SIZE_MAX = 1000;

    public record EventView(
            long sequenceNumber, long globalIndex, String eventId, String type, OffsetDateTime recordedAt,
            @Schema(type = "object", description = "The event as recorded (docs/events.md)") JsonNode payload,
            @Schema(type = "object", nullable = true, description = "Who and what caused it: actor, correlation id")
            JsonNode metaData) {
    }

    public record EventPage(String accountId, int page, int size, List<EventView> events) {
    }

    public record ReceivedCall(
            @Schema(implementation = Service.class) String service,
            OffsetDateTime occurredAt, String resultCode, OffsetDateTime recordedAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PackageCharge(String packageId, int remainingBefore, int remainingAfter) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PostpaidCharge(
            @Schema(type = "string", pattern = Requests.MONTH_PATTERN) String month,
            long postpaidCountAfterCall,
            @Schema(implementation = StatementQueries.Status.class) String statementStatus,
            @Schema(nullable = true) Integer tier,
            @Schema(nullable = true) String tierRange,
            @Schema(type = "string", pattern = Json.DECIMAL_PATTERN, nullable = true) String unitPrice,
            boolean estimated) {
    }

    public record EventRef(long sequenceNumber, long globalIndex, String eventId, String type) {
    }

    public record Duplicates(
            int count,
            @Schema(nullable = true) OffsetDateTime first,
            @Schema(nullable = true) OffsetDateTime last) {
    }

    public record CitingAdjustment(
            String adjustmentId,
            @Schema(type = "string", pattern = Requests.MONTH_PATTERN) String month,
            @Schema(type = "string", pattern = Requests.MONTH_PATTERN, nullable = true) String correctsMonth,
            @Schema(type = "string", pattern = Json.MONEY_PATTERN) String amount,
            String reason, String actor) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Explanation(
            String accountId, String requestId, ReceivedCall call, boolean billable, String billableReason,
            @Schema(implementation = ChargedTo.class) String chargedTo,
            String explanation,
            @Schema(nullable = true) PackageCharge paidBy,
            @Schema(nullable = true) PostpaidCharge postpaid,
            Duplicates duplicates, List<CitingAdjustment> adjustments, List<EventRef> events,
            @JsonInclude(JsonInclude.Include.NON_NULL) HeldBy hold) {
        /** The explanation as a customer is shown it: who recorded each adjustment by role, not by key id. */
        public Explanation shownToCustomer() {
            return new Explanation(accountId, requestId, call, billable, billableReason, chargedTo, explanation, paidBy,
                    postpaid, duplicates, adjustments.stream().map(a -> new CitingAdjustment(a.adjustmentId(),
                    a.month(), a.correctsMonth(), a.amount(), a.reason(), Caller.actorShownToCustomer(a.actor())))
                    .toList(), events, hold);
        }
    }

    /** The hold a captured call was asked for first: when, and which source it held. */
    public record HeldBy(
            String holdId, OffsetDateTime placedAt, OffsetDateTime expiresAt,
            @Schema(implementation = ChargedTo.class) String source,
            @Schema(nullable = true) String packageId) {
    }

    private final AccountQueries accounts;
    private final EventStoreReader events;
    private final JdbcMeteredRequests requests;
    private final StatementQueries statements;
    private final JdbcHoldRegistry holds;
    private final ObjectMapper storage = SerializationConfig.storageMapper();

    public AuditService(AccountQueries accounts, EventStoreReader events, JdbcMeteredRequests requests,
                           StatementQueries statements, JdbcHoldRegistry holds) {
        this.holds = holds;
        this.accounts = accounts;
        this.events = events;
        this.requests = requests;
        this.statements = statements;
    }

    /** One page of the account's events, oldest first; a customer's page hides key ids and correlation ids. */
    public EventPage history(String accountId, OffsetDateTime from, OffsetDateTime to, String type, Long after,
                             int page, int size, boolean customer) {
        // a customer sees what happened to its account, not the ledger's internal key ids and correlation ids
        ZoneId zone = accounts.require(accountId).zone();
        long offset = Requests.offset(page, size, PAGE_SIZE_MAX);
        Instant fromAt = Requests.instant("from", from);
        Instant toAt = Requests.instant("to", to);
        if (after != null && after < 0) {
            throw ApiException.validation("after is a sequence number, 0 or more");
        }
        if (fromAt != null && toAt != null && fromAt.isAfter(toAt)) {
            throw ApiException.validation("from (" + from + ") must not be after to (" + to + ")");
        }
        if (type != null && !EVENT_TYPES.contains(type)) {
            throw ApiException.validation("type '" + Requests.echo(type)
                    + "' is not an event type; known: " + EVENT_TYPES);
        }
        List<EventView> list = events.page(accountId, fromAt, toAt, type, after, (int) offset, size).stream()
                .map(e -> new EventView(e.sequenceNumber(), e.globalIndex(), e.eventId(), e.type(),
                        Json.time(e.timestamp(), zone), customer ? withoutActor(e.payload()) : e.payload(),
                        customer ? null : e.metaData())).toList();
        return new EventPage(accountId, page, size, list);
    }

    /** One event of a timeline: the event itself (for its sentence) and its payload as the caller may see it. */
    public record TimelineEntry(long sequenceNumber, String type, OffsetDateTime recordedAt, AccountEvent event,
                                JsonNode payload) {
    }

    /**
     * A page of the timeline, newest first, with where the neighbouring pages start.
     *
     * @param newerAfter  the {@code after} of the page of newer events (null: this is the newest page)
     * @param olderBefore the {@code before} of the page of older events (null: this is the oldest page)
     */
    public record Timeline(List<TimelineEntry> entries, Long newerAfter, Long olderBefore) {
    }

    /**
     * The account's history newest first, {@code size} events a page: the newest, those before sequence
     * {@code before}, those just after sequence {@code after} (the newer page), or those recorded on or before the
     * billing day {@code on}. Each page is read from the index at its edge, so any page of a million events costs
     * what the first does.
     */
    public Timeline timeline(String accountId, String type, Long before, Long after, LocalDate on, int size,
                             boolean customer) {
        ZoneId zone = accounts.require(accountId).zone();
        if (size < 1 || size > PAGE_SIZE_MAX) {
            throw ApiException.validation("size must be between 1 and " + PAGE_SIZE_MAX);
        }
        if ((before != null && before < 0) || (after != null && after < 0)) {
            throw ApiException.validation("before and after are sequence numbers, 0 or more");
        }
        if (type != null && !EVENT_TYPES.contains(type)) {
            throw ApiException.validation("type '" + Requests.echo(type) + "' is not an event type; known: "
                    + EVENT_TYPES);
        }
        if (on != null) { // the events of that billing day and before: those before the next day's first event
            before = events.firstSequenceAtOrAfter(accountId, on.plusDays(1).atStartOfDay(zone).toInstant());
            after = null;
        }
        List<EventStoreReader.StoredEvent> page = new ArrayList<>(
                events.newestFirst(accountId, type, after == null ? before : null, after, size + 1));
        boolean more = page.size() > size; // one beyond the page, on the side it was read towards
        if (more) {
            page.remove(after != null ? 0 : page.size() - 1);
        }
        long last = events.lastSequence(accountId);
        Long newer = page.isEmpty() ? null : after != null ? (more ? page.get(0).sequenceNumber() : null)
                : (before != null && before <= last ? page.get(0).sequenceNumber() : null);
        Long older = page.isEmpty() ? null : after != null || more ? page.get(page.size() - 1).sequenceNumber() : null;
        List<TimelineEntry> entries = page.stream().map(e -> new TimelineEntry(e.sequenceNumber(), e.type(),
                Json.time(e.timestamp(), zone), e.event(), customer ? withoutActor(e.payload()) : e.payload())).toList();
        return new Timeline(entries, newer, older);
    }

    /** Why a call cost what it cost: the call, the rule, the payer, the hold, adjustments, the events behind it. */
    public Explanation explain(String accountId, String requestId) throws Exception {
        Requests.key("requestId", requestId); // an id no call can have is a mistake, not a call not found
        AccountQueries.AccountRow account = accounts.require(accountId);
        ZoneId zone = account.zone();
        JdbcMeteredRequests.RequestRow row = requests.row(accountId, requestId).orElseThrow(() ->
                new ApiException(HttpError.CALL_NOT_FOUND, "no call " + requestId + " on " + accountId));
        EventStoreReader.StoredEvent stored = events.at(accountId, row.sequenceNumber()).orElseThrow(() ->
                new LedgerException(ErrorCode.ACCOUNT_NOT_FOUND, "event " + row.sequenceNumber() + " missing"));
        CallMetered e = (CallMetered) stored.event();
        ReceivedCall call = new ReceivedCall(e.service().name(), Json.time(e.occurredAt(), zone), e.resultCode(),
                Json.time(e.recordedAt(), zone));
        String billableReason = e.billable()
                ? "result code '" + e.resultCode() + "' is billable"
                : "result code '" + e.resultCode() + "' is not billable: recorded for the audit trail, charges nothing"
                + " and uses no package";
        PackageCharge paidBy = e.packageId() == null ? null
                : new PackageCharge(e.packageId(), e.packageRemainingAfter() + 1, e.packageRemainingAfter());
        PostpaidCharge postpaid = null;
        if (e.chargedTo() == ChargedTo.POSTPAID) {
            StatementQueries.Statement s = statements.of(account, e.month());
            StatementLine line = s.figures().lines().stream().filter(l -> l.service() == e.service()).findFirst()
                    .orElse(null);
            postpaid = new PostpaidCharge(e.month().toString(), e.monthPostpaidCount(), s.status().name(),
                    line == null ? null : line.tier(), line == null ? null : line.tierRange(),
                    line == null ? null : Json.money(line.unitPrice()), s.status() != StatementQueries.Status.CLOSED);
        }
        List<CitingAdjustment> citing = statements.adjustmentsCiting(accountId, requestId).stream()
                .map(c -> new CitingAdjustment(c.adjustment().adjustmentId(), c.month().toString(),
                        c.adjustment().correctsMonth().toString(), Json.money(c.adjustment().amount()),
                        c.adjustment().reason(), c.adjustment().actor())).toList();
        return new Explanation(accountId, requestId, call, e.billable(), billableReason, e.chargedTo().name(),
                explanation(e, zone), paidBy, postpaid, new Duplicates(row.duplicates(), Json.time(row.firstDuplicateAt(), zone),
                Json.time(row.lastDuplicateAt(), zone)), citing, List.of(new EventRef(stored.sequenceNumber(),
                stored.globalIndex(), stored.eventId(), stored.type())), holds.capturedAs(accountId, requestId)
                .map(h -> new HeldBy(h.holdId(), Json.time(h.placedAt(), zone), Json.time(h.expiresAt(), zone),
                        h.source() == null ? null : h.source().name(), h.packageId())).orElse(null));
    }

    /** The accounts that metered a call with this request id, by id. */
    public List<String> accountsWith(String requestId) {
        return requests.accountsWith(requestId);
    }

    /** A request id's explanation in every account that metered it (operators' and auditors' look-up). */
    public CallLookup lookup(String requestId) throws Exception {
        Requests.key("requestId", requestId);
        List<Explanation> items = new ArrayList<>();
        for (String accountId : requests.accountsWith(requestId)) {
            items.add(explain(accountId, requestId));
        }
        return new CallLookup(items);
    }

    public record CallLookup(List<Explanation> items) {
    }

    /** The payload with its {@code actor} (an API key id or "scheduler") shown as who acted, not which key. */
    private static JsonNode withoutActor(JsonNode payload) {
        if (payload instanceof com.fasterxml.jackson.databind.node.ObjectNode o && o.has("actor")) {
            com.fasterxml.jackson.databind.node.ObjectNode copy = o.deepCopy();
            copy.put("actor", Caller.actorShownToCustomer(o.path("actor").asText()));
            return copy;
        }
        return payload;
    }

    /** In words, with times in the account's billing zone and offset, as every page shows them. */
    private static String explanation(CallMetered e, ZoneId zone) {
        return switch (e.chargedTo()) {
            case FREE -> "paid by the free grant " + e.packageId() + " (free packages pay first)";
            case PURCHASED -> "paid by purchased package " + e.packageId()
                    + " (no free package could pay; of the purchased ones it expires first)";
            case POSTPAID -> "no package of " + e.service() + " could pay at " + Json.time(e.occurredAt(), zone)
                    + ": counted as postpaid call #" + e.monthPostpaidCount() + " of " + e.month()
                    + ", priced at the tier the month's postpaid count reaches";
            case NONE -> "not billable: nothing charged";
            case REFUSED -> "no package of " + e.service() + " could pay and postpaid was off: refused, not charged";
        };
    }
}
