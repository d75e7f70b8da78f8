package com.faceid.ledger.app.kafka;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What became of one usage record: the value written to {@code ledger.outcomes} (docs/kafka.md). A metered
 * record carries what {@code POST …/calls} answers; a refused one, the code and reason the same call would get
 * over HTTP (and a copy of the record went to the dead-letter topic).
 *
 * @param status           the HTTP status the same call would get: 201 metered, 200 a repeat, 4xx refused
 * @param packageRemaining the paying package's calls left just after this call (a first charge to a package only)
 * @param topic            where the record was read: topic, partition and offset
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UsageOutcome(String accountId, String requestId, int status, Boolean billable, String chargedTo,
                           String packageId, Integer packageRemaining, Boolean duplicate, String code,
                           String detail, String topic, int partition, long offset) {
    public boolean refused() {
        return code != null;
    }
}
