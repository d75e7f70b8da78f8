package com.faceid.ledger.app.kafka;

/**
 * Why the reader could not make a call of a usage record, before the ledger's rules are asked. The rules'
 * own refusals ({@code ACCOUNT_NOT_FOUND}, {@code REQUEST_ID_CONFLICT}, {@code PERIOD_CLOSED}, …) keep their
 * {@code ErrorCode} names; together they are the {@code ledger-dlq-reason} header (docs/kafka.md).
 */
public enum Unmeterable {
    /** The value (structured mode) or the data (binary mode) is not one JSON document. */
    NOT_JSON,
    /** No {@code specversion} 1.0, or a required attribute ({@code id}, {@code source}, {@code type}) missing. */
    NOT_A_CLOUDEVENT,
    /** A CloudEvent of a type the ledger does not meter. */
    UNKNOWN_TYPE,
    /** The record's key is not the event's subject: the account's records would not stay in one partition. */
    KEY_MISMATCH
}
