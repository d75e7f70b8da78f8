package com.faceid.ledger.support;

import com.faceid.ledger.account.StoredFormat;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The stored format's mapper ({@link StoredFormat}), with map entries in key order so two states compare as text. */
public final class LedgerJson {
    private LedgerJson() {
    }

    public static ObjectMapper mapper() {
        return StoredFormat.mapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    }
}
