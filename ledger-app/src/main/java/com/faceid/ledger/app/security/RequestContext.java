package com.faceid.ledger.app.security;

import java.util.UUID;
import java.util.function.Supplier;

/** Who is acting and under which correlation id, for the current thread (set per request, per step). */
public final class RequestContext {
    public record Actor(String actor, String correlationId) {
    }

    private static final ThreadLocal<Actor> CURRENT = new ThreadLocal<>();

    private RequestContext() {
    }

    public static Actor current() {
        Actor a = CURRENT.get();
        return a != null ? a : new Actor("system", UUID.randomUUID().toString());
    }

    public static String actor() {
        return current().actor();
    }

    public static <T> T runAs(String actor, String correlationId, Supplier<T> work) {
        Actor previous = CURRENT.get();
        CURRENT.set(new Actor(actor, correlationId));
        try {
            return work.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /** For the filters that authenticate a request (the API's key filter, the console's sessions). */
    public static void set(Actor actor) {
        CURRENT.set(actor);
    }

    public static void clear() {
        CURRENT.remove();
    }
}
