package com.faceid.ledger.app.metering;

import com.faceid.ledger.account.Account;
import com.faceid.ledger.app.LedgerProperties;
import com.faceid.ledger.app.axon.Commands;
import com.faceid.ledger.error.ErrorCode;
import com.faceid.ledger.error.LedgerException;
import com.faceid.ledger.metering.MeterCalls;
import com.faceid.ledger.metering.MeteringResult;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Meters a {@code calls:batch}: each account's calls as one {@link MeterCalls}, and (by default,
 * {@code ledger.cross-account-batch}) every account of the batch in one unit of work and one transaction:
 * one look-up of all its requestIds, one batched append of all events and idempotency rows, one commit,
 * instead of one of each per account.
 * <p>
 * Accounts are loaded in id order, so two batches sharing accounts take the accounts' locks in the same
 * order and cannot deadlock (single-call commands hold one lock only). An unknown account fails alone. A
 * lost race (another node appended to one of the accounts, or inserted one of the requestIds first) rolls
 * the whole batch back, and it is decided again from the stored events; nothing is half-committed.
 *
 * @param senderOnEvents the same provider the command bus uses: the batch's actor and correlation id on every event
 */
@Component
public record BatchMetering(Configuration axon, TransactionManager transactions,
        Commands commands, LedgerProperties props, CorrelationDataProvider senderOnEvents,
        JdbcMeteredRequests requests) {
    /** An account's part of the batch: its per-call results, or why the whole account was refused. */
    public record AccountOutcome(List<MeteringResult> results, LedgerException refusal) {
    }

    public Map<String, AccountOutcome> meter(SortedMap<String, MeterCalls> byAccount) {
        return meter(byAccount, props.crossAccountBatch());
    }

    /** As {@link #meter(SortedMap)}, with the design chosen by the caller (the benchmark compares both). */
    public Map<String, AccountOutcome> meter(SortedMap<String, MeterCalls> byAccount, boolean oneTransaction) {
        if (!oneTransaction || byAccount.size() == 1) {
            Map<String, AccountOutcome> out = new LinkedHashMap<>();
            byAccount.forEach((account, calls) -> {
                try {
                    out.put(account, new AccountOutcome(commands.send(calls), null));
                } catch (LedgerException e) {
                    out.put(account, new AccountOutcome(null, e));
                }
            });
            return out;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return inOneTransaction(byAccount);
            } catch (RuntimeException e) {
                if (!Commands.isRace(e) || attempt >= props.commandRetries()) {
                    throw e;
                }
                Commands.backOff(attempt);
            }
        }
    }

    private Map<String, AccountOutcome> inOneTransaction(SortedMap<String, MeterCalls> byAccount) {
        @SuppressWarnings("unchecked")
        Repository<Account> accounts = (Repository<Account>) axon.repository(Account.class);
        var root = GenericCommandMessage.asCommandMessage("calls:batch").andMetaData(Commands.currentSender());
        DefaultUnitOfWork<?> uow = DefaultUnitOfWork.startAndGet(root);
        uow.registerCorrelationDataProvider(senderOnEvents);
        uow.attachTransaction(transactions);
        Map<String, AccountOutcome> out = new LinkedHashMap<>();
        ResultMessage<?> result = uow.executeWithResult(() -> {
            // every requestId of the batch looked up in a few queries, not one per account
            requests.prefetch(byAccount.values().stream().flatMap(c -> c.calls().stream())
                    .filter(c -> c.accountId() != null && c.requestId() != null)
                    .map(c -> new JdbcMeteredRequests.Key(c.accountId(), c.requestId())).toList());
            for (var entry : byAccount.entrySet()) {
                try {
                    var account = accounts.load(entry.getKey());
                    @SuppressWarnings("unchecked")
                    List<MeteringResult> results = (List<MeteringResult>) account.handle(
                            GenericCommandMessage.asCommandMessage(entry.getValue()));
                    out.put(entry.getKey(), new AccountOutcome(results, null));
                } catch (AggregateNotFoundException e) {
                    out.put(entry.getKey(), new AccountOutcome(null, new LedgerException(ErrorCode.ACCOUNT_NOT_FOUND,
                            "no account " + entry.getKey())));
                }
            }
            return out;
        }, RollbackConfigurationType.ANY_THROWABLE);
        if (result.isExceptional()) {
            Throwable t = result.exceptionResult();
            throw t instanceof RuntimeException r ? r : new IllegalStateException(t);
        }
        return out;
    }
}
