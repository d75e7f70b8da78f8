package com.faceid.ledger.app.axon;

import com.faceid.ledger.account.Account;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.AggregateFactory;

import java.lang.reflect.Constructor;

/**
 * Creates empty Account instances for the snapshotter (or hands back a snapshot's state). Unlike
 * GenericAggregateFactory it does not inspect the command handlers itself, whose parameters (the billing
 * policy, the request registry) only Spring's resolvers know; the snapshotter inspects with those.
 */
public class AccountFactory implements AggregateFactory<Account> {
    private final Constructor<Account> constructor;

    public AccountFactory() {
        try {
            constructor = Account.class.getDeclaredConstructor();
            constructor.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("Account needs a no-argument constructor", e);
        }
    }

    @Override
    public Account createAggregateRoot(String aggregateIdentifier, DomainEventMessage<?> firstEvent) {
        if (firstEvent != null && firstEvent.getPayload() instanceof Account snapshot) {
            return snapshot;
        }
        try {
            return constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create an Account", e);
        }
    }

    @Override
    public Class<Account> getAggregateType() {
        return Account.class;
    }
}
