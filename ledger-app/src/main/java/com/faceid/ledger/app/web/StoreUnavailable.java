package com.faceid.ledger.app.web;

import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Whether a failure means the store is away or too slow (answered {@code 503 STORE_UNAVAILABLE} with
 * {@code Retry-After}, and retried by the caller) rather than a fault of the ledger (a 500). Read from the whole
 * cause chain, since Axon and Spring wrap the driver's exception: the connection classes of SQLSTATE ({@code 08…}),
 * PostgreSQL's shutdown and cancel states, a lock or statement timeout (on PostgreSQL and H2), no connection from the
 * pool within {@code ledger.store-wait}.
 */
public final class StoreUnavailable {
    /** 57P01-3: the server is shutting down or restarting; 57014: statement timeout; 55P03: lock timeout (PostgreSQL);
     * HYT00: lock timeout, 90067: connection broken, 90098: database closed (H2). */
    private static final Set<String> STATES = Set.of("57P01", "57P02", "57P03", "57014", "55P03", "HYT00", "90067",
            "90098", "53300");

    /**
     * What HikariCP's pool answers, with no SQLSTATE, when a connection it evicted after a connection failure is used
     * again in the same transaction: seen on every outage (StoreOutageTest), never otherwise.
     */
    private static final String HIKARI_CLOSED = "Connection is closed";

    private StoreUnavailable() {
    }

    public static boolean is(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DataAccessResourceFailureException || t instanceof TransientDataAccessResourceException
                    || t instanceof CannotAcquireLockException || t instanceof QueryTimeoutException
                    || t instanceof CannotCreateTransactionException || t instanceof SQLTransientConnectionException
                    || t instanceof SQLRecoverableException || t instanceof SQLTimeoutException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || STATES.contains(sql.getSQLState()))) {
                return true;
            }
            if (t instanceof SQLException sql && HIKARI_CLOSED.equals(sql.getMessage())) {
                return true;
            }
        }
        return false;
    }
}
