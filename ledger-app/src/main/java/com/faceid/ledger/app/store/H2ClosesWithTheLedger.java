package com.faceid.ledger.app.store;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * An H2 store is closed by the ledger, after everything that reads it has stopped, never by H2's own JVM
 * shutdown hook: with H2's default ({@code DB_CLOSE_ON_EXIT=TRUE}) a SIGTERM closed the database while the
 * event store's reader thread was still polling, and a clean stop logged "Database is already closed"
 * traces. {@code ;DB_CLOSE_ON_EXIT=FALSE} is added to any H2 URL that does not say otherwise.
 */
@Component
public class H2ClosesWithTheLedger implements BeanPostProcessor {
    static final String SETTING = "DB_CLOSE_ON_EXIT";

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource ds && ds.getJdbcUrl() != null) {
            ds.setJdbcUrl(withCloseOnExitOff(ds.getJdbcUrl()));
        }
        return bean;
    }

    static String withCloseOnExitOff(String url) {
        if (!url.startsWith("jdbc:h2:") || url.toUpperCase().contains(SETTING)) {
            return url;
        }
        return url + ";" + SETTING + "=FALSE";
    }
}
