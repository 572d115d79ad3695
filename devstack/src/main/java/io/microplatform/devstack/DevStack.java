package io.microplatform.devstack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * <p>{@link #connectionProperties()} gives the coordinates in the vocabulary every deployment uses
 * ({@code POSTGRES_PORT}, {@code KAFKA_BOOTSTRAP_SERVERS}...): the services' configuration reads these
 * names, whether they come from this stack, from docker-compose or from Kubernetes.
 */
public final class DevStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DevStack.class);

    private final DevStackSettings settings;
    private final List<Component> components;

    private DevStack(DevStackSettings settings, List<Component> components) {
        this.settings = settings;
        this.components = components;
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

    /** Connection coordinates under the environment-variable names that the services' configuration reads. */
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
        return properties;
    }

    /** What runs, for the table printed at start-up. */
    public Map<String, String> endpoints() {
        Map<String, String> endpoints = new LinkedHashMap<>();
        components.forEach(component -> endpoints.put(component.name(), component.endpoint()));
        return endpoints;
    }

    public List<Long> pids() {
        return components.stream().flatMap(component -> component.pids().stream()).toList();
    }

    @Override
    public void close() {
        for (int i = components.size() - 1; i >= 0; i--) {
            Component component = components.get(i);
            try {
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
