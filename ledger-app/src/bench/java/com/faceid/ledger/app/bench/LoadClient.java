package com.faceid.ledger.app.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The benchmark's load generator: a minimal HTTP/1.1 client on one kept-alive socket per thread, so the
 * client spends as little of the shared 2 cores as possible (java.net.http's client, used by the tests,
 * costs several times more CPU per request than the ledger's own work on the metering path). It speaks
 * only what the benchmark needs: JSON bodies with Content-Length, no chunked requests; chunked responses
 * are read.
 */
final class LoadClient {
    record Response(int status, String body) {
    }

    private final int port;
    private final String authorization;
    private final ThreadLocal<Connection> connections = ThreadLocal.withInitial(this::connect);

    LoadClient(int port, String bearer) {
        this.port = port;
        this.authorization = "Authorization: Bearer " + bearer + "\r\n";
    }

    Response post(String path, String json) {
        return send("POST", path, json);
    }

    Response get(String path) {
        return send("GET", path, null);
    }

    private Response send(String method, String path, String json) {
        try {
            return sendOnce(method, path, json);
        } catch (UncheckedIOException idleClosed) {
            // the server closes a kept-alive connection left idle past its keep-alive timeout (a long in-process
            // phase in between): send again on a new one. Every request of the benchmark is idempotent.
            return sendOnce(method, path, json);
        }
    }

    private Response sendOnce(String method, String path, String json) {
        Connection c = connections.get();
        try {
            Response r = c.exchange(method, path, json);
            if (c.closing) { // the server ends a kept-alive connection after a number of requests
                connections.remove();
                c.close();
            }
            return r;
        } catch (IOException e) {
            connections.remove();
            c.close();
            throw new UncheckedIOException(e);
        }
    }

    private Connection connect() {
        try {
            Socket s = new Socket("127.0.0.1", port);
            s.setTcpNoDelay(true);
            return new Connection(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private final class Connection {
        final Socket socket;
        final OutputStream out;
        final InputStream in;
        boolean closing;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
            this.in = new BufferedInputStream(socket.getInputStream(), 16384);
        }

        Response exchange(String method, String path, String json) throws IOException {
            byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
            String head = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + authorization
                    + (json == null ? "" : "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n")
                    + "\r\n";
            byte[] h = head.getBytes(StandardCharsets.US_ASCII);
            byte[] request = new byte[h.length + body.length];
            System.arraycopy(h, 0, request, 0, h.length);
            System.arraycopy(body, 0, request, h.length, body.length);
            out.write(request);
            out.flush();
            String status = line();
            int code = Integer.parseInt(status.substring(9, 12));
            int length = -1;
            boolean chunked = false;
            for (String l = line(); !l.isEmpty(); l = line()) {
                String lower = l.toLowerCase(java.util.Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(l.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    closing = true;
                }
            }
            byte[] data;
            if (chunked) {
                java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
                for (int n = Integer.parseInt(line().trim(), 16); n > 0; n = Integer.parseInt(line().trim(), 16)) {
                    all.write(in.readNBytes(n));
                    line();
                }
                line();
                data = all.toByteArray();
            } else {
                data = in.readNBytes(Math.max(0, length));
            }
            return new Response(code, new String(data, StandardCharsets.UTF_8));
        }

        private String line() throws IOException {
            StringBuilder b = new StringBuilder(64);
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("connection closed");
                }
                if (c != '\r') {
                    b.append((char) c);
                }
            }
            return b.toString();
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a broken connection
            }
        }
    }
}
