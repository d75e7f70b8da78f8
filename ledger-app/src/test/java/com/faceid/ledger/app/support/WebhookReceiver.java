package com.faceid.ledger.app.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

/**
 * A webhook receiver for tests: a real HTTP server on 127.0.0.1 that records every request (path, headers, raw
 * body) and answers each path as told: by default 200; {@link #answer} sets the status per attempt number.
 */
public final class WebhookReceiver implements AutoCloseable {
    public record Received(String path, String eventId, String signature, String type, String body) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, IntUnaryOperator> answers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final Map<String, Hang> hangs = new ConcurrentHashMap<>();

    /** A path that answers nothing until it is released, or its bound is over. */
    private record Hang(java.util.concurrent.CountDownLatch released, long millis) {
    }

    public WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The status to answer on the n-th request (1-based) to {@code path}. */
    public void answer(String path, IntUnaryOperator statusOfAttempt) {
        answers.put(path, statusOfAttempt);
    }

    /**
     * Requests to {@code path} get no answer until {@link #release} (at most {@code millis}, so a test that never
     * releases leaves no thread behind): a receiver slower than the ledger's timeout.
     */
    public void hang(String path, long millis) {
        hangs.put(path, new Hang(new java.util.concurrent.CountDownLatch(1), millis));
    }

    /** Requests to {@code path} are answered at once again, the waiting ones too. */
    public void release(String path) {
        Hang h = hangs.remove(path);
        if (h != null) {
            h.released().countDown();
        }
    }

    public List<Received> at(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    public List<Received> all() {
        return new ArrayList<>(received);
    }

    private void handle(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        byte[] body = x.getRequestBody().readAllBytes();
        received.add(new Received(path, x.getRequestHeaders().getFirst("Ledger-Event-Id"),
                x.getRequestHeaders().getFirst("Ledger-Signature"), x.getRequestHeaders().getFirst("Ledger-Event-Type"),
                new String(body, StandardCharsets.UTF_8)));
        int n = counts.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        Hang hang = hangs.get(path);
        if (hang != null) {
            try {
                hang.released().await(hang.millis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        int status = answers.getOrDefault(path, i -> 200).applyAsInt(n);
        if (status / 100 == 3) {
            x.getResponseHeaders().add("Location", url("/redirect-target"));
        }
        byte[] answer = ("answer " + n + " to " + path).getBytes(StandardCharsets.UTF_8);
        try {
            x.sendResponseHeaders(status, answer.length);
            x.getResponseBody().write(answer);
        } catch (IOException e) {
            // the ledger gave up waiting (its timeout) and closed the connection
        } finally {
            x.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
