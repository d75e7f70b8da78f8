package com.faceid.ledger.app.store;

import com.faceid.ledger.app.LedgerProperties;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Bounds how long a request waits on a store that is away or slow, so threads never pile up behind it: a connection
 * from the pool within {@code ledger.store-wait} (Hikari's 30 s default held a request half a minute during an outage),
 * a lock within {@code ledger.store-lock-timeout} (a session's lock timeout, set on every new connection: PostgreSQL's
 * {@code lock_timeout}, H2's {@code LOCK_TIMEOUT}). Either exceeded is {@code 503 STORE_UNAVAILABLE} with
 * {@code Retry-After} (web.StoreUnavailable). The pool reconnects by itself when the store is back.
 */
@Component
public class StoreTimeouts implements BeanPostProcessor {
    private final ObjectProvider<LedgerProperties> props;

    public StoreTimeouts(ObjectProvider<LedgerProperties> props) {
        this.props = props;
    }

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource ds && ds.getJdbcUrl() != null) {
            LedgerProperties p = props.getObject();
            ds.setConnectionTimeout(p.storeWait().toMillis());
            String lock = lockTimeout(ds.getJdbcUrl(), p.storeLockTimeout());
            if (lock != null) {
                String init = ds.getConnectionInitSql();
                ds.setConnectionInitSql(init == null || init.isBlank() ? lock : init + "; " + lock);
            }
        }
        return bean;
    }

    /** The statement that sets a session's lock timeout on this store, or null for a store it is not known for. */
    static String lockTimeout(String url, Duration timeout) {
        if (url.startsWith("jdbc:postgresql:")) {
            return "SET lock_timeout = " + timeout.toMillis();
        }
        if (url.startsWith("jdbc:h2:")) {
            return "SET LOCK_TIMEOUT " + timeout.toMillis();
        }
        return null;
    }
}
