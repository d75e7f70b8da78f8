package com.faceid.ledger.app.kafka;

import com.faceid.ledger.app.LedgerProperties;
import com.faceid.ledger.app.web.ApiException;
import com.faceid.ledger.app.web.Requests;
import com.faceid.ledger.error.LedgerException;
import com.faceid.ledger.metering.MeterCall;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Reads a usage record as a CloudEvents 1.0 event, in either of the Kafka binding's modes (docs/kafka.md):
 * structured (the value is the whole event as JSON) or binary (attributes in {@code ce_*} headers, the value is
 * the event's data). Only {@value #CALL_TYPE} is metered. Every field is checked as the HTTP API checks the same
 * field of {@code POST /api/v1/accounts/{accountId}/calls}; a record that fails says why instead of throwing.
 */
public final class CloudEventReader {
    public static final String CALL_TYPE = "com.faceid.usage.call";
    /** The binary mode's marker: its attributes are headers with this prefix. */
    static final String HEADER_PREFIX = "ce_";

    private final ObjectMapper json;
    private final LedgerProperties props;

    public CloudEventReader(ObjectMapper json, LedgerProperties props) {
        this.json = json;
        this.props = props;
    }

    /** The event's attributes and its data, whichever mode carried them. */
    private record Event(String specversion, String id, String source, String type, String subject, String time,
                         String datacontenttype, JsonNode data) {
    }

    /** Thrown inside the reader only: the record can never be metered, for this reason. */
    private static final class Refused extends RuntimeException {
        final Unmeterable reason;

        Refused(Unmeterable reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
        }
    }

    /**
     * @param now the ledger clock's reading for the whole poll: the calls' {@code recordedAt}, and what a
     *            reported time may not lie ahead of (by more than {@code ledger.max-future-skew})
     */
    public UsageRecord read(ConsumerRecord<String, byte[]> record, Instant now) {
        String accountId = record.key();
        String requestId = null;
        try {
            Event e = header(record, HEADER_PREFIX + "specversion") != null ? binary(record) : structured(record);
            requestId = e.id();
            if (!"1.0".equals(e.specversion())) {
                throw new Refused(Unmeterable.NOT_A_CLOUDEVENT, "specversion must be \"1.0\", got "
                        + (e.specversion() == null ? "none" : "\"" + Requests.echo(e.specversion()) + "\""));
            }
            for (String[] attribute : new String[][]{{"id", e.id()}, {"source", e.source()}, {"type", e.type()}}) {
                if (attribute[1] == null || attribute[1].isEmpty()) {
                    throw new Refused(Unmeterable.NOT_A_CLOUDEVENT, "the attribute " + attribute[0] + " is required");
                }
            }
            if (!CALL_TYPE.equals(e.type())) {
                throw new Refused(Unmeterable.UNKNOWN_TYPE, "type \"" + Requests.echo(e.type())
                        + "\" is not metered; known: " + CALL_TYPE);
            }
            return UsageRecord.meter(call(record.key(), e, now));
        } catch (Refused r) {
            return UsageRecord.refused(accountId, requestId, r.reason.name(), r.getMessage());
        } catch (ApiException r) {
            return UsageRecord.refused(accountId, requestId, r.code().name(), r.getMessage());
        } catch (LedgerException r) {
            return UsageRecord.refused(accountId, requestId, r.code().name(), r.getMessage());
        }
    }

    private MeterCall call(String key, Event e, Instant now) {
        if (e.subject() == null) {
            throw ApiException.validation("subject (the account id) is required");
        }
        String accountId = Requests.accountId("subject", e.subject());
        if (key != null && !key.equals(accountId)) {
            throw new Refused(Unmeterable.KEY_MISMATCH, "the record's key \"" + Requests.echo(key)
                    + "\" is not its subject \"" + accountId + "\"");
        }
        String requestId = Requests.key("id", e.id());
        if (e.datacontenttype() != null && !e.datacontenttype().startsWith("application/json")) {
            throw ApiException.validation("datacontenttype must be application/json, got \""
                    + Requests.echo(e.datacontenttype()) + "\"");
        }
        if (e.data() == null || !e.data().isObject()) {
            throw ApiException.validation("data must be an object with service and resultCode");
        }
        String service = text(e.data(), "service", "data.service");
        if (service == null) {
            throw ApiException.validation("data.service is required");
        }
        Instant occurredAt = null; // none: the call occurred when the ledger records it, as over HTTP
        if (e.time() != null) {
            try {
                occurredAt = Requests.reported("time", OffsetDateTime.parse(e.time()), now, props.maxFutureSkew());
            } catch (DateTimeParseException bad) {
                throw ApiException.validation("time must be an RFC 3339 time with an offset, got \""
                        + Requests.echo(e.time()) + "\"");
            }
        }
        return new MeterCall(accountId, requestId, Requests.service(service), occurredAt,
                Requests.resultCode(text(e.data(), "resultCode", "data.resultCode")), now);
    }

    private Event structured(ConsumerRecord<String, byte[]> record) {
        JsonNode event = parse(record.value(), "the value");
        if (!event.isObject()) {
            throw new Refused(Unmeterable.NOT_A_CLOUDEVENT, "the value is JSON but not an object");
        }
        if (event.has("data_base64")) {
            throw ApiException.validation("data_base64 is not read: send data as JSON");
        }
        return new Event(text(event, "specversion", "specversion"), text(event, "id", "id"),
                text(event, "source", "source"), text(event, "type", "type"), text(event, "subject", "subject"),
                text(event, "time", "time"), text(event, "datacontenttype", "datacontenttype"), event.get("data"));
    }

    private Event binary(ConsumerRecord<String, byte[]> record) {
        return new Event(header(record, "ce_specversion"), header(record, "ce_id"), header(record, "ce_source"),
                header(record, "ce_type"), header(record, "ce_subject"), header(record, "ce_time"),
                header(record, "content-type"), parse(record.value(), "the data (the value in binary mode)"));
    }

    private JsonNode parse(byte[] value, String what) {
        if (value == null || value.length == 0) {
            throw new Refused(Unmeterable.NOT_JSON, what + " is empty");
        }
        try {
            JsonNode node = json.readTree(value);
            if (node == null || node.isMissingNode()) {
                throw new Refused(Unmeterable.NOT_JSON, what + " is empty");
            }
            return node;
        } catch (JacksonException bad) {
            throw new Refused(Unmeterable.NOT_JSON, what + " is not one JSON document: " + bad.getOriginalMessage());
        } catch (IOException bad) {
            throw new Refused(Unmeterable.NOT_JSON, what + " could not be read: " + bad.getMessage());
        }
    }

    /** A field that must be a string when present; null when absent or JSON null. */
    private static String text(JsonNode node, String field, String name) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw ApiException.validation(name + " must be a string");
        }
        return v.textValue();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
