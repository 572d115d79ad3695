package io.microplatform.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP service instance for the gateway to route to: answers {@code /actuator/health/readiness} like a
 * service, and echoes every other request as JSON (which instance, path, method, the {@code X-User-Id} it was
 * given, how many body bytes arrived). {@code /status/<code>} answers with that status; {@code /slow} answers
 * only when {@link #release()} is called. Can be stopped and started again on the same port.
 */
public final class Backend implements AutoCloseable {

    static {
        // The JDK server writes headers and body separately; with Nagle's algorithm on, each response waits for
        // the gateway's delayed ACK (40 ms). Read once, when the server's configuration class loads.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final String name;
    private final AtomicInteger hits = new AtomicInteger();
    private volatile CountDownLatch slow = new CountDownLatch(1);
    private volatile int port;
    private HttpServer server;
    private ExecutorService executor;

    private Backend(String name) {
        this.name = name;
    }

    public static Backend start(String name) {
        Backend backend = new Backend(name);
        backend.startOn(0);
        return backend;
    }

    public synchronized void restart() {
        if (server == null) {
            startOn(port);
        }
    }

    private void startOn(int wanted) {
        try {
            server = HttpServer.create(new InetSocketAddress("localhost", wanted), 100);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("cannot listen on " + wanted, ex);
        }
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        port = server.getAddress().getPort();
    }

    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    @Override
    public void close() {
        release();
        stop();
    }

    public String uri() {
        return "http://localhost:" + port;
    }

    public int port() {
        return port;
    }

    public String name() {
        return name;
    }

    /** Requests other than health checks since the last {@link #resetHits()}. */
    public int hits() {
        return hits.get();
    }

    public void resetHits() {
        hits.set(0);
    }

    /** Lets the requests waiting on {@code /slow} answer. */
    public void release() {
        slow.countDown();
        slow = new CountDownLatch(1);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.startsWith("/actuator/health")) {
            respond(exchange, 200, "{\"status\":\"UP\"}");
            return;
        }
        hits.incrementAndGet();
        long received;
        try (InputStream body = exchange.getRequestBody()) {
            received = body.transferTo(OutputStreamSink.INSTANCE);
        }
        if (path.endsWith("/slow")) {
            try {
                slow.await();
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        int status = path.contains("/status/") ? Integer.parseInt(path.substring(path.lastIndexOf('/') + 1)) : 200;
        String userId = exchange.getRequestHeaders().getFirst("X-User-Id");
        respond(exchange, status, "{\"instance\":\"" + name + "\",\"path\":\"" + exchange.getRequestURI()
                + "\",\"method\":\"" + exchange.getRequestMethod() + "\",\"userId\":"
                + (userId == null ? "null" : "\"" + userId + "\"") + ",\"received\":" + received + "}");
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    /** Discards what is written to it. */
    private static final class OutputStreamSink extends java.io.OutputStream {

        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
