package com.faceid.ledger.app.axon;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a read of an account that answers from the account's stored events (audit's current folds), so
 * {@link ReadYourWrites} does not make it wait for the read models first: it reflects every event stored before
 * it was asked whatever the processor is doing. A part of its answer that does come from a view waits itself
 * ({@link ReadModels#awaitAccount}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AnswersFromEvents {
}
