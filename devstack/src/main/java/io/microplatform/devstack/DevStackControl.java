package io.microplatform.devstack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The local mode's control channel: a plain-text HTTP endpoint on the loopback interface through which
 * {@code ./platform kill|start|status} reach the running {@link DevStack}.
 *
 * <pre>
 * GET  /components                      one line per component: name state port pids (comma-separated, - if none)
 * POST /components/{name}/{action}      action: stop, kill, pause, resume, start, restart-empty
 * </pre>
 *
 * <p>A POST answers once the operation is done (a started component answers on its port) with the
 * component's line; 404 names the known components, 409 says why the component is in the wrong state for the
 * action, 500 carries the reason a start failed. Every request must carry the header
 * {@value #HEADER}: a web page cannot send a custom header to another origin without a CORS preflight, which
 * this endpoint never approves, so a page open in a browser on this machine cannot stop the stack's servers.
 */
public final class DevStackControl implements AutoCloseable {

    /** The fixed port of the local mode (README, "Services and ports"). */
    public static final int LOCAL_PORT = 17099;

    /** Header every request must carry (any value). */
    public static final String HEADER = "X-Devstack-Control";

    private static final Logger log = LoggerFactory.getLogger(DevStackControl.class);

    private final HttpServer server;
    private final ExecutorService executor;

    private DevStackControl(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Serves {@code stack} on {@code 127.0.0.1:port} (0: a free port). {@code afterChange} runs after every
     * operation that may have changed the stack's processes (the local mode rewrites its PID file there).
     */
    public static DevStackControl start(DevStack stack, int port, Consumer<DevStack> afterChange) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
            // one operation at a time, in the order asked: two starts of one component must not race
            ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, "devstack-control");
                thread.setDaemon(true);
                return thread;
            });
            server.setExecutor(executor);
            server.createContext("/components", exchange -> handle(stack, afterChange, exchange));
            server.start();
            log.info("dev-stack control on http://{}:{}/components", server.getAddress().getHostString(),
                    server.getAddress().getPort());
            return new DevStackControl(server, executor);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot open the dev-stack control port " + port, e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void handle(DevStack stack, Consumer<DevStack> afterChange, HttpExchange exchange) throws IOException {
        try {
            if (exchange.getRequestHeaders().getFirst(HEADER) == null) {
                reply(exchange, 403, "header " + HEADER + " required");
                return;
            }
            String[] parts = exchange.getRequestURI().getPath().replaceAll("^/+|/+$", "").split("/");
            String method = exchange.getRequestMethod();
            if (parts.length == 1 && method.equals("GET")) {
                reply(exchange, 200, stack.componentNames().stream().map(name -> line(stack, name))
                        .collect(Collectors.joining()));
                return;
            }
            if (parts.length == 2 && method.equals("GET")) {
                reply(exchange, 200, line(stack, parts[1]));
                return;
            }
            if (parts.length != 3 || !method.equals("POST")) {
                reply(exchange, 400, "use GET /components or POST /components/{name}/"
                        + "{stop|kill|pause|resume|start|restart-empty}");
                return;
            }
            String name = parts[1];
            String action = parts[2];
            Runnable operation = switch (action) {
                case "stop" -> () -> stack.stop(name);
                case "kill" -> () -> stack.kill(name);
                case "pause" -> () -> stack.pause(name);
                case "resume" -> () -> stack.resume(name);
                case "start" -> () -> stack.start(name);
                case "restart-empty" -> () -> stack.restartEmpty(name);
                default -> null;
            };
            if (operation == null) {
                reply(exchange, 400, "unknown action '" + action + "'; known: stop, kill, pause, resume, start, restart-empty");
                return;
            }
            log.info("control: {} {}", action, name);
            try {
                operation.run();
            }
            finally {
                afterChange.accept(stack);
            }
            reply(exchange, 200, line(stack, name));
        }
        catch (IllegalArgumentException e) {
            reply(exchange, 404, e.getMessage());
        }
        catch (IllegalStateException e) {
            // DevStack refuses an operation in the wrong state without a cause (409); a failed start has one (500)
            boolean refused = e.getCause() == null;
            log.warn("control: {}", e.toString());
            reply(exchange, refused ? 409 : 500, e.getMessage() != null ? e.getMessage() : e.toString());
        }
        catch (RuntimeException e) {
            log.error("control: operation failed", e);
            reply(exchange, 500, e.getMessage() != null ? e.getMessage() : e.toString());
        }
        finally {
            exchange.close();
        }
    }

    private static String line(DevStack stack, String name) {
        ComponentState state = stack.state(name);
        String pids = state == ComponentState.STOPPED ? "-" : stack.componentPids(name).stream().map(String::valueOf)
                .collect(Collectors.joining(","));
        return name + " " + state.name().toLowerCase(Locale.ROOT) + " " + stack.port(name) + " "
                + (pids.isEmpty() ? "-" : pids) + "\n";
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = (body.endsWith("\n") ? body : body + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
