package com.faceid.ledger.account;

import com.faceid.ledger.event.AccountEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The upcaster chain every reader of stored events goes through (the aggregate, the processors, the as-of
 * folds, the audit readers): an old payload is brought to the shape of its event's current revision before
 * it is deserialized. Revisions are declared with {@code @Revision} on each event; the golden-event corpus
 * (ledger-core tests) holds one stored payload of every type and revision ever written, so a change that
 * breaks an old payload fails the build until an upcaster here handles it.
 */
public final class EventUpcasters {
    private EventUpcasters() {
    }

    public static EventUpcasterChain chain() {
        return new EventUpcasterChain(new Renamed(), new FirstRevision(), new AccountInParts());
    }

    /**
     * Whether a stored snapshot of this type and revision is brought to the current shape by this chain (the
     * storage engine's snapshot filter lets it through instead of ignoring it).
     */
    public static boolean upcastsSnapshot(String type, String revision) {
        return AccountInParts.FROM.equals(revision) && Account.class.getName().equals(type);
    }

    /**
     * Events stored before the events moved into one package ({@code com.faceid.ledger.event}) name their type by
     * the package each lived in then. The type is renamed, the revision and the payload kept: the hash chain reads
     * the stored row as it is, so its links stay valid.
     */
    static final class Renamed extends SingleEventUpcaster {
        static final Map<String, String> FORMER_NAMES = formerNames();

        private static Map<String, String> formerNames() {
            Map<String, String> former = new HashMap<>();
            Map.of("account", List.of("AccountOpened", "PostpaidSwitched"),
                    "prepaid", List.of("PackagePurchased", "PackageExpiryReminded", "FreeGrantIssued",
                            "FreeGrantActivated", "PackageExpired", "PackageUsageReminded"),
                    "metering", List.of("CallMetered"),
                    "hold", List.of("HoldPlaced", "HoldCaptured", "HoldVoided", "HoldExpired"),
                    "statement", List.of("AdjustmentRecorded", "StatementClosed", "NegotiatedPriceAgreed"))
                    .forEach((pkg, names) -> names.forEach(n -> former.put("com.faceid.ledger." + pkg + "." + n,
                            "com.faceid.ledger.event." + n)));
            return Map.copyOf(former);
        }

        @Override
        protected boolean canUpcast(IntermediateEventRepresentation event) {
            return FORMER_NAMES.containsKey(event.getType().getName());
        }

        @Override
        protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
            return event.upcastPayload(new SimpleSerializedType(FORMER_NAMES.get(event.getType().getName()),
                    event.getType().getRevision()), byte[].class, Function.identity());
        }
    }

    /**
     * Events written before revisions were recorded (payloadRevision null, every event until wave 2) have the
     * shape of revision 1: only the revision is set, the payload is unchanged.
     */
    static final class FirstRevision extends SingleEventUpcaster {
        private static final Set<String> TYPES = AccountEvent.TYPES.stream().map(Class::getName)
                .collect(Collectors.toUnmodifiableSet());

        @Override
        protected boolean canUpcast(IntermediateEventRepresentation event) {
            return event.getType().getRevision() == null && TYPES.contains(event.getType().getName());
        }

        @Override
        protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
            return event.upcastPayload(new SimpleSerializedType(event.getType().getName(), "1"), byte[].class,
                    Function.identity());
        }
    }

    /**
     * An account's snapshot of revision 3 (one flat object) in the shape of revision 4, its state in parts: the
     * wallet (packages, purchases, usage reminders), the holds still held, the months (open months, prices,
     * adjustments, the last closed month). The same values, regrouped: no account rebuilds from its events after
     * the upgrade.
     */
    static final class AccountInParts extends SingleEventUpcaster {
        static final String FROM = "3";
        static final String TO = "4";
        private static final List<String> WALLET = List.of("packages", "packageByPurchaseId", "purchaseCount",
                "usageReminded");
        private static final List<String> MONTHS = List.of("closedThrough", "openUsage", "openPurchases",
                "negotiated", "openAdjustments", "adjustments");

        @Override
        protected boolean canUpcast(IntermediateEventRepresentation event) {
            return upcastsSnapshot(event.getType().getName(), event.getType().getRevision());
        }

        @Override
        protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
            return event.upcastPayload(new SimpleSerializedType(event.getType().getName(), TO), byte[].class,
                    AccountInParts::regroup);
        }

        private static final ObjectMapper EXACT = StoredFormat.exactTree();

        static byte[] regroup(byte[] flat) {
            try {
                return EXACT.writeValueAsBytes(regroup((ObjectNode) EXACT.readTree(flat)));
            } catch (IOException e) {
                throw new UncheckedIOException("an account snapshot of revision 3 is not JSON", e);
            }
        }

        static JsonNode regroup(ObjectNode flat) {
            ObjectNode state = flat.deepCopy();
            ObjectNode wallet = state.objectNode();
            ObjectNode months = state.objectNode();
            ObjectNode holds = state.objectNode();
            WALLET.forEach(f -> move(state, wallet, f, f));
            MONTHS.forEach(f -> move(state, months, f, f));
            move(state, holds, "openHolds", "open");
            state.set("wallet", wallet);
            state.set("holds", holds);
            state.set("months", months);
            return state;
        }

        private static void move(ObjectNode from, ObjectNode to, String field, String as) {
            JsonNode value = from.remove(field);
            if (value != null) {
                to.set(as, value);
            }
        }
    }
}
