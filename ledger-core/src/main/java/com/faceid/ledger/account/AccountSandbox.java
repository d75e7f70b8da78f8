package com.faceid.ledger.account;

import com.faceid.ledger.error.LedgerException;
import com.faceid.ledger.hold.HoldRegistry;
import com.faceid.ledger.metering.MeteredRequests;
import com.faceid.ledger.pricing.BillingPolicy;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.ParameterResolver;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;

import java.lang.reflect.Executable;
import java.lang.reflect.Parameter;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The real {@link Account}, run in memory and alone: no command bus, no event store, no projections. Its own
 * command handlers decide and its own event-sourcing handlers apply, through Axon's aggregate model exactly as
 * in the service. The what-if engine drives it ({@code whatif.Rerating}), so a re-rating is the ledger's rules
 * themselves, not a second copy of them (billing-rules §9 "What-if").
 * <p>
 * Each command names the {@link BillingPolicy} it is decided under, so a replay can use the catalog version,
 * tier convention and billable codes each recorded decision was made with. Nothing stands behind the
 * idempotency ports: a replayed history carries each requestId and holdId once, so the sandbox's idempotency
 * table and hold registry are empty (a finished hold is then unknown to it, which is what a capture of a hold
 * the scenario refused must find).
 * <p>
 * Not thread-safe: one sandbox per re-rating.
 */
public final class AccountSandbox {
    private static final MeteredRequests NO_REQUESTS = (account, requestId) -> Optional.empty();
    private static final HoldRegistry NO_HOLDS = (account, holdId) -> Optional.empty();

    private final EventSourcedAggregate<Account> aggregate;
    private BillingPolicy policy;

    public AccountSandbox() {
        ParameterResolverFactory resolvers = MultiParameterResolverFactory.ordered(
                ClasspathParameterResolverFactory.forClass(Account.class), new Ports());
        AggregateModel<Account> model = AnnotatedAggregateMetaModelFactory.inspectAggregate(Account.class, resolvers);
        aggregate = EventSourcedAggregate.initialize(new Account(), model, null, NoSnapshotTriggerDefinition.TRIGGER);
    }

    /**
     * Has the account decide {@code command} under {@code policy}; answers what its handler answers.
     *
     * @throws LedgerException when the account refuses the command (nothing applied)
     */
    @SuppressWarnings("unchecked")
    public <R> R send(Object command, BillingPolicy policy) {
        this.policy = policy;
        try {
            return (R) aggregate.handle(GenericCommandMessage.asCommandMessage(command));
        } catch (LedgerException | IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("the sandboxed account failed on " + command, e);
        }
    }

    /** The account as it stands after the commands sent so far. */
    public Account account() {
        return aggregate.getAggregateRoot();
    }

    /** Resolves the ports the account's command handlers take; the policy is the current command's. */
    private final class Ports implements ParameterResolverFactory {
        @Override
        public ParameterResolver<?> createInstance(Executable executable, Parameter[] parameters, int index) {
            Class<?> type = parameters[index].getType();
            if (type == BillingPolicy.class) {
                return resolver(() -> policy);
            }
            if (type == MeteredRequests.class) {
                return resolver(() -> NO_REQUESTS);
            }
            if (type == HoldRegistry.class) {
                return resolver(() -> NO_HOLDS);
            }
            return null;
        }

        private ParameterResolver<Object> resolver(Supplier<Object> value) {
            return new ParameterResolver<>() {
                @Override
                public Object resolveParameterValue(Message<?> message) {
                    return value.get();
                }

                @Override
                public boolean matches(Message<?> message) {
                    return true;
                }
            };
        }
    }
}
