package io.microplatform.devstack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The running dev stack. {@link #start(DevStackSettings)} starts every component in parallel and returns when
 * all of them answer; {@link #close()} stops them in reverse order.
 *
 * <p>Faults on purpose: one component at a time can be stopped gracefully ({@link #stop(String)}), killed
 * with SIGKILL as in a crash ({@link #kill(String)}), frozen with SIGSTOP ({@link #pause(String)}, undone by
 * {@link #resume(String)}) and started again on the same port with the same data ({@link #start(String)}),
 * or with its data deleted ({@link #restartEmpty(String)}). The others keep running. Components are named
 * {@code postgresql}, {@code redis-1}, {@code redis-2}, {@code redis-3}, {@code kafka}, {@code seata-tc} and {@code zipkin}
 * ({@link #componentNames()}); the same names are used by {@code ./platform kill|start} and by the log files.
 * A test that breaks a component of a shared stack starts it again before it ends, whatever its outcome.
 *
 * <p>{@link #connectionProperties()} gives the coordinates in the vocabulary every deployment uses
 * ({@code POSTGRES_PORT}, {@code KAFKA_BOOTSTRAP_SERVERS}...): the services' configuration reads these
 * names, whether they come from this stack, from docker-compose or from Kubernetes.
 */
public final class DevStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DevStack.class);

    private final DevStackSettings settings;
    private final List<Component> components;
    private final Map<String, Component> byName = new LinkedHashMap<>();
    /** Components stopped or killed through this stack, and those paused: what the stack was told to do. */
    private final Set<String> stopped = new HashSet<>();
    private final Set<String> paused = new HashSet<>();

    private DevStack(DevStackSettings settings, List<Component> components) {
        this.settings = settings;
        this.components = components;
        components.forEach(component -> byName.put(component.name(), component));
    }

    public static DevStack start(DevStackSettings settings) {
        Path data = settings.dataDir();
        Path logs = settings.logDir();
        DevStackSettings.Ports ports = settings.ports();
        List<Component> components = new ArrayList<>();
        components.add(new PostgresServer(ports.postgres(), data.resolve("postgres"), data.resolve("pg-binaries"),
                logs.resolve("postgresql.log")));
        IntStream.range(0, ports.redis().size()).forEach(i -> components.add(new RedisNode(i + 1,
                ports.redis().get(i), data.resolve("redis-" + (i + 1)), data.resolve("bin"),
                logs.resolve("redis-" + (i + 1) + ".log"))));
        components.add(new KafkaBroker(ports.kafka(), ports.kafkaController(), data.resolve("kafka"),
                logs.resolve("kafka.log")));
        components.add(new SeataCoordinator(ports.seata(), ports.seataConsole(), data.resolve("seata"),
                logs.resolve("seata-tc.log")));
        components.add(new ZipkinServer(ports.zipkin(), data.resolve("zipkin"), logs.resolve("zipkin.log")));

        DevStack stack = new DevStack(settings, List.copyOf(components));
        long started = System.nanoTime();
        // one thread per component: the common pool has a single thread on a 2-core machine
        ExecutorService starter = Executors.newFixedThreadPool(components.size());
        try {
            List<CompletableFuture<Void>> starts = components.stream()
                    .map(component -> CompletableFuture.runAsync(() -> startLogged(component), starter))
                    .toList();
            CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).join();
        }
        catch (CompletionException e) {
            stack.close();
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("dev stack did not start: " + cause.getMessage(), cause);
        }
        finally {
            starter.shutdown();
        }
        log.info("dev stack ready in {} ms", (System.nanoTime() - started) / 1_000_000);
        return stack;
    }

    private static void startLogged(Component component) {
        long started = System.nanoTime();
        component.start();
        log.info("{} ready at {} in {} ms", component.name(), component.endpoint(),
                (System.nanoTime() - started) / 1_000_000);
    }

    public DevStackSettings settings() {
        return settings;
    }

    /**
     * Connection coordinates under the environment-variable names that the services' configuration reads, and
     * the coordinator's console ({@code SEATA_CONSOLE_ADDRESS}), which the audit reads.
     */
    public Map<String, String> connectionProperties() {
        DevStackSettings.Ports ports = settings.ports();
        String host = DevStackSettings.HOST;
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("POSTGRES_HOST", host);
        properties.put("POSTGRES_PORT", Integer.toString(ports.postgres()));
        properties.put("POSTGRES_USER", PostgresServer.USER);
        properties.put("POSTGRES_PASSWORD", "");
        properties.put("REDIS_HOST", host);
        properties.put("REDIS_PORT", Integer.toString(ports.redis().get(0)));
        properties.put("REDIS_NODES", ports.redis().stream().map(port -> host + ":" + port)
                .collect(Collectors.joining(",")));
        properties.put("KAFKA_BOOTSTRAP_SERVERS", host + ":" + ports.kafka());
        properties.put("SEATA_SERVER_ADDRESS", host + ":" + ports.seata());
        properties.put("SEATA_CONSOLE_ADDRESS", host + ":" + ports.seataConsole());
        properties.put("ZIPKIN_ENDPOINT", "http://" + host + ":" + ports.zipkin() + "/api/v2/spans");
        return properties;
    }

    /** What runs, for the table printed at start-up. */
    public Map<String, String> endpoints() {
        Map<String, String> endpoints = new LinkedHashMap<>();
        components.forEach(component -> endpoints.put(component.name(), component.endpoint()));
        return endpoints;
    }

    /** Operating-system processes of the components that run now (they change when a component restarts). */
    public synchronized List<Long> pids() {
        return components.stream().filter(component -> !stopped.contains(component.name()))
                .flatMap(component -> component.pids().stream()).toList();
    }

    /** The component's own processes (for PostgreSQL the postmaster, whose backends are its children). */
    synchronized List<Long> componentPids(String component) {
        return stopped.contains(component) ? List.of() : component(component).pids();
    }

    /** {@code postgresql}, {@code redis-1}, {@code redis-2}, {@code redis-3}, {@code kafka}, {@code seata-tc}, {@code zipkin}. */
    public List<String> componentNames() {
        return List.copyOf(byName.keySet());
    }

    /** The port clients of the component connect to; it stays the same across restarts. */
    public int port(String component) {
        return component(component).port();
    }

    /** What the component does now, checked against its processes (a crash from outside shows as EXITED). */
    public synchronized ComponentState state(String component) {
        Component target = component(component);
        if (stopped.contains(component)) {
            return ComponentState.STOPPED;
        }
        List<Long> pids = ProcessTree.withDescendants(target.pids());
        if (pids.stream().noneMatch(ProcessTree::running)) {
            return ComponentState.EXITED;
        }
        if (paused.contains(component) || pids.stream().anyMatch(ProcessTree::paused)) {
            return ComponentState.PAUSED;
        }
        return ComponentState.RUNNING;
    }

    /** Graceful stop (SIGTERM, or PostgreSQL's fast shutdown); returns once its ports are released. */
    public synchronized void stop(String component) {
        Component target = component(component);
        if (stopped.contains(component)) {
            return;
        }
        // a process stopped by SIGSTOP would hold SIGTERM pending until continued
        ProcessTree.signal("CONT", ProcessTree.withDescendants(target.pids()));
        paused.remove(component);
        target.close();
        stopped.add(component);
        log.info("{} stopped", component);
    }

    /** SIGKILL to all its processes, as in a crash; returns once they are gone. Data on disk stays. */
    public synchronized void kill(String component) {
        Component target = component(component);
        if (stopped.contains(component)) {
            return;
        }
        target.kill();
        paused.remove(component);
        stopped.add(component);
        log.info("{} killed", component);
    }

    /** SIGSTOP to all its processes: its port accepts connections that nothing answers, as a hung server. */
    public synchronized void pause(String component) {
        Component target = component(component);
        ComponentState state = state(component);
        if (state != ComponentState.RUNNING && state != ComponentState.PAUSED) {
            throw new IllegalStateException(component + " is " + state.name().toLowerCase(Locale.ROOT)
                    + ": only a running component can be paused");
        }
        ProcessTree.signal("STOP", ProcessTree.withDescendants(target.pids()));
        paused.add(component);
        log.info("{} paused", component);
    }

    /** SIGCONT to all its processes, undoing {@link #pause(String)}. */
    public synchronized void resume(String component) {
        Component target = component(component);
        if (stopped.contains(component)) {
            throw new IllegalStateException(component + " is stopped: start it instead");
        }
        ProcessTree.signal("CONT", ProcessTree.withDescendants(target.pids()));
        paused.remove(component);
        log.info("{} resumed", component);
    }

    /**
     * Starts a stopped, killed or crashed component again on the same port with the same data, and returns
     * once it answers. Does nothing if it runs; refuses if it is paused (resume it, or kill it first).
     */
    public synchronized void start(String component) {
        Component target = component(component);
        ComponentState state = state(component);
        switch (state) {
            case RUNNING -> {
                return;
            }
            case PAUSED -> throw new IllegalStateException(component + " is paused: resume it, or kill it before starting it");
            case EXITED -> target.kill(); // releases what is held for the dead processes
            case STOPPED -> { }
        }
        stopped.add(component);
        try {
            startLogged(target);
        }
        catch (RuntimeException e) {
            target.kill();
            throw new IllegalStateException(component + " did not start: " + e.getMessage(), e);
        }
        stopped.remove(component);
        paused.remove(component);
    }

    /**
     * Kills the component if it runs, deletes its data and starts it again, empty, on the same port: a Redis
     * node that comes back without the keys it had, for instance.
     */
    public synchronized void restartEmpty(String component) {
        Component target = component(component);
        kill(component);
        deleteRecursively(target.dataDir());
        log.info("{} data deleted", component);
        start(component);
    }

    private Component component(String name) {
        Component component = byName.get(name);
        if (component == null) {
            throw new IllegalArgumentException("unknown dev-stack component '" + name + "'; known: "
                    + String.join(", ", byName.keySet()));
        }
        return component;
    }

    @Override
    public synchronized void close() {
        for (int i = components.size() - 1; i >= 0; i--) {
            Component component = components.get(i);
            try {
                ProcessTree.signal("CONT", ProcessTree.withDescendants(component.pids()));
                component.close();
            }
            catch (RuntimeException e) {
                log.warn("{} did not stop cleanly: {}", component.name(), e.getMessage());
            }
        }
        if (settings.ephemeral()) {
            deleteRecursively(settings.dataDir().getParent());
        }
    }

    static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
