package com.faceid.ledger.app.axon;

import com.faceid.ledger.account.EventMetadata;
import com.faceid.ledger.account.OpenAccount;
import com.faceid.ledger.app.LedgerProperties;
import com.faceid.ledger.app.security.RequestContext;
import com.faceid.ledger.error.ErrorCode;
import com.faceid.ledger.error.LedgerException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends commands and turns Axon's failures into the ledger's: a rule refusal stays a
 * {@link LedgerException}, an unknown account becomes ACCOUNT_NOT_FOUND, and a lost race (another
 * command appended to the same account first, or inserted the same requestId first) is retried, so it
 * never reaches the client as a 5xx. A retried command re-reads the account and decides again.
 */
@Component
public class Commands {
    private final CommandGateway gateway;
    private final int attempts;

    public Commands(CommandGateway gateway, LedgerProperties props) {
        this.gateway = gateway;
        this.attempts = props.commandRetries();
    }

    /** Sends the command as the current request's actor, under its correlation id. */
    public <R> R send(Object command) {
        return send(command, currentSender());
    }

    /** The metadata naming the current request's actor and correlation id (copied onto every event). */
    public static Map<String, String> currentSender() {
        var who = RequestContext.current();
        return Map.of(EventMetadata.ACTOR, who.actor(), EventMetadata.CORRELATION_ID, who.correlationId());
    }

    /** Sends the command with this metadata (none: the command names each call's sender itself). */
    public <R> R send(Object command, Map<String, ?> metaData) {
        for (int attempt = 1; ; attempt++) {
            try {
                return gateway.sendAndWait(GenericCommandMessage
                        .asCommandMessage(command).andMetaData(metaData));
            } catch (RuntimeException e) {
                LedgerException refusal = find(e, LedgerException.class);
                if (refusal != null) {
                    throw refusal;
                }
                if (find(e, AggregateNotFoundException.class) != null) {
                    throw new LedgerException(ErrorCode.ACCOUNT_NOT_FOUND, "no account " + accountOf(command));
                }
                boolean race = isRace(e);
                if (race && command instanceof OpenAccount o) {
                    throw new LedgerException(ErrorCode.ACCOUNT_EXISTS, "account " + o.accountId() + " already exists");
                }
                if (!race || attempt >= attempts) {
                    throw e;
                }
                // another command on the same account (here or on another node) won: back off a little, retry
                backOff(attempt);
            }
        }
    }

    /** Did the command lose a race: another command appended to its account, or stored its requestId, first? */
    public static boolean isRace(Throwable e) {
        return find(e, ConcurrencyException.class) != null || find(e, DuplicateKeyException.class) != null;
    }

    /** A short jittered pause before the next attempt, growing with the attempt number. */
    public static void backOff(int attempt) {
        LockSupport.parkNanos(
                ThreadLocalRandom.current().nextLong(1, 1 + attempt * 2_000_000L));
    }

    private static String accountOf(Object command) {
        try {
            return String.valueOf(command.getClass().getMethod("accountId").invoke(command));
        } catch (ReflectiveOperationException e) {
            return "?";
        }
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }
}
